// Comments, enhanced: post without reloading, and see new comments as they are published.
// Everything works without this script (plain forms and links); it only adds comfort.
// The server renders every comment's HTML (escaped there); this script never builds markup
// from what members wrote.

const section = document.querySelector("section.comments[data-article]");
if (section) {
  const article = section.dataset.article;
  const list = section.querySelector("[data-comment-list]");
  let last = Number(section.dataset.last || 0);
  const empty = section.querySelector(".no-comments");

  const heading = section.querySelector("h2");
  function bumpCount() {
    let count = heading.querySelector(".count");
    if (!count) {
      count = document.createElement("span");
      count.className = "count";
      heading.append(" ", count);
    }
    const n = Number((count.textContent.match(/\d+/) || ["0"])[0]) + 1;
    count.textContent = `(${n})`;
  }

  function insert(id, parentId, html) {
    if (document.getElementById(`commentaire-${id}`)) return;
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    const node = template.content.firstElementChild;
    if (!node) return;
    const replies = parentId ? document.querySelector(`[data-replies="${parentId}"]`) : null;
    (replies || list).append(node);
    if (empty) empty.hidden = true;
    bumpCount();
    last = Math.max(last, id);
  }

  const form = section.querySelector("form[data-comment-form]");
  if (form) {
    const status = form.querySelector(".form-status");
    let sending = false;
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (sending) return;
      // Not `disabled`: disabling the focused button would throw keyboard users' focus away.
      const button = form.querySelector("button[type=submit]");
      sending = true;
      button.setAttribute("aria-disabled", "true");
      status.textContent = "Envoi…";
      try {
        const response = await fetch(form.action, {
          method: "POST",
          headers: { Accept: "application/json" },
          body: new URLSearchParams(new FormData(form)),
          credentials: "same-origin",
        });
        const data = await response.json();
        if (!response.ok) {
          status.textContent = data.error?.message || "Le commentaire n’a pas pu être envoyé.";
          return;
        }
        if (data.html) insert(data.id, data.parent_id, data.html);
        form.reset();
        status.textContent = data.message;
      } catch {
        status.textContent = "Connexion perdue : le commentaire n’a pas pu être envoyé.";
      } finally {
        sending = false;
        button.removeAttribute("aria-disabled");
      }
    });
  }

  if ("EventSource" in window) {
    const connect = () => {
      // `vu`: when the page was rendered, so comments approved since then arrive too.
      const shown = section.dataset.shown || "";
      const source = new EventSource(`/articles/${article}/commentaires/flux?depuis=${last}&vu=${shown}`);
      source.addEventListener("comment", (event) => {
        const data = JSON.parse(event.data);
        insert(data.id, data.parent_id, data.html);
      });
      source.onerror = () => {
        source.close();
        setTimeout(connect, 5000);
      };
    };
    connect();
  }
}
