// Sorting and filtering of the catalogue table (/klynger/). Self-hosted, no dependencies.
// Runs on every page load, including Material's instant navigation (document$).
// Columns are declared in klyngekatalog/columns.py; a row is read by column key: from the
// row's data-<key> attributes and its cells' data-key (plain HTML), or from the keyed rows of
// /data/klynger-tabel.json (a large catalogue). The filters live in the address, so a link or
// the back button brings them back.
(function () {
  "use strict";
  // Made at the first sort: building a Danish collator costs a slow phone some 80 ms, and this
  // script runs on every page, most of which never sort.
  var collator = null;
  // The filters' names in the address, in this order (other pages link in with them).
  var PARAMS = ["q", "tema", "aar", "certificering", "program", "liste", "beskrivelse", "websted"];
  var active = null; // the table of the current page, for popstate

  // Danish typed without Danish letters: "fødevarer", "foedevarer" and "fodevarer" all fold
  // to "fodevarer" (æ/ae→a, ø/oe→o, å/aa→a), and accents are dropped.
  function fold(text) {
    return text.toLowerCase().replace(/æ/g, "a").replace(/ø/g, "o").replace(/å/g, "a")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/ae/g, "a").replace(/oe/g, "o").replace(/aa/g, "a");
  }

  // A list value: an array (JSON rows) or ids separated by spaces (a data attribute).
  function list(value) {
    if (Array.isArray(value)) return value;
    return value ? String(value).split(" ").filter(Boolean) : [];
  }

  function text(value) {
    return Array.isArray(value) ? value.join(" | ") : value || "";
  }

  function latestThemes(data) {
    var year = 0;
    Object.keys(data).forEach(function (key) {
      var match = /^fagomraader_(\d+)$/.exec(key);
      if (match && list(data[key]).length && Number(match[1]) > year) year = Number(match[1]);
    });
    return year ? list(data["fagomraader_" + year]) : [];
  }

  // "ja": any; "nej": none; otherwise that id.
  function pick(wanted, values) {
    if (wanted === "ja") return values.length > 0;
    if (wanted === "nej") return values.length === 0;
    return values.indexOf(wanted) !== -1;
  }

  function matches(row, f) {
    var d = row.data;
    if (f.q && row.search.indexOf(f.q) === -1) return false;
    if (f.tema) {
      var themes = f.aar ? list(d["fagomraader_" + f.aar]) : row.latest;
      if (themes.indexOf(f.tema) === -1) return false;
    } else if (f.aar && list(d.aar).indexOf(f.aar) === -1) {
      return false;
    }
    if (f.certificering && !pick(f.certificering, list(d.niveauer))) return false;
    if (f.program && !pick(f.program, list(d.innovationsnetvaerk))) return false;
    if (f.liste && list(d.liste).indexOf(f.liste) === -1) return false;
    if (f.beskrivelse && (f.beskrivelse === "ja") !== Boolean(d.har_beskrivelse)) return false;
    if (f.websted && (f.websted === "ja") !== Boolean(d.websted)) return false;
    return true;
  }

  function prepare(row) {
    row.search = fold(text(row.data.navn) + " " + text(row.data.andre_navne));
    row.latest = latestThemes(row.data);
    return row;
  }

  // A row of the plain HTML table: its data attributes and its cells, by key.
  function htmlRow(tr) {
    var data = {};
    Object.keys(tr.dataset).forEach(function (key) { data[key] = tr.dataset[key]; });
    var cells = {};
    Array.prototype.forEach.call(tr.cells, function (td) {
      cells[td.dataset.key] = td;
      data[td.dataset.key] = td.textContent.trim();
    });
    return prepare({ tr: tr, data: data, cells: cells });
  }

  // A row of the JSON rows, drawn with the columns of the table's header. Cells are filled
  // with textContent: catalogue text never becomes markup.
  function jsonRow(data, columns, base) {
    var tr = document.createElement("tr");
    var cells = {};
    columns.forEach(function (col) {
      var td = document.createElement("td");
      var value = data[col.key];
      td.dataset.key = col.key;
      td.dataset.label = col.label;
      if (data._sort && col.key in data._sort) td.dataset.sort = data._sort[col.key];
      if (col.kind === "link") {
        var link = document.createElement("a");
        link.href = new URL("../klynger/" + data.id + "/", base).href;
        link.textContent = value;
        td.appendChild(link);
      } else if (col.kind === "url") {
        if (/^https?:\/\//.test(value || "")) {
          var site = document.createElement("a");
          site.href = value;
          site.rel = "nofollow noopener";
          site.textContent = value.replace(/^https?:\/\/(www\.)?/, "");
          td.appendChild(site);
        }
      } else {
        td.textContent = Array.isArray(value) ? value.join(", ") : value || "";
      }
      cells[col.key] = td;
      tr.appendChild(td);
    });
    return prepare({ tr: tr, data: data, cells: cells });
  }

  function loadRows(table) {
    var src = table.dataset.kkRowsSrc;
    var body = table.tBodies[0];
    if (!src || body.rows.length) {
      return Promise.resolve(Array.prototype.map.call(body.rows, htmlRow));
    }
    var base = new URL(src, location.href);
    var columns = Array.prototype.map.call(table.querySelectorAll("thead th[data-key]"), function (th) {
      return { key: th.dataset.key, kind: th.dataset.kind, label: th.dataset.label };
    });
    return fetch(base).then(function (response) { return response.json(); }).then(function (json) {
      var fragment = document.createDocumentFragment();
      var rows = json.rows.map(function (data) {
        var row = jsonRow(data, columns, base);
        fragment.appendChild(row.tr);
        return row;
      });
      body.appendChild(fragment);
      return rows;
    });
  }

  function setUp(table, rows) {
    var body = table.tBodies[0];
    var form = document.querySelector("[data-kk-filters]");
    var controls = {};
    PARAMS.forEach(function (name) { controls[name] = form && form.elements[name]; });
    var count = form && form.querySelector("[data-kk-count]");
    var reset = form && form.querySelector("[data-kk-reset]");
    var more = form && form.querySelector("[data-kk-more]");

    function wanted() {
      var f = {};
      PARAMS.forEach(function (name) {
        var control = controls[name];
        f[name] = control ? control.value.trim() : "";
      });
      return f;
    }

    function filter() {
      var f = wanted();
      var needle = { q: fold(f.q) };
      Object.keys(f).forEach(function (name) { if (name !== "q") needle[name] = f[name]; });
      var shown = 0;
      rows.forEach(function (row) {
        var ok = matches(row, needle);
        row.tr.hidden = !ok;
        if (ok) shown++;
      });
      // The words come from the page (klyngekatalog/labels.py: "{shown} af {total} klynger").
      if (count) count.textContent = (count.dataset.kkCountText || "{shown} / {total}").replace("{shown}", shown).replace("{total}", rows.length);
      var any = PARAMS.some(function (name) { return f[name]; });
      if (reset) reset.hidden = !any;
      return f;
    }

    // The address holds the filters that are set, so a shared link and the back button
    // bring them back. Selecting makes a history entry; typing only updates the current one.
    function remember(push) {
      var f = wanted();
      var params = new URLSearchParams();
      PARAMS.forEach(function (name) { if (f[name]) params.set(name, f[name]); });
      var query = params.toString();
      var url = location.pathname + (query ? "?" + query : "") + location.hash;
      if (url === location.pathname + location.search + location.hash) return;
      if (push) history.pushState(null, "", url);
      else history.replaceState(history.state, "", url);
    }

    function restore() {
      var params = new URLSearchParams(location.search);
      PARAMS.forEach(function (name) {
        var control = controls[name];
        if (!control) return;
        var value = params.get(name) || "";
        if (control.tagName === "SELECT" && !Array.prototype.some.call(control.options, function (o) { return o.value === value; })) {
          value = "";
        }
        control.value = value;
      });
      if (more && Array.prototype.some.call(more.querySelectorAll("select"), function (s) { return s.value; })) {
        more.open = true;
      }
      filter();
    }

    function sortBy(key, header) {
      var ascending = header.getAttribute("aria-sort") !== "ascending";
      table.querySelectorAll("th[aria-sort]").forEach(function (th) { th.removeAttribute("aria-sort"); });
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      // The one sort rule: a column's own sort key where it has one, else its text.
      function value(row) {
        var cell = row.cells[key];
        return cell ? cell.dataset.sort || cell.textContent.trim() : "";
      }
      collator = collator || new Intl.Collator("da", { numeric: true, sensitivity: "base" });
      rows.sort(function (a, b) {
        var result = collator.compare(value(a), value(b));
        return ascending ? result : -result;
      });
      rows.forEach(function (row) { body.appendChild(row.tr); });
    }

    table.querySelectorAll("[data-kk-sort]").forEach(function (button) {
      button.addEventListener("click", function () {
        sortBy(button.dataset.kkSort, button.closest("th"));
      });
    });
    if (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        filter();
        remember(true);
      });
      form.addEventListener("input", function (event) {
        if (event.target.tagName !== "INPUT") return;
        filter();
        remember(false);
      });
      form.addEventListener("change", function (event) {
        if (event.target.tagName !== "SELECT") return;
        filter();
        remember(true);
      });
    }
    if (reset) {
      reset.addEventListener("click", function (event) {
        event.preventDefault();
        PARAMS.forEach(function (name) { if (controls[name]) controls[name].value = ""; });
        filter();
        remember(true);
      });
    }
    active = { table: table, restore: restore };
    restore();
    table.dataset.kkReady = "1";
  }

  window.addEventListener("popstate", function () {
    if (active && active.table.isConnected) active.restore();
  });

  function init() {
    document.querySelectorAll("[data-kk-table]").forEach(function (table) {
      if (table.dataset.kkStarted) return;
      table.dataset.kkStarted = "1";
      loadRows(table).then(function (rows) { setUp(table, rows); });
    });
  }
  if (typeof document$ !== "undefined") document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
