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
if (typeof WebAssembly !== 'object') {
  fail('this browser has no WebAssembly');
} else {
  import('../arms-atlas.js')
    .then((glue) => glue.default())
    .then(() => { if (status) status.remove(); })
    .catch((e) => fail(String(e && e.message ? e.message : e)))
    .finally(keepOffline);
}
