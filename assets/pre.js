// Decides, before the first paint, whether the prerendered first screen (the default
// view's map and timeline, drawn at build time into index.html by `cargo xtask dist`)
// is what this reader will see once the app runs: no link parameters (a permalink or an
// embed asks for another view), English (the first supported entry of the browser's
// languages, as the app negotiates it), the light theme (a stored pick, else the system's).
// If so, <html> gets the class "pre": the CSS shows the prerender over the starting app,
// which removes both once its own charts have painted. A classic script in the head, not
// inline, so the page keeps its strict Content-Security-Policy.
(function () {
  try {
    if (location.search.replace(/^\?/, '') !== '') return;
    var langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ''];
    for (var i = 0; i < langs.length; i++) {
      var primary = String(langs[i]).split(/[-_]/)[0].toLowerCase();
      if (primary === 'en') break;
      if (primary === 'fr' || primary === 'de' || primary === 'ru') return;
    }
    var theme = null;
    try { theme = localStorage.getItem('arms-atlas:theme'); } catch (e) { /* storage off */ }
    if (theme === 'dark') return;
    if (theme !== 'light' && window.matchMedia && matchMedia('(prefers-color-scheme: dark)').matches) return;
    document.documentElement.classList.add('pre');
  } catch (e) {
    // Without it the page shows the loading line, then the app: nothing is lost.
  }
})();
