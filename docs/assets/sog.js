// Search with Pagefind: the index is built with the site (/pagefind/) and loaded in small
// fragments, so a visitor downloads little before the first result. Nothing leaves the site.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("__config").textContent);
  // The site root, fixed at first load: later pages arrive through instant navigation.
  var root = new URL(config.base.replace(/\/?$/, "/"), location.href);
  var loading = null;

  function load() {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = new URL("pagefind/pagefind-ui.css", root).href;
      document.head.appendChild(css);
      var script = document.createElement("script");
      script.src = new URL("pagefind/pagefind-ui.js", root).href;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
    return loading;
  }

  function init() {
    document.querySelectorAll("[data-kk-search-form]").forEach(function (form) {
      form.action = new URL("sog/", root).href;
    });
    var element = document.getElementById("kk-search");
    if (!element || element.dataset.kkReady) return;
    element.dataset.kkReady = "1";
    load().then(function () {
      var ui = new PagefindUI({
        element: "#kk-search",
        bundlePath: new URL("pagefind/", root).href,
        showImages: false,
        showSubResults: false,
        resetStyles: false,
        autofocus: true,
      });
      var query = new URLSearchParams(location.search).get("q");
      if (query) ui.triggerSearch(query);
    });
  }

  if (typeof document$ !== "undefined") document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
