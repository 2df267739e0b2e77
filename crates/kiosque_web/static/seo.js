// The editor's address and search-engine fields, enhanced: the public address follows the
// slug (or the title, when the slug is empty) and the section as one types, and each
// search-engine field counts its characters. Without this script the server shows the same
// address and counts after each save. The words come from the page (data-pattern).

const seo = document.querySelector("[data-seo]");
const form = document.getElementById("editor");
if (seo && form) {
  const slugInput = document.getElementById("e-slug");
  const title = document.getElementById("e-title");
  const section = document.getElementById("e-section");
  const address = seo.querySelector("[data-address]");

  // As the server forms a slug from a title (kiosque_domain::slug::slugify): ASCII letters
  // and digits, lowercase, words joined by single hyphens, cut at a word within 80 bytes.
  const MAX = 80;
  const slugify = (text) => {
    const words = text
      .replace(/[œŒ]/g, "oe")
      .replace(/[æÆ]/g, "ae")
      .replace(/ß/g, "ss")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
    let out = "";
    for (const w of words) {
      if (out && out.length + 1 + w.length > MAX) break;
      out = out ? `${out}-${w}` : w;
    }
    return out.slice(0, MAX) || "article";
  };
  const valid = (s) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(s) && s.length <= MAX;

  const showAddress = () => {
    if (!address || !address.dataset.id) return;
    const typed = slugInput ? slugInput.value.trim() : "";
    const slug = typed && valid(typed) ? typed : slugify(title ? title.value : "");
    const where = section ? section.value : "";
    address.textContent = `/${where}/${slug}_${address.dataset.id}.html`;
  };

  // A draft's slug follows its title while it is the title's own: a working title does not
  // fix the address. A published article keeps its address unless someone changes it.
  if (slugInput && title && !slugInput.readOnly && "followTitle" in seo.dataset) {
    let following = slugInput.value.trim() === slugify(title.value);
    slugInput.addEventListener("input", () => {
      following = slugInput.value.trim() === slugify(title.value);
    });
    title.addEventListener("input", () => {
      if (!following) return;
      slugInput.value = slugify(title.value);
      showAddress();
    });
  }
  for (const el of [slugInput, title, section]) el?.addEventListener("input", showAddress);
  section?.addEventListener("change", showAddress);

  for (const counter of seo.querySelectorAll("[data-count-for]")) {
    const field = document.getElementById(counter.dataset.countFor);
    if (!field) continue;
    const count = () => {
      const n = [...field.value].length;
      counter.textContent = (counter.dataset.pattern || "#").replace("#", String(n));
      const max = Number(field.getAttribute("maxlength") || 0);
      counter.classList.toggle("is-near", max > 0 && n > max * 0.9);
    };
    field.addEventListener("input", count);
    count();
  }
}
