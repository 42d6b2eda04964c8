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

  // A large catalogue sends its rows as data (see TABLE_INLINE_LIMIT in klyngekatalog/views.py).
  // Cells are filled with textContent: catalogue text never becomes markup.
  function loadRows(table) {
    var src = table.dataset.kkRowsSrc;
    if (!src || table.tBodies[0].rows.length) return Promise.resolve();
    var base = new URL(src, location.href);
    return fetch(base).then(function (response) { return response.json(); }).then(function (data) {
      var body = table.tBodies[0];
      var fragment = document.createDocumentFragment();
      data.rows.forEach(function (r) {
        var row = document.createElement("tr");
        row.dataset.themes = r[3].join(" ");
        row.dataset.aliases = r[2];
        var name = document.createElement("td");
        var link = document.createElement("a");
        link.href = new URL("../klynger/" + r[0] + "/", base).href;
        link.textContent = r[1];
        name.appendChild(link);
        var themes = document.createElement("td");
        themes.textContent = r[3].map(function (id) { return data.themes[id]; }).join(", ");
        var level = document.createElement("td");
        level.textContent = r[4];
        level.dataset.sort = r[5];
        var programme = document.createElement("td");
        programme.textContent = r[6];
        var website = document.createElement("td");
        if (/^https?:\/\//.test(r[7])) {
          var site = document.createElement("a");
          site.href = r[7];
          site.rel = "nofollow noopener";
          site.textContent = r[7].replace(/^https?:\/\/(www\.)?/, "");
          website.appendChild(site);
        }
        [name, themes, level, programme, website].forEach(function (cell) { row.appendChild(cell); });
        fragment.appendChild(row);
      });
      body.appendChild(fragment);
    });
  }

  function init() {
    document.querySelectorAll("[data-kk-table]").forEach(function (table) {
      loadRows(table).then(function () { setUp(table); });
    });
  }
  if (typeof document$ !== "undefined") document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
