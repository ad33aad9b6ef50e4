// Progressive enhancement: Pagefind search. The site reads fully without it.
window.addEventListener("DOMContentLoaded", function () {
  var el = document.getElementById("search");
  if (!el || typeof PagefindUI === "undefined") return;
  // Result URLs are site-relative: resolve them against wherever this copy is served.
  var base = new URL(el.getAttribute("data-bundle") + "../", window.location.href).pathname;
  // The interface's text in the page's language, from the page (Pagefind's own Chinese
  // is Simplified, even on the Traditional tree)
  var translations = {};
  try {
    translations = JSON.parse(el.getAttribute("data-i18n") || "{}");
  } catch (e) {}
  var ui = new PagefindUI({
    element: "#search",
    baseUrl: base,
    showImages: false,
    translations: translations,
  });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) ui.triggerSearch(q);
});
