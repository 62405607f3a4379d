// The admin's widgets named for screen readers: select2 pickers (Django's autocomplete)
// get their field's label, the inline tables' empty headers a hidden caption. Applied
// again whenever the page changes (select2 redraws its search box on each choice).
(function () {
  "use strict";

  function labelFor(select) {
    const label = document.querySelector('label[for="' + select.id + '"]');
    if (label) return label.textContent.replace(/:\s*$/, "").trim();
    const row = select.closest("tr.form-row");
    const cell = select.closest("td");
    if (row && cell) {
      const table = row.closest("table");
      const index = Array.from(cell.parentNode.children).indexOf(cell);
      const header = table && table.querySelectorAll("thead th")[index];
      if (header && header.textContent.trim()) return header.textContent.trim();
    }
    return select.getAttribute("aria-label") || "";
  }

  function name() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      const container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2")) return;
      const text = labelFor(select);
      if (!text) return;
      container.querySelectorAll('[role="combobox"], .select2-search__field').forEach(function (el) {
        if (el.getAttribute("aria-label") !== text) el.setAttribute("aria-label", text);
      });
      container.querySelectorAll('[role="textbox"]').forEach(function (el) {
        if (!el.getAttribute("aria-label")) el.setAttribute("aria-label", text);
      });
    });
    document.querySelectorAll("table thead th").forEach(function (th) {
      if (!th.textContent.trim() && !th.querySelector(".visually-hidden")) {
        const hidden = document.createElement("span");
        hidden.className = "visually-hidden";
        hidden.textContent = th.classList.contains("original") ? "Mục đã lưu" : "Thao tác";
        th.appendChild(hidden);
      }
    });
  }

  let pending = false;
  function soon() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      name();
    });
  }
  document.addEventListener("DOMContentLoaded", soon);
  window.addEventListener("load", soon);
  new MutationObserver(soon).observe(document.documentElement, { childList: true, subtree: true });
})();
