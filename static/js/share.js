// Share tools on the article page: copy the link, print. No third-party code; the
// Facebook and Zalo links work without JavaScript, these two buttons need it.
(function () {
  "use strict";
  var status = document.querySelector(".share-status");

  function say(message) {
    if (status) {
      status.textContent = message;
    }
  }

  function copyWithSelection(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "absolute";
    field.style.left = "-9999px";
    document.body.appendChild(field);
    field.select();
    var done = false;
    try {
      done = document.execCommand("copy");
    } catch (error) {
      done = false;
    }
    document.body.removeChild(field);
    return done;
  }

  document.querySelectorAll(".share-copy").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var url = button.getAttribute("data-copy-url");
      var fallback = function () {
        say(copyWithSelection(url) ? "Đã sao chép liên kết." : "Không sao chép được, hãy chép địa chỉ: " + url);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(function () {
          say("Đã sao chép liên kết.");
        }, fallback);
      } else {
        fallback();
      }
    });
  });

  document.querySelectorAll(".share-print").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
