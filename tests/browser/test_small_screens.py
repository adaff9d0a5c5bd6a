"""Every page fits a phone: nothing makes the page scroll sideways at 390 px
(WCAG 1.4.10 Reflow). Wide tables scroll inside their own, focusable wrapper."""

import pytest

from ..inventory import PAGES

PHONE = {"width": 390, "height": 844}
HTML_PAGES = [page for page in PAGES if page.html and not page.name.startswith("hsds:")]
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


@pytest.mark.parametrize("page", HTML_PAGES, ids=[page.id for page in HTML_PAGES])
def test_the_page_fits_a_phone(page_as, live_server, cast, page, request):
    for fixture in page.fixtures:
        request.getfixturevalue(fixture)
    browser_page = page_as(page.user)
    browser_page.set_viewport_size(PHONE)
    response = browser_page.goto(live_server.url + page.url())
    assert response.status == page.status
    width = browser_page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{width}px wide: {browser_page.evaluate(WIDE)}"
