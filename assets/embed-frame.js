// Runs inside the graphic. In embed mode (`?embed`) inside an iframe, it tells the host
// page how tall the graphic is whenever that changes, so the host script
// (assets/embed-host.js) can size the iframe to its content. The height is not sensitive,
// so it is posted to any origin; the host checks where the message comes from.
(function () {
  var params = new URLSearchParams(location.search);
  var embed = params.has('embed') && ['0', 'false', 'no'].indexOf(params.get('embed')) < 0;
  if (!embed || window.parent === window) return;
  document.documentElement.classList.add('embed-frame');
  var last = -1;
  function send() {
    var h = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (h === last || h <= 0) return;
    last = h;
    window.parent.postMessage({ type: 'arms-atlas:resize', height: h }, '*');
  }
  if ('ResizeObserver' in window) {
    var ro = new ResizeObserver(send);
    ro.observe(document.documentElement);
    if (document.body) ro.observe(document.body);
  }
  window.addEventListener('load', send);
  window.addEventListener('resize', send);
  send();
})();
