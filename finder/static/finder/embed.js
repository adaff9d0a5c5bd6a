// The finder in a frame on a municipality's website (finder/views/embed.py): tell the
// page around it how tall the finder is, whenever that changes. Only the height is
// sent; the page's script (finder/embed/host.js) sets the frame's height with it.
(function () {
  "use strict";
  if (window.parent === window) {
    return;
  }
  var last = 0;
  function send() {
    var height = document.documentElement.scrollHeight;
    if (height !== last) {
      last = height;
      window.parent.postMessage({ toolboxFinderHeight: height }, "*");
    }
  }
  window.addEventListener("load", send);
  if (window.ResizeObserver) {
    new window.ResizeObserver(send).observe(document.body);
  }
})();
