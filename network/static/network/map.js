// The network graph: an enhancement of the links table on the map page.
// Data comes from json_script (network/graph.py gives each node its colour and shape
// and each link its line style, as in the legend); nothing inline, so it runs under
// the strict CSP.
//
// The nodes stand in a grid, grouped by role category, with their names below them:
// each cell is as wide as the longest label may be, so no label covers another
// (tests/browser/test_network_graph.py measures it). The container grows with the
// number of rows, so the graph keeps its readable size instead of shrinking to fit.
(function () {
  "use strict";
  var container = document.getElementById("network-graph");
  var source = document.getElementById("network-graph-data");
  var legend = document.getElementById("network-graph-legend");
  if (!container || !source || typeof window.cytoscape !== "function") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var labelWidth = 140;
  var cellWidth = labelWidth + 30;
  var rowHeight = 100;
  var elements = [];
  data.nodes.forEach(function (node) {
    elements.push({ group: "nodes", data: node });
  });
  data.edges.forEach(function (edge) {
    elements.push({ group: "edges", data: edge });
  });
  container.hidden = false;
  if (legend) {
    legend.hidden = false;
  }
  var columns = Math.max(1, Math.floor(container.clientWidth / cellWidth));
  var rows = Math.max(1, Math.ceil(data.nodes.length / columns));
  container.style.height = rows * rowHeight + 40 + "px";
  var graph = window.cytoscape({
    container: container,
    elements: elements,
    minZoom: 0.3,
    maxZoom: 2,
    layout: {
      name: "grid",
      cols: columns,
      avoidOverlap: true,
      avoidOverlapPadding: 12,
      nodeDimensionsIncludeLabels: true,
      padding: 20,
      fit: true,
      animate: false,
      sort: function (a, b) {
        return a.data("order") - b.data("order");
      },
    },
    style: [
      {
        selector: "node",
        style: {
          label: "data(label)",
          "font-size": 11,
          "text-wrap": "wrap",
          "text-max-width": labelWidth,
          "text-valign": "bottom",
          "text-halign": "center",
          "text-margin-y": 4,
          "background-color": "data(colour)",
          shape: "data(shape)",
          width: 18,
          height: 18,
          color: "#1b1b1b",
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.85,
          "text-background-padding": 1,
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
          "line-style": "data(line)",
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
