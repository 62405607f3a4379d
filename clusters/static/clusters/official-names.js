"use strict";
// Suggest family / middle / given name from the full name as it is typed.
// A part the user has edited by hand is never overwritten.
document.addEventListener("DOMContentLoaded", () => {
  const full = document.getElementById("id_full_name");
  const parts = ["id_family_name", "id_middle_name", "id_given_name"].map((id) =>
    document.getElementById(id),
  );
  if (!full || parts.some((part) => !part)) return;

  const split = (value) => {
    const words = value.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) return ["", "", ""];
    if (words.length === 1) return ["", "", words[0]];
    return [words[0], words.slice(1, -1).join(" "), words[words.length - 1]];
  };

  let suggested = split(full.value);
  full.addEventListener("input", () => {
    const untouched = parts.every((part, i) => part.value === "" || part.value === suggested[i]);
    suggested = split(full.value);
    if (untouched) parts.forEach((part, i) => { part.value = suggested[i]; });
  });
});
