// Sorting and filtering of the catalogue table (/klynger/). Self-hosted, no dependencies.
// Runs on every page load, including Material's instant navigation (document$).
(function () {
  "use strict";
  var collator = new Intl.Collator("da", { numeric: true, sensitivity: "base" });

  function setUp(table) {
    if (table.dataset.kkReady) return;
    table.dataset.kkReady = "1";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var form = document.querySelector(".kk-filter");
    var text = form && form.querySelector("[data-kk-filter-text]");
    var theme = form && form.querySelector("[data-kk-filter-theme]");
    var count = form && form.querySelector("[data-kk-count]");
    rows.forEach(function (row) {
      row.kkText = (row.cells[0].textContent + " " + (row.dataset.aliases || "")).toLowerCase();
    });

    function filter() {
      var needle = text ? text.value.trim().toLowerCase() : "";
      var wanted = theme ? theme.value : "";
      var shown = 0;
      rows.forEach(function (row) {
        var ok = (!needle || row.kkText.indexOf(needle) !== -1) &&
          (!wanted || (" " + row.dataset.themes + " ").indexOf(" " + wanted + " ") !== -1);
        row.hidden = !ok;
        if (ok) shown++;
      });
      if (count) count.textContent = shown + " af " + rows.length + " klynger";
    }

    function sortBy(column, header) {
      var ascending = header.getAttribute("aria-sort") !== "ascending";
      table.querySelectorAll("th[aria-sort]").forEach(function (th) { th.removeAttribute("aria-sort"); });
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = a.cells[column], y = b.cells[column];
        var result = collator.compare(x.dataset.sort || x.textContent.trim(), y.dataset.sort || y.textContent.trim());
        return ascending ? result : -result;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    }

    table.querySelectorAll("[data-kk-sort]").forEach(function (button) {
      button.addEventListener("click", function () {
        sortBy(Number(button.dataset.kkSort), button.closest("th"));
      });
    });
    if (text) text.addEventListener("input", filter);
    if (theme) theme.addEventListener("change", filter);
    filter();
  }

  function init() {
    document.querySelectorAll("[data-kk-table]").forEach(setUp);
  }
  if (typeof document$ !== "undefined") document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
