// Applies the stored theme before the first paint (loaded as a blocking script; no inline scripts under the CSP).
(function () {
  try {
    const t = localStorage.getItem("cairn.theme");
    if (t === "light" || t === "dark") document.documentElement.dataset.theme = t;
  } catch (_e) {
    // storage unavailable: follow the system
  }
})();
