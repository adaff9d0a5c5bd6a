"""The agreements matrix keeps its criterion column in view when it scrolls sideways."""

import pytest
from django.urls import reverse

# After scrolling the matrix as far right as it goes: is each criterion cell
# still at the wrapper's left edge, and is it what shows there (the cells
# scrolling under it are hidden by its opaque background)?
AFTER_SCROLLING_RIGHT = """() => {
    const wrap = document.querySelector(".matrix-wrap");
    wrap.scrollIntoView({behavior: "instant"});
    wrap.scrollLeft = wrap.scrollWidth;
    const edge = wrap.getBoundingClientRect().left;
    const cells = [...wrap.querySelectorAll("thead th:first-child, tbody th")]
        .filter(th => th.getBoundingClientRect().bottom < innerHeight);
    return {
        scrolled: wrap.scrollLeft,
        cells: cells.map(th => {
            const box = th.getBoundingClientRect();
            const shown = document.elementFromPoint(box.left + 4, box.top + box.height / 2);
            return {
                text: th.textContent.trim().slice(0, 20),
                atEdge: Math.abs(box.left - edge) <= 2,
                onTop: th.contains(shown),
                shown: shown && shown.outerHTML.slice(0, 80),
                background: getComputedStyle(th).backgroundColor,
            };
        }).filter((cell, index) => index < 8),
    };
}"""


@pytest.mark.parametrize("width", [390, 800])
def test_the_criterion_column_stays_when_the_matrix_scrolls_right(
    page_as, live_server, criteria_agreements, width
):
    page = page_as("enschede.editor")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + reverse("criteria:matrix"))
    # Enough municipalities to scroll: the matrix of a region is wide.
    page.evaluate(
        """() => document.querySelectorAll(".matrix tr").forEach(row => {
            for (let i = 0; i < 12; i++) row.append(row.lastElementChild.cloneNode(true));
        })"""
    )
    result = page.evaluate(AFTER_SCROLLING_RIGHT)
    assert result["scrolled"] > 200
    assert len(result["cells"]) > 2  # the heading and criteria
    for cell in result["cells"]:
        assert cell["atEdge"], f"{cell['text']} scrolled out of view"
        assert cell["onTop"], f"{cell['text']} is hidden under {cell['shown']}"
        assert cell["background"] == "rgb(255, 255, 255)", cell
