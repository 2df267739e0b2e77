// The article editor's enhancements: a live preview as the journalist types, a save status,
// the text kept in this browser until the server confirms a save, a crash-safety copy on the
// server, and a question before leaving with unsaved text. Without this script the editor
// still works: its preview, save and workflow buttons are plain form submissions (the workflow
// buttons post the whole editor form, so they always act on the text on the screen). The
// script writes no words of its own: what it shows comes from the server, in the site's
// language (the status element's data-* attributes and the autosave's answer).

const form = document.getElementById("editor");
if (form) {
  const target = document.querySelector("[data-preview-target]");
  const status = document.querySelector("[data-autosave-status]");
  const words = status ? status.dataset : {};
  // Refusals and text that only this browser holds are warnings, never success.
  const say = (text, warning = false, action = null) => {
    if (!status) return;
    status.textContent = text || "";
    status.classList.toggle("is-warning", warning);
    if (action) status.append(action);
  };
  const previewUrl = form.dataset.preview;
  // The preview follows the typing: its button is for pages without this script.
  const previewButton = form.querySelector("button[name=intent][value=preview]");
  if (previewButton && target) previewButton.hidden = true;
  const autosaveUrl = form.dataset.autosave;
  const key = `kiosque-editor:${form.dataset.article || "nouveau"}`;
  const version = Number(form.elements.version?.value || 0);
  let dirty = false;
  let submitting = false;
  let previewTimer = null;

  // The article's fields: what the person typed or chose (not the token, the version or the
  // page's state, which come from the server).
  const fields = () =>
    [...form.elements].filter(
      (el) => el.name && el.type !== "hidden" && el.type !== "submit" && el.type !== "button",
    );
  const snapshot = () => fields().map((el) => [el.name, el.value]);
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const restore = (saved) => {
    for (const [name, value] of saved) {
      const el = form.elements[name];
      if (el && "value" in el) el.value = value;
    }
  };

  const read = () => {
    try {
      return JSON.parse(localStorage.getItem(key) || "null");
    } catch {
      return null;
    }
  };
  const keep = () => {
    try {
      localStorage.setItem(key, JSON.stringify({ version, at: Date.now(), fields: snapshot() }));
    } catch {
      // Storage full or refused: the server copy and the question on leaving remain.
    }
  };
  const forget = (which = key) => {
    try {
      localStorage.removeItem(which);
    } catch {
      // Nothing to forget.
    }
  };

  const body = () => {
    const data = new URLSearchParams(new FormData(form));
    data.delete("intent");
    return data;
  };
  let lastAutosaved = body().toString();

  async function refreshPreview() {
    try {
      const res = await fetch(previewUrl, {
        method: "POST",
        body: body(),
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        credentials: "same-origin",
      });
      // The server renders and escapes; the fragment is the public page's own markup.
      // A redirect means the session ended (the log-in page): keep the last preview.
      if (res.ok && !res.redirected && target) target.innerHTML = await res.text();
    } catch {
      // Offline for a moment: the next keystroke tries again.
    }
  }

  // A crash-safety copy on the server. It is not the article: the status still says the
  // changes are unsaved, and no workflow action reads it.
  async function autosave() {
    if (!autosaveUrl || !dirty) return;
    const data = body();
    const sent = data.toString();
    if (sent === lastAutosaved) return;
    try {
      const res = await fetch(autosaveUrl, {
        method: "POST",
        body: data,
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/json",
        },
        credentials: "same-origin",
      });
      if (res.redirected || !res.headers.get("content-type")?.includes("json")) {
        say(words.expired, true);
        return;
      }
      const json = await res.json();
      if (json.saved) {
        lastAutosaved = sent;
        say(json.status || words.unsaved);
      } else {
        say(json.message, true);
      }
    } catch {
      say(words.offline, true);
    }
  }

  // What this browser kept from an earlier visit.
  const url = new URL(window.location.href);
  const refused = document.getElementById("editor-error");
  if (url.searchParams.has("ok")) {
    // The server confirmed a save (or created the article): the kept text is in it. The
    // marker leaves the address, so a later reload does not forget newer text.
    forget();
    if (url.searchParams.get("ok") === "cree") forget("kiosque-editor:nouveau");
    url.searchParams.delete("ok");
    window.history.replaceState(null, "", url.pathname + url.search + url.hash);
  } else if (refused) {
    // The server refused a post: the page shows the person's text, which is not saved.
    dirty = true;
    keep();
    say(words.refused, true);
  } else {
    const kept = read();
    if (kept && !same(kept.fields, snapshot())) {
      if (kept.version >= version) {
        restore(kept.fields);
        dirty = true;
        say(words.restored, true);
        refreshPreview();
      } else {
        // Someone saved since: the person decides which text to go on with.
        const take = document.createElement("button");
        take.type = "button";
        take.className = "secondary";
        take.textContent = words.take;
        take.addEventListener("click", () => {
          restore(kept.fields);
          dirty = true;
          keep();
          say(words.unsaved, true);
          refreshPreview();
        });
        say(words.older, true, take);
      }
    } else if (kept) {
      forget();
    }
  }

  form.addEventListener("input", () => {
    dirty = true;
    keep();
    if (navigator.onLine) say(words.unsaved);
    else say(words.offline, true);
    clearTimeout(previewTimer);
    previewTimer = setTimeout(refreshPreview, 400);
  });
  // The text stays kept until the answer confirms it (the next page's "ok").
  form.addEventListener("submit", () => {
    keep();
    submitting = true;
  });
  window.addEventListener("online", autosave);
  window.addEventListener("offline", () => {
    if (dirty) say(words.offline, true);
  });
  setInterval(autosave, 10000);
  window.addEventListener("beforeunload", (e) => {
    if (dirty && !submitting) {
      e.preventDefault();
      e.returnValue = "";
    }
  });
  window.addEventListener("pageshow", (e) => {
    // Back from the next page without a reload: the post may not have happened.
    if (e.persisted) submitting = false;
  });

  // The title wraps over several lines on the screen but is one line of text: Enter moves on
  // to the standfirst, and a pasted line break becomes a space.
  const title = document.getElementById("e-title");
  if (title && !title.readOnly) {
    title.addEventListener("keydown", (e) => {
      if (e.key !== "Enter") return;
      e.preventDefault();
      document.getElementById("e-standfirst")?.focus();
    });
    title.addEventListener("input", () => {
      if (/[\r\n]/.test(title.value)) {
        const at = title.selectionStart;
        title.value = title.value.replace(/\r?\n/g, " ");
        title.setSelectionRange(at, at);
      }
    });
  }

  // On a phone the article's settings fold away under the text; wider screens show them
  // beside it.
  const side = document.querySelector("[data-side-panel]");
  if (side && window.matchMedia("(max-width: 63.99rem)").matches && !refused) side.open = false;

  // Inline formatting from the keyboard: Ctrl/Cmd+I and +B wrap the selection in the markers
  // of the body syntax, Ctrl/Cmd+K asks for an address (the question is the text area's
  // data-link-prompt). The input event then saves and previews as typing does.
  const textArea = document.getElementById("e-body");
  if (textArea && !textArea.readOnly) {
    const wrap = (before, after) => {
      const { selectionStart: start, selectionEnd: end, value } = textArea;
      const chosen = value.slice(start, end);
      textArea.setRangeText(before + chosen + after, start, end, "end");
      if (!chosen) {
        const inside = start + before.length;
        textArea.setSelectionRange(inside, inside);
      }
      textArea.dispatchEvent(new Event("input", { bubbles: true }));
    };
    textArea.addEventListener("keydown", (e) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      const k = e.key.toLowerCase();
      if (k === "i") {
        e.preventDefault();
        wrap("*", "*");
      } else if (k === "b") {
        e.preventDefault();
        wrap("**", "**");
      } else if (k === "k") {
        e.preventDefault();
        const url = window.prompt(textArea.dataset.linkPrompt || "", "https://");
        if (url && url.trim()) wrap("[", `](${url.trim()})`);
      }
    });
  }
}
