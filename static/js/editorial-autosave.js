// Autosave of the article form's text (title, lead, body) to this browser's
// localStorage, and the offer to bring it back after a closed tab, a crash or an
// expired login. Nothing leaves the browser. A draft is offered only when it is newer
// than the article as the server has it and differs from what the form shows; the
// server marks drafts as saved with the "editorial_saved" cookie after a good save.
(function () {
  "use strict";
  const banner = document.getElementById("editorial-draft");
  if (!banner || !window.localStorage) return;

  const SAVE_EVERY = 3000;
  const owner = banner.dataset.key; // "<user id>-<article id or new>"
  const storageKey = "newsroom:draft:" + owner;
  const serverUpdated = Number(banner.dataset.serverUpdated) || 0;
  // Times are kept on the server's clock, so "newer than the server's copy" holds
  // even when this computer's clock is off.
  const skew = Date.now() - (Number(banner.dataset.serverNow) || Date.now());
  const serverNow = () => Date.now() - skew;
  const title = document.getElementById("id_title");
  const lead = document.getElementById("id_lead");
  const bodyArea = document.getElementById("id_body");
  const form = (title || bodyArea) && (title || bodyArea).form;
  if (!form) return;
  let editor = null;
  let dirty = false;
  let lastStored = "";

  function read() {
    try {
      return JSON.parse(window.localStorage.getItem(storageKey));
    } catch (error) {
      return null;
    }
  }

  function forget() {
    window.localStorage.removeItem(storageKey);
    lastStored = "";
  }

  function current() {
    return {
      title: title ? title.value : "",
      lead: lead ? lead.value : "",
      body: editor ? editor.getData() : bodyArea ? bodyArea.value : "",
    };
  }

  function same(a, b) {
    return a.title === b.title && a.lead === b.lead && a.body === b.body;
  }

  function store() {
    // Signing out (static/js/signout.js) has just cleared the drafts: keep it so.
    if (!dirty || document.documentElement.dataset.signingOut) return;
    const values = current();
    const serialised = JSON.stringify(values);
    if (serialised === lastStored) return;
    try {
      window.localStorage.setItem(storageKey, JSON.stringify({ ...values, savedAt: serverNow() }));
      lastStored = serialised;
    } catch (error) {
      // Storage full or disabled: nothing to do but keep the form as it is.
    }
  }

  // Drafts the server reports saved since they were written are obsolete.
  function dropSavedDrafts() {
    const match = document.cookie.match(/(?:^|;\s*)editorial_saved=([^;]*)/);
    if (!match) return;
    decodeURIComponent(match[1].replace(/^"|"$/g, ""))
      .split("|")
      .forEach((entry) => {
        const cut = entry.lastIndexOf("-");
        const key = "newsroom:draft:" + entry.slice(0, cut);
        const savedAt = Number(entry.slice(cut + 1));
        try {
          const draft = JSON.parse(window.localStorage.getItem(key));
          if (draft && draft.savedAt <= savedAt) window.localStorage.removeItem(key);
        } catch (error) {
          window.localStorage.removeItem(key);
        }
      });
    document.cookie = "editorial_saved=; Max-Age=0; path=/admin/; SameSite=Lax";
  }

  function offer() {
    const draft = read();
    if (!draft) return;
    if (draft.savedAt <= serverUpdated || same(draft, current())) {
      forget();
      return;
    }
    const when = new Date(draft.savedAt + skew);
    const pad = (n) => String(n).padStart(2, "0");
    banner.querySelector("[data-draft-time]").textContent =
      pad(when.getHours()) + ":" + pad(when.getMinutes()) + " ngày " + pad(when.getDate()) +
      "/" + pad(when.getMonth() + 1) + "/" + when.getFullYear();
    banner.hidden = false;
    banner.querySelector("[data-draft-restore]").addEventListener("click", () => {
      if (title) title.value = draft.title;
      if (lead) lead.value = draft.lead;
      if (editor) editor.setData(draft.body);
      else if (bodyArea) bodyArea.value = draft.body;
      if (bodyArea) bodyArea.value = draft.body;
      banner.hidden = true;
      dirty = true;
      store();
    });
    banner.querySelector("[data-draft-discard]").addEventListener("click", () => {
      forget();
      banner.hidden = true;
    });
  }

  function start() {
    dropSavedDrafts();
    offer();
    form.addEventListener("input", () => {
      dirty = true;
    });
    if (editor) {
      editor.model.document.on("change:data", () => {
        dirty = true;
      });
    }
    window.setInterval(store, SAVE_EVERY);
    // The last words before the page goes: a submit (perhaps into an expired login),
    // a closed tab, a crash-prone switch away.
    form.addEventListener("submit", store);
    document.addEventListener("newsroom:before-signout", store);
    window.addEventListener("pagehide", store);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") store();
    });
  }

  function whenEditorReady() {
    if (!bodyArea || !bodyArea.classList.contains("django_ckeditor_5")) {
      start();
      return;
    }
    if (window.editors && window.editors[bodyArea.id]) {
      editor = window.editors[bodyArea.id];
      start();
    } else if (window.ckeditorRegisterCallback) {
      window.ckeditorRegisterCallback(bodyArea.id, (created) => {
        editor = created;
        start();
      });
    } else {
      start();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", whenEditorReady);
  } else {
    whenEditorReady();
  }
})();
