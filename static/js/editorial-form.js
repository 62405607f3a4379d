// The article form's character counters: under each field marked data-counter, how many
// characters it holds, against the column's limit (maxlength) or the desk's advice
// (data-advice). Announced politely to screen readers, and only when typing pauses.
(function () {
  "use strict";

  function counter(field) {
    const limit = Number(field.getAttribute("maxlength")) || 0;
    const advice = Number(field.dataset.advice) || 0;
    const output = document.createElement("div");
    output.className = "char-counter help";
    output.id = field.id + "_counter";
    output.setAttribute("aria-live", "polite");
    field.setAttribute(
      "aria-describedby",
      ((field.getAttribute("aria-describedby") || "") + " " + output.id).trim()
    );
    field.insertAdjacentElement("afterend", output);

    function update() {
      const length = Array.from(field.value.normalize("NFC")).length;
      let message = length + " ký tự";
      if (limit) message += " / tối đa " + limit;
      if (advice && length > advice) {
        message += " – dài hơn mức nên viết (" + advice + ")";
        output.classList.add("char-counter-long");
      } else {
        output.classList.remove("char-counter-long");
      }
      output.textContent = message;
    }
    field.addEventListener("input", update);
    update();
  }

  document.querySelectorAll("[data-counter]").forEach(counter);
})();
