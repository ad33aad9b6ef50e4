// Progressive enhancement: Pagefind search. The site reads fully without it.
window.addEventListener("DOMContentLoaded", function () {
  var el = document.getElementById("search");
  if (!el || typeof PagefindUI === "undefined") return;
  // Result URLs are site-relative: resolve them against wherever this copy is served.
  var base = new URL(el.getAttribute("data-bundle") + "../", window.location.href).pathname;
  var ui = new PagefindUI({ element: "#search", baseUrl: base, showImages: false });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) ui.triggerSearch(q);
});
