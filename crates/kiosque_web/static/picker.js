// The article editor's toolbar and pickers: italics and bold on the selection, a link to
// another article chosen by searching, an image or a video chosen from the library, or an
// image uploaded on the spot (file choice, drag and drop, or paste) with its alt text. What a
// picker chooses becomes a line of the body syntax at the cursor, so the text area stays the
// one truth that is saved, previewed and sent. Without this script the toolbar stays hidden
// and the editor works as a form; the media library keeps its own page. The script writes no
// words of its own: they come from the dialog's data-* attributes, in the site's language.

const body = document.getElementById("e-body");
const dialog = document.getElementById("picker");
const tools = document.querySelector("[data-editor-tools]");

if (body && !body.readOnly && dialog && tools && typeof dialog.showModal === "function") {
  const words = dialog.dataset;
  const search = dialog.querySelector("#picker-q");
  const results = dialog.querySelector("[data-picker-results]");
  const linkText = dialog.querySelector("#picker-text");
  const upload = dialog.querySelector("[data-picker-upload]");
  const fileInput = dialog.querySelector("#picker-file");
  const chosen = dialog.querySelector("[data-picker-chosen]");
  const drop = dialog.querySelector("[data-picker-drop]");
  const error = dialog.querySelector("[data-picker-error]");
  const alt = dialog.querySelector("#picker-alt");
  const caption = dialog.querySelector("#picker-caption");
  const credit = dialog.querySelector("#picker-credit");
  const sendButton = upload.querySelector("button[type=submit]");
  let mode = "image";
  let selection = [0, 0];
  let file = null;
  let searchTimer = null;
  let asked = 0;

  tools.hidden = false;
  for (const b of document.querySelectorAll("[data-pick=hero]")) b.hidden = false;

  // The text area changed under the script: the editor saves, keeps and previews it as typing.
  const changed = () => body.dispatchEvent(new Event("input", { bubbles: true }));

  // Text placed where the cursor was (replacing the selection), the cursor after it.
  const put = (text, [start, end]) => {
    body.focus();
    body.setRangeText(text, start, end, "end");
    changed();
  };

  // A block (an image, a video) is a line of its own: blank lines around it when needed.
  const putBlock = (line) => {
    const [start, end] = selection;
    const before = body.value.slice(0, start);
    const after = body.value.slice(end);
    const lead = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
    const tail = after === "" || after.startsWith("\n\n") ? "" : after.startsWith("\n") ? "\n" : "\n\n";
    put(lead + line + tail, selection);
  };

  const escapeText = (s) => s.replace(/[\\[\]*]/g, (c) => `\\${c}`);

  const wrap = (marker) => {
    const { selectionStart: start, selectionEnd: end, value } = body;
    const inside = value.slice(start, end);
    body.focus();
    body.setRangeText(marker + inside + marker, start, end, "end");
    if (!inside) body.setSelectionRange(start + marker.length, start + marker.length);
    changed();
  };

  const showError = (message) => {
    error.textContent = message || "";
    error.hidden = !message;
  };

  const choose = (item) => {
    if (mode === "hero") {
      const set = (id, value) => {
        const el = document.getElementById(id);
        if (el) el.value = value || "";
      };
      set("e-hero", item.path);
      set("e-hero-alt", item.alt);
      set("e-hero-caption", item.caption);
      set("e-hero-credit", item.credit);
      dialog.close();
      document.getElementById("e-hero")?.dispatchEvent(new Event("input", { bubbles: true }));
      return;
    }
    dialog.close();
    if (mode === "link") {
      const text = linkText.value.trim() || item.title;
      put(`[${escapeText(text)}](${item.path})`, selection);
    } else {
      putBlock(item.snippet);
    }
  };

  const sourceOf = () =>
    mode === "video" ? words.videos : mode === "link" ? words.links : words.media;

  const render = (items) => {
    results.replaceChildren();
    if (!items.length) {
      const li = document.createElement("li");
      li.className = "picker-empty";
      li.textContent = words.empty;
      results.append(li);
      return;
    }
    for (const item of items) {
      const li = document.createElement("li");
      const b = document.createElement("button");
      b.type = "button";
      b.className = "picker-item";
      if (item.thumb) {
        const img = document.createElement("img");
        img.src = item.thumb;
        img.alt = "";
        img.loading = "lazy";
        img.width = 96;
        img.height = 64;
        b.append(img);
      }
      const text = document.createElement("span");
      text.className = "picker-item-text";
      const name = document.createElement("span");
      name.className = "picker-item-name";
      name.textContent = item.title || item.alt || item.path;
      const meta = document.createElement("span");
      meta.className = "picker-item-meta";
      meta.textContent = item.date || item.path || "";
      text.append(name, meta);
      b.append(text);
      b.addEventListener("click", () => choose(item));
      li.append(b);
      results.append(li);
    }
  };

  async function find() {
    const ticket = ++asked;
    const url = `${sourceOf()}?q=${encodeURIComponent(search.value.trim())}`;
    try {
      const res = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
      const json = await res.json();
      // An older answer arriving late must not replace a newer one.
      if (ticket === asked) render(json.items || []);
    } catch {
      if (ticket === asked) render([]);
    }
  }

  const takeFile = (f) => {
    if (!f) return;
    file = f;
    chosen.textContent = f.name || "";
    showError(f.type.startsWith("image/") ? "" : words.notImage);
    if (!alt.value.trim()) alt.focus();
  };

  const open = (how, withFile = null) => {
    mode = how;
    selection = [body.selectionStart, body.selectionEnd];
    const title = { image: words.titleImage, hero: words.titleHero, video: words.titleVideo, link: words.titleLink }[how];
    dialog.querySelector("#picker-title").textContent = title;
    dialog.dataset.mode = how;
    for (const part of dialog.querySelectorAll("[data-picker-part]")) {
      const which = part.dataset.pickerPart;
      part.hidden = which === "link" ? how !== "link" : !(how === "image" || how === "hero");
    }
    linkText.value = how === "link" ? body.value.slice(selection[0], selection[1]) : "";
    search.value = "";
    upload.reset();
    file = null;
    chosen.textContent = "";
    showError("");
    results.replaceChildren();
    dialog.showModal();
    find();
    if (withFile) takeFile(withFile);
    else search.focus();
  };

  tools.addEventListener("click", (e) => {
    const b = e.target.closest("button");
    if (!b) return;
    if (b.dataset.wrap) wrap(b.dataset.wrap);
    else if (b.dataset.pick) open(b.dataset.pick);
  });
  for (const b of document.querySelectorAll("[data-pick=hero]")) {
    b.addEventListener("click", () => open("hero"));
  }
  dialog.querySelector("[data-picker-close]").addEventListener("click", () => dialog.close());
  search.addEventListener("input", () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(find, 200);
  });
  // Enter in the search field picks the first result, as a search box of a picker should.
  search.addEventListener("keydown", (e) => {
    if (e.key !== "Enter") return;
    e.preventDefault();
    results.querySelector("button")?.click();
  });
  fileInput.addEventListener("change", () => takeFile(fileInput.files[0]));

  const imageOf = (list) => [...(list || [])].find((f) => f.kind === undefined || f.kind === "file");
  for (const zone of [drop, body]) {
    zone.addEventListener("dragover", (e) => {
      if ([...(e.dataTransfer?.types || [])].includes("Files")) {
        e.preventDefault();
        drop.classList.add("is-over");
      }
    });
    zone.addEventListener("dragleave", () => drop.classList.remove("is-over"));
  }
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("is-over");
    takeFile(imageOf(e.dataTransfer.files));
  });
  // An image dropped or pasted in the text opens the picker with it, ready for its alt text.
  body.addEventListener("drop", (e) => {
    const f = imageOf(e.dataTransfer?.files);
    if (!f) return;
    e.preventDefault();
    open("image", f);
  });
  const pasted = (e) => [...(e.clipboardData?.files || [])].find((f) => f.type.startsWith("image/"));
  body.addEventListener("paste", (e) => {
    const f = pasted(e);
    if (!f) return;
    e.preventDefault();
    open("image", f);
  });
  dialog.addEventListener("paste", (e) => {
    const f = pasted(e);
    if (!f || !(mode === "image" || mode === "hero")) return;
    e.preventDefault();
    takeFile(f);
  });

  upload.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!file) {
      showError(words.notImage);
      fileInput.focus();
      return;
    }
    if (!alt.value.trim()) {
      showError(words.altMissing);
      alt.focus();
      return;
    }
    // The token comes first: the server refuses a file sent before it.
    const data = new FormData();
    data.append("csrf", words.csrf);
    data.append("file", file, file.name || "image");
    data.append("alt", alt.value);
    data.append("caption", caption.value);
    data.append("credit", credit.value);
    sendButton.disabled = true;
    showError("");
    chosen.textContent = words.sending;
    try {
      const res = await fetch(words.upload, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      const json = await res.json().catch(() => ({}));
      if (res.ok && json.snippet) {
        choose(json);
      } else {
        chosen.textContent = file.name || "";
        showError(json.error?.message || words.failed);
      }
    } catch {
      chosen.textContent = file.name || "";
      showError(words.failed);
    } finally {
      sendButton.disabled = false;
    }
  });
}
