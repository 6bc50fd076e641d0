// Starts the WebAssembly app. Kept as a file of its own (not an inline script) so the
// page runs under a strict Content-Security-Policy, and relative so it works from any
// sub-path. If the browser lacks WebAssembly, or loading fails, say so in words.
// `cargo xtask dist` renames the glue to a content-hashed name and rewrites the import.
const status = document.getElementById('boot-status');
function fail(reason) {
  // The prerendered screen (see pre.js) stood in for an app that will not come: the
  // message goes first.
  document.documentElement.classList.remove('pre');
  if (!status) return;
  status.className = 'boot-status boot-failed';
  status.textContent = 'Arms Atlas could not start (' + reason + '). It needs a current browser with ' +
    'JavaScript and WebAssembly. The data comes from the SIPRI Arms Transfers Database: ' +
    'https://www.sipri.org/databases/armstransfers';
}
// The service worker (dist/sw.js, written by `cargo xtask dist`) keeps this build for
// offline use. Registered once the app has started, so it never competes with the first
// load; scope is the page's folder. Anything that stops it (no support, file://, private
// modes, a dev server without sw.js) leaves the app as it is, online only.
function keepOffline() {
  try {
    if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
    const scope = new URL('../', import.meta.url);
    if (scope.protocol !== 'https:' && scope.protocol !== 'http:') return;
    navigator.serviceWorker.register(new URL('sw.js', scope), { scope: scope.href }).catch(() => {});
  } catch (e) {
    // Not worth a message: the app runs without it.
  }
}
// The reader's language table. English is compiled into the app; French, German and
// Russian are files of their own (`cargo xtask dist` gives them hashed names and rewrites
// these addresses), fetched only for their readers: the reader's own at once, in parallel
// with the wasm, so it is there when the app starts; another when the language switch asks
// (window.armsAtlasTable(tag) gives the app a promise of its text, one fetch per language).
const TABLES = {
  fr: new URL('locales/fr.tsv', import.meta.url),
  de: new URL('locales/de.tsv', import.meta.url),
  ru: new URL('locales/ru.tsv', import.meta.url),
};
const SHIPPED = ['en', 'fr', 'de', 'ru'];
const fetched = new Map();
function table(tag) {
  if (!Object.hasOwn(TABLES, tag)) return null;
  if (!fetched.has(tag)) {
    const p = fetch(TABLES[tag]).then((r) => {
      if (!r.ok) throw new Error(`locales/${tag}.tsv: HTTP ${r.status}`);
      return r.text();
    });
    p.catch(() => {}); // the app reports it if it asks; a guess it never uses stays silent
    fetched.set(tag, p);
  }
  return fetched.get(tag);
}
window.armsAtlasTable = table;
// The language the app will choose (src/state/locale.rs, atlas_core Locale::choose): a
// supported `lang=` in the link, else the first supported of the browser's languages.
function wantedLanguage() {
  const primary = (t) => String(t || '').trim().split(/[-_]/)[0].toLowerCase();
  const fromLink = primary(new URLSearchParams(location.search).get('lang'));
  if (SHIPPED.includes(fromLink)) return fromLink;
  const prefs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
  return prefs.map(primary).find((t) => SHIPPED.includes(t)) || 'en';
}
try {
  table(wantedLanguage());
} catch (e) {
  // The app fetches it itself, or shows English.
}
if (typeof WebAssembly !== 'object') {
  fail('this browser has no WebAssembly');
} else {
  import('../arms-atlas.js')
    .then((glue) => glue.default())
    .then(() => { if (status) status.remove(); })
    .catch((e) => fail(String(e && e.message ? e.message : e)))
    .finally(keepOffline);
}
