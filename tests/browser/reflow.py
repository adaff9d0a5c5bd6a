"""Nothing makes a page scroll sideways at 390 px (WCAG 1.4.10 Reflow). Wide tables
scroll inside their own, focusable wrapper."""

PHONE = {"width": 390, "height": 844}
# What sticks out of the window, to name in the failure.
WIDE = """() => {
    const edge = document.documentElement.clientWidth;
    const range = document.createRange();
    const sticksOut = node => {
        range.selectNodeContents(node);
        return range.getBoundingClientRect().right > edge + 1;
    };
    return [...document.querySelectorAll("body *")]
        .filter(el => !el.closest(".table-responsive, .matrix-wrap") && sticksOut(el)
            && ![...el.children].some(sticksOut))
        .slice(0, 5)
        .map(el => el.outerHTML.slice(0, 160));
}"""


# What a script draws at the window's size when the page loads.
DRAWN = "#network-graph, #dashboard-charts"


def assert_fits_a_phone(page):
    """The page, laid out again at a phone's width, is no wider than the phone. A page
    with the network graph or the charts is loaded again: they size themselves when
    they are drawn. Nothing else on the site is laid out by a script."""
    page.set_viewport_size(PHONE)
    if page.locator(DRAWN).count():
        page.reload()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{width}px wide at a phone's width: {page.evaluate(WIDE)}"
