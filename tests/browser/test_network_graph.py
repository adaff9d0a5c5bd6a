"""The network map's graph: no label lies over another, and a legend says what the
colours, shapes and lines mean (as HTML beside the graph, not only inside it)."""

from django.urls import reverse

OVERLAPS = """() => {
  const cy = document.getElementById("network-graph")._cyreg.cy;
  const boxes = cy.nodes().map((node) => ({
    name: node.data("label"),
    box: node.boundingBox({ includeLabels: true, includeNodes: true, includeOverlays: false }),
  }));
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i].box, b = boxes[j].box;
      if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) {
        overlaps.push([boxes[i].name, boxes[j].name]);
      }
    }
  }
  return { nodes: boxes.length, overlaps: overlaps, zoom: cy.zoom() };
}"""


def open_map(page_as, live_server, size):
    page = page_as("enschede.editor")
    page.set_viewport_size(size)
    page.goto(live_server.url + reverse("network:map", args=["enschede"]))
    page.wait_for_function(
        "() => { const c = document.getElementById('network-graph');"
        " return c && !c.hidden && c._cyreg && c._cyreg.cy; }"
    )
    return page


def test_no_label_of_the_graph_overlaps_another(page_as, live_server, network):
    for size in ({"width": 1280, "height": 800}, {"width": 390, "height": 844}):
        page = open_map(page_as, live_server, size)
        found = page.evaluate(OVERLAPS)
        assert found["nodes"] > 5
        assert found["overlaps"] == [], found
        # Labels stay readable: the graph is not shrunk to fit the container.
        assert found["zoom"] >= 0.75, found


def test_the_graph_has_a_visible_legend_for_colours_shapes_and_lines(page_as, live_server, network):
    page = open_map(page_as, live_server, {"width": 1280, "height": 800})
    legend = page.locator("#network-graph-legend")
    assert legend.is_visible()
    text = legend.inner_text()
    for words in ("verwijst naar", "werkt samen met", "draagt over aan"):
        assert words in text
    categories = page.locator("#network-graph-legend [data-category]")
    assert categories.count() >= 2
    swatch = categories.first.locator("svg")
    assert swatch.is_visible()
