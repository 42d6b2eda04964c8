// Keyboard access to tables that scroll sideways. A table wider than the column scrolls inside
// Material's .md-typeset__scrollwrap; a keyboard can only scroll it if it takes focus, and most
// figure tables (/tal/) hold nothing focusable (WCAG 2.1.1; axe: scrollable-region-focusable).
// So the wrapper joins the tab order while, and only while, it actually scrolls.
// Runs on every page load, including Material's instant navigation (document$).
(function () {
  "use strict";
  var resizes = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(function (entries) {
    entries.forEach(function (entry) { update(entry.target.closest(".md-typeset__scrollwrap")); });
  });

  function update(wrap) {
    if (!wrap) return;
    if (wrap.scrollWidth > wrap.clientWidth + 1) wrap.setAttribute("tabindex", "0");
    else wrap.removeAttribute("tabindex");
  }

  function watch(wrap) {
    if (wrap.dataset.kkWatched) return;
    wrap.dataset.kkWatched = "1";
    // The observer reports every wrapper once after the next layout; reading its size here
    // would force a layout of the whole page while it loads (a 0.4 s task on a slow phone).
    if (!resizes) return update(wrap);
    // The wrapper resizes with the window; the table inside it with its rows (filtering).
    resizes.observe(wrap);
    var table = wrap.querySelector("table");
    if (table) resizes.observe(table);
  }

  function init() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(watch);
  }
  if (typeof document$ !== "undefined") document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
