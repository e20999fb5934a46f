// The parallel viewer: light up an aligned sentence and its counterpart together.
// Hover (or keyboard focus) shows a pair; a click pins it and brings the other side into view.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const root = document.querySelector(".parallel");
  if (!root) return;
  let pinned = null;
  const members = (bead) => root.querySelectorAll(`[data-bead="${bead}"]`);
  const mark = (bead, cls, on) => members(bead).forEach((el) => el.classList.toggle(cls, on));
  const beadOf = (target) => target.closest && target.closest("[data-bead]");

  const show = (event) => {
    const el = beadOf(event.target);
    if (el) mark(el.dataset.bead, "hl", true);
  };
  const hide = (event) => {
    const el = beadOf(event.target);
    if (el) mark(el.dataset.bead, "hl", false);
  };
  root.addEventListener("mouseover", show);
  root.addEventListener("mouseout", hide);
  root.addEventListener("focusin", show);
  root.addEventListener("focusout", hide);

  const pin = (el) => {
    if (pinned !== null) mark(pinned, "pin", false);
    const bead = el.dataset.bead;
    pinned = pinned === bead ? null : bead;
    if (pinned === null) return;
    mark(pinned, "pin", true);
    const side = el.closest(".pcell");
    const other = [...members(pinned)].find((m) => m.closest(".pcell") !== side);
    if (other) {
      const box = other.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) {
        other.scrollIntoView({ block: "center", behavior: "smooth" });
      }
    }
  };
  root.addEventListener("click", (event) => {
    const el = beadOf(event.target);
    if (el) pin(el);
  });
  root.addEventListener("keydown", (event) => {
    const el = beadOf(event.target);
    if (el && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      pin(el);
    }
  });
});
