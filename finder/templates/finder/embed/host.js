{% comment %}
Loaded by a municipality's website next to the finder's frame: it makes the frame
as tall as the finder says it is (finder/static/finder/embed.js). It reads messages
from this site only and changes nothing but the frame's height.
{% endcomment %}(function () {
  "use strict";
  var origin = "{{ request.scheme }}://{{ request.get_host|escapejs }}";
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || typeof data.toolboxFinderHeight !== "number") {
      return;
    }
    var frames = document.querySelectorAll("iframe[data-toolbox-finder]");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.min(Math.max(data.toolboxFinderHeight, 200), 20000) + "px";
      }
    }
  });
})();
