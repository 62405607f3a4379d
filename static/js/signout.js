// Signing out clears this browser's autosaved article drafts of the account
// (static/js/editorial-autosave.js), so a shared newsroom computer keeps no
// unpublished text. Drafts the server has saved go silently; if any text was never
// saved, the person is asked first and may go back to save it, so nothing unsaved is
// lost without their word. An expired login clears nothing: the text waits for the
// next sign-in.
(function () {
  "use strict";
  const script = document.currentScript;
  const user = script && script.dataset.user;
  const logoutUrl = script && script.dataset.logoutUrl;
  if (!user || !logoutUrl || !window.localStorage) return;
  const prefix = "newsroom:draft:" + user + "-";

  // The "editorial_saved" cookie: "<user>-<article>-<saved at>" entries joined by "|".
  function savedMarks() {
    const marks = {};
    const match = document.cookie.match(/(?:^|;\s*)editorial_saved=([^;]*)/);
    if (!match) return marks;
    decodeURIComponent(match[1].replace(/^"|"$/g, ""))
      .split("|")
      .forEach((entry) => {
        const cut = entry.lastIndexOf("-");
        marks["newsroom:draft:" + entry.slice(0, cut)] = Number(entry.slice(cut + 1));
      });
    return marks;
  }

  function draftKeys() {
    const keys = [];
    for (let index = 0; index < window.localStorage.length; index += 1) {
      const key = window.localStorage.key(index);
      if (key && key.startsWith(prefix)) keys.push(key);
    }
    return keys;
  }

  function unsaved(keys) {
    const marks = savedMarks();
    return keys.filter((key) => {
      try {
        const draft = JSON.parse(window.localStorage.getItem(key));
        return draft && !(key in marks && draft.savedAt <= marks[key]);
      } catch (error) {
        return false;
      }
    });
  }

  function signingOut(event) {
    // The open article form stores what was typed in the last seconds first.
    document.dispatchEvent(new CustomEvent("newsroom:before-signout"));
    const keys = draftKeys();
    const waiting = unsaved(keys).length;
    if (
      waiting &&
      !window.confirm(
        "Trình duyệt này còn giữ " + waiting + " bản bài bạn gõ mà chưa lưu lên máy chủ. " +
          "Đăng xuất sẽ xoá chúng khỏi máy này.\n\n" +
          "Bấm OK để xoá và đăng xuất, hoặc Huỷ để quay lại lưu bài."
      )
    ) {
      event.preventDefault();
      return;
    }
    keys.forEach((key) => window.localStorage.removeItem(key));
    document.documentElement.dataset.signingOut = "true";
  }

  document.addEventListener(
    "submit",
    (event) => {
      const action = new URL(event.target.action, window.location.href).pathname;
      if (action === logoutUrl) signingOut(event);
    },
    true
  );
})();
