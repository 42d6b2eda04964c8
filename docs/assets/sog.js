// Search with Pagefind's own API and a small UI of ours: the index is built with the site
// (/pagefind/) and arrives in fragments, so a visitor downloads little before the first
// result, and nothing leaves the site. Result text is set as text, never as markup.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("__config").textContent);
  // The site root, fixed at first load: later pages arrive through instant navigation.
  var root = new URL(config.base.replace(/\/?$/, "/"), location.href);
  var PAGE = 10;
  // The page's language: Pagefind searches the index of <html lang> (one index per language),
  // and the search page of another language lives in its edition (/en/sog/).
  var lang = document.documentElement.lang || "da";
  var edition = lang === "da" ? "" : lang + "/";
  // The UI's words, from klyngekatalog/labels.py (the search page carries its language's).
  var labelsElement = document.getElementById("kk-search-labels");
  var L = labelsElement ? JSON.parse(labelsElement.textContent) : {};
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

  // Danish typed without Danish letters: "fødevarer", "foedevarer" and "fodevarer" all fold
  // to "fodevarer" (æ/ae→a, ø/oe→o, å/aa→a), accents dropped. The index holds the folded
  // forms of the catalogue's words too (views.py folded_forms), so such a query finds the
  // page; this folding marks the Danish words in the excerpt.
  function fold(text) {
    return text.toLowerCase().replace(/æ/g, "a").replace(/ø/g, "o").replace(/å/g, "a")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/ae/g, "a").replace(/oe/g, "o").replace(/aa/g, "a");
  }

  // One typo near the end of a long word ("velfærdsteknolgi") finds nothing, or a stray hit
  // through Pagefind's splitting of unknown words: the same words cut to their start match
  // the right ones (Pagefind matches words from their start).
  function forgiving(query) {
    return query.split(" ").map(function (word) {
      return word.length >= 8 ? word.slice(0, Math.max(6, word.length - 4)) : word;
    }).join(" ");
  }

  function merge(first, second) {
    var seen = {};
    return first.concat(second).filter(function (result) {
      if (seen[result.id]) return false;
      seen[result.id] = true;
      return true;
    });
  }

  // Pagefind's `type` of a page (in the page's language) → its kind.
  var KINDS = { klynge: "cluster", cluster: "cluster", "fagområde": "field", field: "field", "case": "case" };

  function kindOf(data) {
    var type = data.meta && data.meta.type;
    if (!type && /\/tal\//.test(data.url)) return "figures";
    return KINDS[type] || "page";
  }

  function kind(data) {
    return L["kind_" + kindOf(data)] || kindOf(data);
  }

  // A theme's page comes first for its name ("energi", "fodevarer", "ikt").
  function namesTheme(data, words) {
    if (kindOf(data) !== "field") return false;
    var name = " " + fold((data.meta.title || "") + " " + data.url.split("/").slice(-2, -1)[0]).replace(/[^a-z0-9]+/g, " ") + " ";
    return words.every(function (word) { return name.indexOf(" " + word + " ") !== -1; });
  }

  // The excerpt: the page's own words around the first hit, with the hits marked. Built here
  // from the page's text (up to the hidden index words, which start at "kkfold"), so it shows
  // only what the page shows, and marks "Fødevarer" for a search for "fodevarer".
  function excerpt(content, words, title) {
    var end = content.indexOf("kkfold");
    var body = (end === -1 ? content : content.slice(0, end)).trim();
    // The text starts with the page's heading, which the result already shows as its title.
    if (title && body.indexOf(title) === 0 && body.length > title.length + 2) {
      body = body.slice(title.length).replace(/^[.\s]+/, "");
    }
    var text = body.split(/\s+/);
    function hit(word) {
      var folded = fold(word).replace(/[^a-z0-9]/g, "");
      return folded && words.some(function (w) {
        return folded.indexOf(w) === 0 || (w.length >= 5 && folded.indexOf(w) !== -1);
      });
    }
    var first = 0;
    while (first < text.length && !hit(text[first])) first++;
    if (first === text.length) first = 0;
    var start = Math.max(0, first - 8);
    var shown = text.slice(start, start + 30);
    var paragraph = document.createElement("p");
    if (start > 0) paragraph.appendChild(document.createTextNode("… "));
    shown.forEach(function (word, i) {
      if (i) paragraph.appendChild(document.createTextNode(" "));
      if (hit(word)) {
        var mark = document.createElement("mark");
        mark.textContent = word;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(word));
      }
    });
    if (start + 30 < text.length) paragraph.appendChild(document.createTextNode(" …"));
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
      var first = shown === 0;
      var batch = search.results.slice(shown, shown + PAGE);
      shown += batch.length;
      more.hidden = shown >= search.results.length;
      return Promise.all(batch.map(function (result) { return result.data(); })).then(function (pages) {
        if (search !== current) return;
        if (first) {
          pages = pages.filter(function (d) { return namesTheme(d, search.words); })
            .concat(pages.filter(function (d) { return !namesTheme(d, search.words); }));
        }
        pages.forEach(function (data) {
          var item = document.createElement("li");
          var label = document.createElement("span");
          label.className = "kk-result-kind";
          label.textContent = kind(data);
          var link = document.createElement("a");
          link.href = data.url;
          link.textContent = (data.meta && data.meta.title) || data.url;
          var heading = document.createElement("h2");
          heading.appendChild(label);
          heading.appendChild(document.createTextNode(" "));
          heading.appendChild(link);
          item.appendChild(heading);
          item.appendChild(excerpt(data.content || "", search.marks, data.meta && data.meta.title));
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
      var loose = forgiving(wanted);
      status.textContent = L.searching;
      pagefind().then(function (module) {
        return module.search(wanted).then(function (search) {
          var results = search ? search.results : [];
          // Few hits for a long word: perhaps a typo; what its start finds comes first.
          if (results.length >= 3 || loose === wanted) return results;
          return module.search(loose).then(function (looser) {
            return merge(looser ? looser.results : [], results);
          });
        });
      }).then(function (results) {
        if (terms(input.value) !== wanted) return;
        current = {
          results: results,
          words: fold(wanted).split(" "),
          marks: fold(loose).split(" ").filter(Boolean),
        };
        shown = 0;
        var count = results.length;
        status.textContent = count === 0 ? L.no_results + " «" + query.trim() + "»"
          : count + " " + (count === 1 ? L.result : L.results) + " «" + query.trim() + "»";
        return showMore();
      }).catch(function () {
        status.textContent = L.failed;
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
      form.action = new URL(edition + "sog/", root).href;
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
