// Drag and drop on the composition pages (/admin/une): drop an article of the list on a slot
// to place it there. It only fills and sends the page's own "place" form, which works without
// this script (and without a mouse): choose the article, the slot, and press the button.
(function () {
  "use strict";
  const form = document.getElementById("compose-place");
  // Dragging needs a mouse or a pen: on a touch screen the form alone is offered.
  if (!form || !window.matchMedia("(pointer: fine)").matches) return;
  const target = form.querySelector("select[name=target]");
  const other = form.querySelector("input[name=autre]");
  let dragged = null;
  for (const hint of document.querySelectorAll("[data-drag-hint]")) hint.hidden = false;
  for (const item of form.querySelectorAll("[data-article]")) {
    item.draggable = true;
    item.addEventListener("dragstart", (e) => {
      dragged = item.dataset.article;
      e.dataTransfer.setData("text/plain", dragged);
      e.dataTransfer.effectAllowed = "move";
    });
    item.addEventListener("dragend", () => { dragged = null; });
  }
  for (const slot of document.querySelectorAll("[data-target]")) {
    slot.addEventListener("dragover", (e) => {
      if (!dragged) return;
      e.preventDefault();
      slot.classList.add("drop-here");
    });
    slot.addEventListener("dragleave", () => slot.classList.remove("drop-here"));
    slot.addEventListener("drop", (e) => {
      e.preventDefault();
      slot.classList.remove("drop-here");
      const id = dragged || e.dataTransfer.getData("text/plain");
      const radio = id && form.querySelector('input[name=lead][value="' + CSS.escape(id) + '"]');
      if (!radio) return;
      radio.checked = true;
      if (other) other.value = "";
      target.value = slot.dataset.target;
      form.requestSubmit();
    });
  }
})();
