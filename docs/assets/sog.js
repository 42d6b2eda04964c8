// Search with Pagefind's own API and a small UI of ours: the index is built with the site
// (/pagefind/) and arrives in fragments, so a visitor downloads little before the first
// result, and nothing leaves the site. Result text is set as text, never as markup.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("__config").textContent);
  // The site root, fixed at first load: later pages arrive through instant navigation.
  var root = new URL(config.base.replace(/\/?$/, "/"), location.href);
  var PAGE = 10;
  // Words on nearly every page: each would fetch an index chunk and narrow nothing.
  var STOP = ["og", "i", "for", "af", "til", "med", "en", "et", "de", "den", "det", "på", "om", "the", "of"];
  var engine = null;

  function pagefind() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
        return module.options({ baseUrl: root.pathname }).then(function () { return module; });
      });
    }
    return engine;
  }

  function terms(query) {
    var words = query.trim().split(/\s+/).filter(Boolean);
    var kept = words.filter(function (w) { return STOP.indexOf(w.toLowerCase()) === -1; });
    return (kept.length ? kept : words).join(" ");
  }

  // Pagefind's excerpt is escaped text with <mark> around hits: keep the marks, decode the rest.
  function excerpt(html) {
    var paragraph = document.createElement("p");
    var decoder = document.createElement("textarea");
    html.split(/(<mark>|<\/mark>)/).reduce(function (marked, part) {
      if (part === "<mark>") return true;
      if (part === "</mark>") return false;
      decoder.innerHTML = part;
      var text = document.createTextNode(decoder.value);
      if (marked) {
        var mark = document.createElement("mark");
        mark.appendChild(text);
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(text);
      }
      return marked;
    }, false);
    return paragraph;
  }

  function setUp(element) {
    var form = element.querySelector("form");
    var input = element.querySelector("input[type=search]");
    var status = element.querySelector("[data-kk-search-status]");
    var list = element.querySelector("[data-kk-search-results]");
    var more = element.querySelector("[data-kk-search-more]");
    var current = null;
    var shown = 0;
    var timer = null;

    function showMore() {
      var search = current;
      var batch = search.results.slice(shown, shown + PAGE);
      shown += batch.length;
      more.hidden = shown >= search.results.length;
      return Promise.all(batch.map(function (result) { return result.data(); })).then(function (pages) {
        if (search !== current) return;
        pages.forEach(function (data) {
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = data.url;
          link.textContent = (data.meta && data.meta.title) || data.url;
          var heading = document.createElement("h2");
          heading.appendChild(link);
          item.appendChild(heading);
          item.appendChild(excerpt(data.excerpt || ""));
          list.appendChild(item);
        });
      });
    }

    function run(query) {
      var wanted = terms(query);
      list.textContent = "";
      more.hidden = true;
      if (!wanted) {
        current = null;
        status.textContent = "";
        return;
      }
      status.textContent = "Søger …";
      pagefind().then(function (module) {
        return module.search(wanted);
      }).then(function (search) {
        if (terms(input.value) !== wanted) return;
        current = search;
        shown = 0;
        var count = search.results.length;
        status.textContent = count === 0 ? "Ingen resultater for «" + query.trim() + "»"
          : count + (count === 1 ? " resultat" : " resultater") + " for «" + query.trim() + "»";
        return showMore();
      }).catch(function () {
        status.textContent = "Søgningen kunne ikke indlæses.";
      });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value); }, 200);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
      run(input.value);
    });
    more.addEventListener("click", showMore);
    var query = new URLSearchParams(location.search).get("q");
    if (query) {
      input.value = query;
      run(query);
    }
  }

  function init() {
    document.querySelectorAll("[data-kk-search-form]").forEach(function (form) {
      form.action = new URL("sog/", root).href;
    });
    var element = document.getElementById("kk-search");
    if (element && !element.dataset.kkReady) {
      element.dataset.kkReady = "1";
      setUp(element);
    }
  }

  if (typeof document$ !== "undefined") document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
