// Duplicate detection while typing a name (issue #6): asks the server, which searches the
// store, and shows its server-rendered, escaped list. Forms work without this script: the
// server checks for duplicates again when the form is sent.
(function () {
  "use strict";
  var input = document.querySelector("[data-dupcheck]");
  var target = document.getElementById("duplicates");
  if (!input || !target) return;
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var name = input.value.trim();
      if (name.length < 2) { target.innerHTML = ""; return; }
      var url = "/app/duplicates?schema=" + encodeURIComponent(input.dataset.dupcheck) +
        "&name=" + encodeURIComponent(name);
      fetch(url, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : ""; })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var found = doc.querySelector(".duplicates");
          target.replaceChildren(found ? document.importNode(found, true) : "");
        });
    }, 300);
  });
})();
