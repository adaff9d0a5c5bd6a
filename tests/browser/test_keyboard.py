"""The site works with only a keyboard, and the focus is always visible."""

from django.urls import reverse

from ..factories import PASSWORD
from ..inventory import PAGES
from .colours import COLOURS

# How an element is named in the assertions: its id, or its link and text.
DESCRIBE = """const describe = el => el.id ? `${el.localName}#${el.id}`
    : el.localName + (el.hasAttribute("href") ? `[href=${el.getAttribute("href")}]` : "")
      + `:${el.textContent.trim()}`;"""
# The focused element: what it is, where it is and how its focus looks.
FOCUSED = (
    "() => {"
    + DESCRIBE
    + """
    const el = document.activeElement;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return {
        key: describe(el),
        inMain: !!el.closest("main") && el.id !== "main",
        inViewport: box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0
            && box.bottom <= innerHeight && box.right <= innerWidth,
        ring: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
            || style.boxShadow !== "none",
    };
}"""
)
# The focusable elements in the header, in DOM order.
HEADER_STOPS = (
    "() => {"
    + DESCRIBE
    + """
    return [...document.querySelectorAll(
        "header a[href], header button, header input, header select")]
        .filter(el => el.tabIndex >= 0 && !el.disabled && el.type !== "hidden")
        .map(describe);
}"""
)


# The focus indicator of the focused element, measured: the outline's width and
# the contrast of its colour with the background behind it (outside the element:
# its parent's background, composited up to the page).
FOCUS_INDICATOR = (
    "() => {"
    + DESCRIBE
    + COLOURS
    + """
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const behind = backgroundOf(el.parentElement);
    const outline = composite(parse(style.outlineColor), behind);
    return {
        key: describe(el),
        kind: el.localName === "input" ? `input[type=${el.type}]` : el.localName,
        dark: contrast(behind, {r: 255, g: 255, b: 255}) > 4.5,
        width: style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth),
        contrast: contrast(outline, behind),
    };
}"""
)


def focus_indicator(page):
    return page.evaluate(FOCUS_INDICATOR)


def assert_clearly_visible(indicator):
    assert indicator["width"] >= 2, f"{indicator['key']}: outline {indicator['width']}px"
    assert indicator["contrast"] >= 3, f"{indicator['key']}: contrast {indicator['contrast']}"


def focused(page):
    return page.evaluate(FOCUSED)


def press_tab(page, key="Tab"):
    page.keyboard.press(key)
    return focused(page)


def tab_to(page, selector, key="Tab", limit=40):
    """Press Tab (or Shift+Tab) until the element at ``selector`` has the focus."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{selector} never got the focus with {key}")


def submit_with_keyboard(page, username, password):
    """Tab to the login fields, type, and send the form with Enter."""
    tab_to(page, "#id_username")
    page.keyboard.type(username)
    tab_to(page, "#id_password")
    page.keyboard.type(password)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_the_skip_link_comes_first_and_moves_the_focus_to_main(page_as, live_server):
    page = page_as()
    page.goto(live_server.url + reverse("home"))
    hidden = page.locator(".skip-link").bounding_box()
    assert hidden["y"] + hidden["height"] <= 0, "the skip link waits above the page"
    skip = press_tab(page)
    assert skip["key"] == "a[href=#main]:Naar de inhoud"
    assert skip["inViewport"], "the skip link shows when it has the focus"
    assert skip["ring"]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    following = press_tab(page)
    assert following["inMain"], "after the skip link, Tab goes on inside main"


def test_tab_goes_through_the_header_in_order_with_a_visible_focus(page_as, live_server):
    page = page_as()
    page.goto(live_server.url + reverse("home"))
    expected = page.evaluate(HEADER_STOPS)
    assert f"a[href={reverse('login')}]:Inloggen" in expected
    assert f"a[href={reverse('switch_language', args=['en'])}?next=/]:English" in expected
    for link in page.locator(".site-nav a").all():
        assert f"a[href={link.get_attribute('href')}]:{link.inner_text()}" in expected
    press_tab(page)  # the skip link
    for key in expected:
        stop = press_tab(page)
        assert stop["key"] == key
        assert stop["ring"], f"{key} has no visible focus indicator"


def test_logging_in_with_only_the_keyboard(page_as, live_server, cast):
    page = page_as()
    page.goto(live_server.url + reverse("login"))
    submit_with_keyboard(page, "enschede.editor", PASSWORD)
    assert page.url == live_server.url + reverse("my_toolbox")
    assert page.locator("h1").inner_text() == "Mijn toolbox"


def test_a_wrong_password_shows_an_error_in_the_summary(page_as, live_server, cast):
    page = page_as()
    page.goto(live_server.url + reverse("login"))
    submit_with_keyboard(page, "enschede.editor", "fout")
    # A non-field error: in the summary (role=alert), but not a link.
    summary = page.locator(".error-summary[role=alert]")
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in summary.inner_text()
    assert page.input_value("#id_username") == "enschede.editor"


def test_a_missing_password_is_linked_from_the_summary_to_the_field(page_as, live_server, cast):
    page = page_as()
    page.goto(live_server.url + reverse("login"))
    submit_with_keyboard(page, "enschede.editor", "")
    # The summary comes before the form: go back to its link.
    tab_to(page, ".error-summary a[href='#id_password']", key="Shift+Tab")
    assert focused(page)["ring"]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_password"
    field = page.locator("#id_password")
    assert field.get_attribute("aria-invalid") == "true"
    error = page.locator(f"#{field.get_attribute('aria-describedby')}")
    assert error.inner_text() == "Dit veld is verplicht."


def test_every_kind_of_form_control_has_a_clearly_visible_focus(page_as, live_server, request):
    """Bootstrap's faint focus styles (.form-control:focus, .form-select:focus,
    .form-check-input:focus, .btn:focus-visible) used to override the site's ring."""
    edit = next(page for page in PAGES if page.name == "network:service_edit")
    for fixture in edit.fixtures:
        request.getfixturevalue(fixture)
    page = page_as(edit.user)
    page.goto(live_server.url + edit.url())
    tab_to(page, "main input, main select, main textarea, main button")
    kinds = set()
    for _ in range(300):
        indicator = focus_indicator(page)
        if not page.evaluate("document.activeElement.closest('main')"):
            break
        assert_clearly_visible(indicator)
        kinds.add(indicator["kind"])
        page.keyboard.press("Tab")
    expected = {"input[type=text]", "select", "input[type=radio]", "input[type=checkbox]"}
    assert expected | {"button"} <= kinds


def test_the_header_and_the_dark_navigation_have_a_clearly_visible_focus(
    page_as, live_server, cast
):
    page = page_as("enschede.editor")
    page.goto(live_server.url + reverse("home"))
    stops = page.evaluate(HEADER_STOPS)
    press_tab(page)  # the skip link
    assert_clearly_visible(focus_indicator(page))
    on_dark = 0
    for key in stops:
        page.keyboard.press("Tab")
        indicator = focus_indicator(page)
        assert indicator["key"] == key
        assert_clearly_visible(indicator)
        on_dark += indicator["dark"]
    assert on_dark == page.locator(".site-nav a").count() > 0


def test_a_date_field_shows_its_focus_in_each_of_its_parts(page_as, live_server, cast):
    """Chromium moves the focus through a date field's parts (day, month, year, the
    calendar button); on the last the field matches neither :focus-visible nor :focus."""
    page = page_as("twente.coordinator")
    page.goto(live_server.url + reverse("audit_trail"))
    tab_to(page, "#id_van")
    parts = 0
    while page.evaluate("document.activeElement.id") == "id_van" and parts < 10:
        page.wait_for_timeout(200)  # Bootstrap's .form-control eases its box-shadow in
        assert_clearly_visible(focus_indicator(page))
        page.keyboard.press("Tab")
        parts += 1
    assert parts >= 3
