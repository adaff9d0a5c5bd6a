"""The network map's graph: its nodes and edges for the browser (network/static/network/
map.js draws them) and its legend for the template, from one set of styles.

A service's role category gives its node a colour and a shape; a link's kind gives
its line a style. Both the graph and the legend beside it take them from here, so
the two cannot disagree. The links table below the graph holds the same information.
"""

from .models import Link

#: Colours (contrast of at least 3:1 on white) and shapes per category, in order;
#: categories beyond these reuse them from the start.
COLOURS = ["#1a4480", "#2e7d32", "#8a4b00", "#6a1b9a", "#00695c", "#b3261e", "#4a5259"]
SHAPES = ["ellipse", "round-rectangle", "diamond", "hexagon", "triangle", "rectangle", "star"]
#: Line styles per kind of link (cytoscape's names; the legend draws the same).
LINES = {
    Link.Kind.REFERS_TO: "solid",
    Link.Kind.WORKS_WITH: "dashed",
    Link.Kind.HANDS_OVER_TO: "dotted",
}


def category_styles(categories):
    """Each category's colour and shape, by its place in the list of all categories."""
    return {
        category.pk: {
            "colour": COLOURS[position % len(COLOURS)],
            "shape": SHAPES[position % len(SHAPES)],
        }
        for position, category in enumerate(categories)
    }


def graph_of(services, links, categories):
    """The graph's data (for json_script) and its legend (for the template), from the
    map's rows (network/rows.py)."""
    styles = category_styles(categories)
    nodes = [
        {
            "id": f"s{service.pk}",
            "label": service.name,
            "url": service.url,
            "order": position,
            **styles[service.role.category_id],
        }
        for position, service in enumerate(services)
    ]
    edges = [
        {
            "id": f"l{link.pk}",
            "source": f"s{link.from_service_id}",
            "target": f"s{link.to_service_id}",
            "line": LINES.get(link.kind, "solid"),
        }
        for link in links
    ]
    shown_categories = {service.role.category_id for service in services}
    shown_kinds = {link.kind for link in links}
    legend = {
        "categories": [
            {"name": category.name, "code": category.code, **styles[category.pk]}
            for category in categories
            if category.pk in shown_categories
        ],
        "lines": [
            {"name": label, "line": LINES.get(kind, "solid")}
            for kind, label in Link.Kind.choices
            if kind in shown_kinds
        ],
    }
    return {"nodes": nodes, "edges": edges}, legend
