// The network graph: an enhancement of the links table on the map page.
// Data comes from json_script; nothing inline, so it runs under the strict CSP.
(function () {
  "use strict";
  var container = document.getElementById("network-graph");
  var source = document.getElementById("network-graph-data");
  if (!container || !source || typeof window.cytoscape !== "function") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var colours = { A: "#1a4480", B: "#2e7d32", C: "#8a4b00", D: "#6a1b9a", E: "#00695c" };
  var shapes = { A: "ellipse", B: "round-rectangle", C: "diamond", D: "hexagon", E: "triangle" };
  var lines = { refers_to: "solid", works_with: "dashed", hands_over_to: "dotted" };
  var elements = [];
  data.nodes.forEach(function (node) {
    elements.push({ group: "nodes", data: node });
  });
  data.edges.forEach(function (edge) {
    elements.push({ group: "edges", data: edge });
  });
  container.hidden = false;
  var graph = window.cytoscape({
    container: container,
    elements: elements,
    layout: { name: "cose", animate: false, padding: 20 },
    style: [
      {
        selector: "node",
        style: {
          label: "data(label)",
          "font-size": 10,
          "text-wrap": "wrap",
          "text-max-width": 120,
          "background-color": function (node) {
            return colours[node.data("category")] || "#4a5259";
          },
          shape: function (node) {
            return shapes[node.data("category")] || "ellipse";
          },
          width: 18,
          height: 18,
          color: "#1b1b1b",
        },
      },
      {
        selector: "edge",
        style: {
          width: 2,
          "line-color": "#4a5259",
          "target-arrow-color": "#4a5259",
          "target-arrow-shape": "triangle",
          "curve-style": "bezier",
          "line-style": function (edge) {
            return lines[edge.data("kind")] || "solid";
          },
        },
      },
    ],
  });
  graph.on("tap", "node", function (event) {
    var url = event.target.data("url");
    if (url) {
      window.location.href = url;
    }
  });
})();
