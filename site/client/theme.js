// @ts-check
// Runs before the page is painted (a blocking script in <head>), so a reader who chose a theme
// never sees a flash of the other one. Without a saved choice, CSS follows prefers-color-scheme.
(function applySavedTheme() {
  try {
    const saved = localStorage.getItem('theme');
    if (saved === 'light' || saved === 'dark') document.documentElement.dataset.theme = saved;
  } catch {
    // Storage can be disabled; the system preference still applies.
  }
})();
