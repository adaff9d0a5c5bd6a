"""The pages the inventory cannot name pass axe-core (WCAG 2.1 A and AA), have one h1,
the right language and a skip link as their first tab stop: the English version, the
error pages, a form with errors. The inventory's pages are checked the same way on the
demo site (test_every_page.py)."""

from django.conf import settings
from django.urls import reverse

AXE_SCRIPT = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
# The site's CSP allows scripts from 'self' only, which blocks add_script_tag(path=...)
# (an inline script). So axe is served from a made-up same-origin URL through
# page.route, and the page is checked with its CSP still in force.
AXE_PATH = "/__axe-core__/axe.min.js"


def run_axe(page, base_url):
    """The axe-core violations on the page."""
    url = base_url + AXE_PATH
    page.route(url, lambda route: route.fulfill(path=AXE_SCRIPT, content_type="text/javascript"))
    page.add_script_tag(url=url)
    return page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)["violations"]


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"  {node['target']}: {node['html']}" for node in violation["nodes"])
    return "\n".join(lines)


def first_focusable(page):
    """The first element in the tab order (DOM order, as no element has a
    positive tabindex; an autofocus field is left aside) and what it links to."""
    return page.evaluate(
        """() => {
            const candidates = document.querySelectorAll(
                "a[href], button, input, select, textarea, summary, [tabindex]");
            const el = [...candidates].find(e => e.tabIndex >= 0 && !e.disabled
                && e.type !== "hidden" && e.checkVisibility());
            const href = el.getAttribute("href") || "";
            const target = href.startsWith("#") && document.getElementById(href.slice(1));
            return {element: el.localName, linksTo: target ? target.localName : href};
        }"""
    )


def check_page(page, base_url, response, status, lang="nl"):
    assert response.status == status
    violations = run_axe(page, base_url)
    assert not violations, "axe-core found:\n" + describe(violations)
    assert page.locator("h1").count() == 1
    assert page.evaluate("document.documentElement.lang") == lang
    # A skip link to <main>: the site's to #main, Django admin's to #content-start.
    assert first_focusable(page) == {"element": "a", "linksTo": "main"}


def submit_login(page, username, password):
    """Fill in and send the login form; the response of the page it leads to."""
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation() as navigation:
        page.click("main button[type=submit]")
    return navigation.value


def test_the_english_version_is_accessible(page_as, live_server, cast):
    page = page_as()
    page.goto(live_server.url + reverse("home"))
    with page.expect_navigation() as navigation:
        page.click(".language-switch a[lang=en]")
    assert "/taal/en/?next=" in navigation.value.request.redirected_from.url
    check_page(page, live_server.url, navigation.value, 200, lang="en")


def test_the_not_found_page_is_accessible(page_as, live_server):
    page = page_as()
    response = page.goto(live_server.url + "/bestaat-niet/")
    check_page(page, live_server.url, response, 404)


def test_the_forbidden_page_is_accessible(page_as, live_server, cast):
    page = page_as("enschede.viewer")
    url = reverse("organization_edit", kwargs={"slug": "enschede"})
    response = page.goto(live_server.url + url)
    check_page(page, live_server.url, response, 403)


def test_the_login_form_with_errors_is_accessible(page_as, live_server, cast):
    page = page_as()
    page.goto(live_server.url + reverse("login"))
    response = submit_login(page, "enschede.editor", "")
    check_page(page, live_server.url, response, 200)


def test_the_lockout_page_is_accessible(page_as, live_server, cast):
    page = page_as()
    page.goto(live_server.url + reverse("login"))
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert submit_login(page, "enschede.editor", "fout").status == 200
    response = submit_login(page, "enschede.editor", "fout")
    check_page(page, live_server.url, response, 429)
