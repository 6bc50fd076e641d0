// Starts the WebAssembly app. Kept as a file of its own (not an inline script) so the
// page runs under a strict Content-Security-Policy, and relative so it works from any
// sub-path. If the browser lacks WebAssembly, or loading fails, say so in words.
const status = document.getElementById('boot-status');
function fail(reason) {
  if (!status) return;
  status.className = 'boot-status boot-failed';
  status.textContent = 'Arms Atlas could not start (' + reason + '). It needs a current browser with ' +
    'JavaScript and WebAssembly. The data comes from the SIPRI Arms Transfers Database: ' +
    'https://www.sipri.org/databases/armstransfers';
}
if (typeof WebAssembly !== 'object') {
  fail('this browser has no WebAssembly');
} else {
  import('../arms-atlas.js')
    .then((glue) => glue.default())
    .then(() => { if (status) status.remove(); })
    .catch((e) => fail(String(e && e.message ? e.message : e)));
}
