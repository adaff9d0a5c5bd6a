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


def assert_fits_a_phone(page):
    """The page, loaded again at a phone's width, is no wider than the phone. Loaded
    again, not only laid out again: the network graph and the charts size themselves
    when they are drawn."""
    page.set_viewport_size(PHONE)
    page.reload()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{width}px wide at a phone's width: {page.evaluate(WIDE)}"
