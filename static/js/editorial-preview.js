// The article's page beside its form, as the reader will see it (wide screens only).
// The frame shows the saved article: it loads when the panel opens, again after each
// save (the form page reloads, and the panel stays open: the choice is remembered in
// this browser) and on "Làm mới". What is typed and not yet saved is not in it.
(function () {
  "use strict";
  const panel = document.getElementById("desk-preview");
  const toggle = document.querySelector(".desk-preview-toggle");
  if (!panel || !toggle) return;

  const frame = panel.querySelector("iframe");
  const wide = window.matchMedia("(min-width: 1200px)");
  const KEY = "newsroom:desk-preview";

  function remember(open) {
    try {
      if (open) window.localStorage.setItem(KEY, "open");
      else window.localStorage.removeItem(KEY);
    } catch (error) {
      // Storage disabled: the panel simply starts closed next time.
    }
  }

  function remembered() {
    try {
      return window.localStorage.getItem(KEY) === "open";
    } catch (error) {
      return false;
    }
  }

  function load() {
    // Article pages are revalidated by the browser (max-age=0), so this is the saved text.
    if (frame.getAttribute("src")) frame.contentWindow.location.reload();
    else frame.src = panel.dataset.url;
  }

  function show(open) {
    panel.hidden = !open;
    document.body.classList.toggle("desk-preview-open", open);
    toggle.setAttribute("aria-expanded", String(open));
    toggle.textContent = open ? "Ẩn bản xem trước" : "Xem trước bên cạnh";
    if (open) load();
    else frame.removeAttribute("src");
  }

  toggle.hidden = false;
  toggle.addEventListener("click", () => {
    const open = panel.hidden;
    remember(open);
    show(open);
  });
  panel.querySelector("[data-preview-reload]").addEventListener("click", load);
  panel.querySelector("[data-preview-close]").addEventListener("click", () => {
    remember(false);
    show(false);
    toggle.focus();
  });
  // Narrowed below the panel's width: close it, and reopen it when wide again.
  wide.addEventListener("change", () => show(wide.matches && remembered()));
  if (wide.matches && remembered()) show(true);
})();
