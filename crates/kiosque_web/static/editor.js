// The article editor's enhancements: a live preview as the journalist types, autosave of the
// working copy, and a warning before leaving with unsaved changes. Without this script the
// editor still works: its preview and save buttons are plain form submissions. The script
// writes no words of its own: what it shows comes from the server, in the site's language
// (the autosave's answer, and the status element's data-expired and data-failed).

const form = document.getElementById("editor");
if (form) {
  const target = document.querySelector("[data-preview-target]");
  const status = document.querySelector("[data-autosave-status]");
  const say = (text) => {
    if (status) status.textContent = text || "";
  };
  const previewUrl = form.dataset.preview;
  const autosaveUrl = form.dataset.autosave;
  let dirty = false;
  let previewTimer = null;
  let lastSaved = new URLSearchParams(new FormData(form)).toString();

  const body = () => {
    const data = new URLSearchParams(new FormData(form));
    data.delete("intent");
    return data;
  };

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

  async function autosave() {
    if (!autosaveUrl) return;
    const data = body();
    const snapshot = data.toString();
    if (snapshot === lastSaved) return;
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
        say(status?.dataset.expired);
        return;
      }
      const json = await res.json();
      say(json.message);
      if (json.saved) lastSaved = snapshot;
    } catch {
      say(status?.dataset.failed);
    }
  }

  form.addEventListener("input", () => {
    dirty = true;
    clearTimeout(previewTimer);
    previewTimer = setTimeout(refreshPreview, 400);
  });
  form.addEventListener("submit", () => {
    dirty = false;
  });
  setInterval(autosave, 10000);
  window.addEventListener("beforeunload", (e) => {
    if (dirty) {
      e.preventDefault();
    }
  });
}
