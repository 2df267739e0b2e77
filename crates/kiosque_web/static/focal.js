// The focal point of an image (/admin/medias/{id}): a click on the picture fills the form's two
// numbers and shows the spot; the previews follow before saving. Without this script, the two
// numbers are typed, and the form is the same.
(function () {
  "use strict";
  const form = document.querySelector("form[data-focal]");
  const picker = form && form.querySelector("[data-focal-picker]");
  if (!picker) return;
  const image = picker.querySelector("img");
  const marker = picker.querySelector(".focal-marker");
  const x = form.querySelector("input[name=x]");
  const y = form.querySelector("input[name=y]");
  const previews = document.querySelectorAll("[data-focal-preview]");
  picker.hidden = false;

  function show() {
    const fx = Math.min(100, Math.max(0, Number(x.value) || 0));
    const fy = Math.min(100, Math.max(0, Number(y.value) || 0));
    // Set through the object model, which the Content-Security-Policy allows.
    marker.style.left = fx + "%";
    marker.style.top = fy + "%";
    for (const p of previews) p.style.objectPosition = fx + "% " + fy + "%";
  }
  image.addEventListener("click", (e) => {
    const box = image.getBoundingClientRect();
    x.value = Math.round(((e.clientX - box.left) / box.width) * 100);
    y.value = Math.round(((e.clientY - box.top) / box.height) * 100);
    show();
  });
  x.addEventListener("input", show);
  y.addEventListener("input", show);
  show();
})();
