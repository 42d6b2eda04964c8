// The figures pages under /tal/ (loaded by their templates only). Three small things, none
// needed to read the page: old anchors of the former one-page /tal/ lead to where their
// content is now; a chart tells a year's value on hover and on keyboard focus (arrow keys);
// the printed page carries its full address. Material's instant navigation runs this file
// again on each figures page, so the document-wide listeners are added once only.
(function () {
  "use strict";

  // /tal/#<table>--<indicator> and /tal/#<table>-<section> → the table's own page (same id);
  // /tal/#pr-fagomraade etc. → /tal/kataloget/. Only on the overview, where the ids are known.
  function followMovedAnchor() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id || document.getElementById(id)) return;
    var moved = document.querySelector("[data-kk-ids]");
    if (moved && moved.getAttribute("data-kk-ids").split(" ").indexOf(id) >= 0) {
      location.replace(moved.getAttribute("data-kk-side") + "#" + id);
      return;
    }
    var best = null;
    document.querySelectorAll("li[data-kk-side][id]").forEach(function (table) {
      if (id.indexOf(table.id + "-") === 0 && (!best || table.id.length > best.id.length)) best = table;
    });
    if (best) location.replace(best.getAttribute("data-kk-side") + "#" + id);
  }

  function fillAddress() {
    var here = location.href.split("#")[0];
    document.querySelectorAll("[data-kk-adresse]").forEach(function (el) { el.textContent = here; });
  }

  followMovedAnchor();
  fillAddress();
  if (window.kkTalListening) return;
  window.kkTalListening = true;
  window.addEventListener("hashchange", followMovedAnchor);

  var tip = null;
  var mark = null;
  var SVG = "http://www.w3.org/2000/svg";

  function geometry(svg) {
    return { slot: parseFloat(svg.getAttribute("data-kk-slot")), left: parseFloat(svg.getAttribute("data-kk-left")), box: svg.viewBox.baseVal };
  }

  function show(svg, index) {
    var tips = svg.getAttribute("data-kk-tips").split("\n");
    var i = Math.max(0, Math.min(tips.length - 1, index));
    var g = geometry(svg);
    svg.setAttribute("data-kk-valgt", i);
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "kk-tip";
      tip.setAttribute("aria-live", "polite");
      document.body.appendChild(tip);
    }
    tip.textContent = tips[i];
    tip.hidden = false;
    if (!mark) {
      mark = document.createElementNS(SVG, "rect");
      mark.setAttribute("class", "kk-graf-markering");
      mark.setAttribute("height", "3");
    }
    mark.setAttribute("x", g.left + i * g.slot);
    mark.setAttribute("width", g.slot);
    mark.setAttribute("y", g.box.height - 17);
    svg.appendChild(mark);
    var r = svg.getBoundingClientRect();
    var centre = r.left + (g.left + (i + 0.5) * g.slot) * r.width / g.box.width;
    var width = document.documentElement.clientWidth;
    var left = Math.min(Math.max(centre - tip.offsetWidth / 2, 4), width - tip.offsetWidth - 4);
    tip.style.left = left + window.scrollX + "px";
    tip.style.top = r.top + window.scrollY - tip.offsetHeight - 4 + "px";
  }

  function hide() {
    if (tip) tip.hidden = true;
    if (mark && mark.parentNode) mark.parentNode.removeChild(mark);
  }

  function chartOf(node) {
    return node && node.closest ? node.closest("svg.kk-graf") : null;
  }

  document.addEventListener("pointermove", function (event) {
    var svg = chartOf(event.target);
    if (!svg) {
      if (tip && !tip.hidden && !chartOf(document.activeElement)) hide();
      return;
    }
    var g = geometry(svg);
    var r = svg.getBoundingClientRect();
    show(svg, Math.floor(((event.clientX - r.left) * g.box.width / r.width - g.left) / g.slot));
  });
  window.addEventListener("resize", hide);
  document.addEventListener("focusin", function (event) {
    var svg = chartOf(event.target);
    if (svg) show(svg, svg.getAttribute("data-kk-tips").split("\n").length - 1);
  });
  document.addEventListener("focusout", function (event) {
    if (chartOf(event.target)) hide();
  });
  document.addEventListener("keydown", function (event) {
    var svg = chartOf(document.activeElement);
    if (!svg) return;
    var i = parseInt(svg.getAttribute("data-kk-valgt") || "0", 10);
    if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
      show(svg, i + (event.key === "ArrowLeft" ? -1 : 1));
      event.preventDefault();
    } else if (event.key === "Escape") {
      hide();
    }
  });
})();
