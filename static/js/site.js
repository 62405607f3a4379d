// Every public page: today's date in the masthead and the phone's search button.
// The date comes from the reader's clock in Vietnam's time (UTC+7, no summer time),
// so a page served from a cache never shows the day it was cached.
(function () {
  "use strict";
  var DAYS = ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];

  function two(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function showToday() {
    var vietnam = new Date(Date.now() + 7 * 3600 * 1000);
    var day = vietnam.getUTCDate();
    var month = vietnam.getUTCMonth() + 1;
    var year = vietnam.getUTCFullYear();
    var iso = year + "-" + two(month) + "-" + two(day);
    var text = DAYS[vietnam.getUTCDay()] + ", " + two(day) + "/" + two(month) + "/" + year;
    var slots = document.querySelectorAll("[data-today]");
    for (var i = 0; i < slots.length; i++) {
      var time = document.createElement("time");
      time.setAttribute("datetime", iso);
      time.textContent = text;
      slots[i].replaceChildren(time);
    }
  }

  function searchToggle() {
    var header = document.querySelector(".site-header");
    var toggle = document.querySelector(".search-toggle");
    var link = document.querySelector(".search-link");
    var field = document.getElementById("tim-nhanh");
    if (!header || !toggle || !field) {
      return;
    }
    function setOpen(open) {
      header.classList.toggle("is-searching", open);
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) {
        field.focus();
      }
    }
    toggle.hidden = false;
    if (link) {
      link.hidden = true;
    }
    header.classList.add("has-search-toggle");
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    header.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && header.classList.contains("is-searching")) {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  showToday();
  searchToggle();
})();
