// The article's page beside its form, as the reader will see it (wide screens only).
// The frame shows the form's title, lead and body as typed, saved or not: they are
// posted (with the form's CSRF token) to the typed preview (editorial.views), which
// writes nothing. It loads when the panel opens, on "Làm mới", and a moment after
// typing stops; after a save the form page reloads and the panel stays open (the
// choice is remembered in this browser).
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

  const typedUrl = panel.dataset.typedUrl;
  const form = document.getElementById("id_title") && document.getElementById("id_title").form;
  const AFTER_TYPING = 1500;
  let timer = null;

  function typed() {
    const editor = window.editors && window.editors.id_body;
    const field = (id) => document.getElementById(id);
    return {
      title: field("id_title") ? field("id_title").value : "",
      lead: field("id_lead") ? field("id_lead").value : "",
      body: editor ? editor.getData() : field("id_body") ? field("id_body").value : "",
    };
  }

  function send() {
    const token = form.querySelector("input[name=csrfmiddlewaretoken]");
    const sender = document.createElement("form");
    sender.method = "post";
    sender.action = typedUrl;
    sender.target = frame.name;
    sender.hidden = true;
    const values = { ...typed(), csrfmiddlewaretoken: token ? token.value : "" };
    for (const [name, value] of Object.entries(values)) {
      const input = document.createElement("textarea");
      input.name = name;
      input.value = value;
      sender.appendChild(input);
    }
    document.body.appendChild(sender);
    sender.submit();
    sender.remove();
  }

  function load() {
    window.clearTimeout(timer);
    if (typedUrl && form) {
      send();
      return;
    }
    // Article pages are revalidated by the browser (max-age=0), so this is the saved text.
    if (frame.getAttribute("src")) frame.contentWindow.location.reload();
    else frame.src = panel.dataset.url;
  }

  // The body's editor may be created after this script runs: it is watched from the
  // first moment it exists (now, or when the panel opens).
  let watched = null;
  function watchEditor() {
    const editor = window.editors && window.editors.id_body;
    if (!editor || editor === watched) return;
    watched = editor;
    editor.model.document.on("change:data", typing);
  }

  function typing() {
    if (panel.hidden) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(load, AFTER_TYPING);
  }

  function show(open) {
    panel.hidden = !open;
    document.body.classList.toggle("desk-preview-open", open);
    toggle.setAttribute("aria-expanded", String(open));
    toggle.textContent = open ? "Ẩn bản xem trước" : "Xem trước bên cạnh";
    if (open) {
      watchEditor();
      load();
    } else {
      window.clearTimeout(timer);
      frame.removeAttribute("src");
    }
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
  if (form) {
    if (window.ckeditorRegisterCallback) window.ckeditorRegisterCallback("id_body", watchEditor);
    form.addEventListener("input", (event) => {
      if (event.target.id === "id_title" || event.target.id === "id_lead") typing();
    });
  }
  // Narrowed below the panel's width: close it, and reopen it when wide again.
  wide.addEventListener("change", () => show(wide.matches && remembered()));
  if (wide.matches && remembered()) show(true);
})();
