// Arms Atlas embed host script: include it once on the page that embeds the graphic
// (the "Copy embed code" dialog gives the tag). It sizes every
// <iframe data-arms-atlas> to the height the graphic reports. A message is used only
// when it comes from that iframe's own window AND from the graphic's origin (the origin
// of the iframe's src); anything else is ignored.
(function () {
  if (window.__armsAtlasHost) return;
  window.__armsAtlasHost = true;
  function frames() {
    return Array.prototype.slice.call(document.querySelectorAll('iframe[data-arms-atlas]'));
  }
  function originOf(frame) {
    try { return new URL(frame.src, location.href).origin; } catch (e) { return null; }
  }
  // A frame made for the column (width="100%", or none) fills it; one made for a fixed
  // width (width="375") keeps it, but never overflows a narrower column.
  function prepare(frame) {
    var w = frame.getAttribute('width') || '100%';
    frame.style.border = '0';
    frame.style.width = /%$/.test(w) ? '100%' : w + 'px';
    frame.style.maxWidth = '100%';
    frame.style.display = 'block';
  }
  function prepareAll() { frames().forEach(prepare); }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', prepareAll);
  else prepareAll();
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data !== 'object' || data.type !== 'arms-atlas:resize') return;
    var h = Number(data.height);
    if (!isFinite(h) || h < 50 || h > 30000) return;
    frames().forEach(function (frame) {
      if (event.source !== frame.contentWindow) return;
      if (event.origin !== originOf(frame)) return;
      var px = String(Math.ceil(h));
      frame.style.height = px + 'px';
      frame.setAttribute('height', px);
    });
  });
})();
