// Lion Rock's proof of work (lionrock/pow), for the intake form and for logins after
// failures: both apps serve this one file as /static/pow.js. Finds a nonce
// such that SHA-256(challenge ":" nonce) starts with `data-pow-bits` zero bits and adds it
// to the form's action. Without JavaScript the form still works (the server then asks
// only that the page be a little older). Served from this origin; nothing else loads.
"use strict";
(function () {
  function zeroBits(bytes) {
    var bits = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) { bits += 8; continue; }
      return bits + Math.clz32(bytes[i]) - 24;
    }
    return bits;
  }
  async function solve(challenge, bits) {
    var encoder = new TextEncoder();
    for (var nonce = 0; ; nonce++) {
      var digest = await crypto.subtle.digest("SHA-256", encoder.encode(challenge + ":" + nonce));
      if (zeroBits(new Uint8Array(digest)) >= bits) { return String(nonce); }
    }
  }
  document.querySelectorAll("form[data-pow-bits]").forEach(function (form) {
    var solved = false;
    form.addEventListener("submit", function (event) {
      if (solved || !window.crypto || !crypto.subtle) { return; }
      event.preventDefault();
      var url = new URL(form.action);
      var button = form.querySelector("button[type=submit]");
      if (button) { button.disabled = true; }
      solve(url.searchParams.get("pow") || "", Number(form.dataset.powBits)).then(function (nonce) {
        url.searchParams.set("nonce", nonce);
        form.action = url.toString();
        solved = true;
        if (button) { button.disabled = false; }
        form.submit();
      });
    });
  });
})();
