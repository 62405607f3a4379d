// Counts one read of the article page: a POST to this script's data-read-url once the
// page has loaded. Our own code, no third party; without JavaScript nothing is counted.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.getAttribute("data-read-url");
  if (!url || !window.fetch) {
    return;
  }
  fetch(url, { method: "POST", credentials: "same-origin", keepalive: true }).catch(function () {
    // A lost count is not worth bothering the reader with.
  });
})();
