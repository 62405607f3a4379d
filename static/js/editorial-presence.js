// Presence marker on the article change form: tells the server this page is open
// (every few seconds) and shows who else has the article open. The marker expires by
// itself on the server when the beats stop; leaving the page frees it at once.
(function () {
  "use strict";
  const banner = document.getElementById("editorial-presence");
  if (!banner) return;
  const text = banner.querySelector(".editorial-presence-text");
  const interval = Math.max(5, Number(banner.dataset.interval) || 20) * 1000;

  function csrfToken() {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  const takeOver = banner.querySelector("button[name=_tiep_quan]");

  // "other": someone else has it open; "unknown": the server cannot tell (cache down).
  function show(state) {
    if (state.state === "other" || state.state === "unknown") {
      text.textContent = state.message;
      banner.hidden = false;
    } else {
      banner.hidden = true;
    }
    if (takeOver) takeOver.hidden = state.state !== "other";
  }

  function beat() {
    fetch(banner.dataset.url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
    })
      .then((response) => {
        const type = response.headers.get("Content-Type") || "";
        // A login page (expired session) is not an answer; keep what is shown.
        return response.ok && type.includes("json") ? response.json() : null;
      })
      .then((state) => state && show(state))
      .catch(() => {});
  }

  // A submit (save, take over) comes back to this page or moves on by itself; a
  // "leave" racing it could free the marker the submit is about to take.
  let submitting = false;
  const form = banner.closest("form");
  if (form) form.addEventListener("submit", () => (submitting = true));

  window.setInterval(beat, interval);
  window.addEventListener("pagehide", () => {
    if (submitting) return;
    const data = new FormData();
    data.append("csrfmiddlewaretoken", csrfToken());
    navigator.sendBeacon(banner.dataset.leaveUrl, data);
  });
})();
