"""Every status badge the project shows is readable on every page: its text
has 4.5:1 contrast with its own, opaque background.

The badges are gathered from the sources (every class attribute with a badge
or a state in the templates and the Python that writes HTML), from the states
of the models and from the stylesheets, so a new badge or state is checked
without being named here."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from criteria.models import LocalAgreement
from criteria.views.matrix import STATUS_CLASSES
from monitoring.dashboards import NOT_STARTED
from monitoring.models import Report
from toolbox_site.templatetags.toolbox import css_name

from ..sources import PROJECT_APPS, python_files
from .colours import text_contrast

BASE = settings.BASE_DIR
APPS = (*PROJECT_APPS, "templates")
CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')
BADGE = re.compile(r"\b(badge|status|dashboard-overdue)\b")
# A state's class in a stylesheet, with the base class it goes with.
STATE_SELECTOR = re.compile(r"\.((monitoring-status|status)-[\w-]+)")


def source_files():
    for app in APPS:
        yield from (BASE / app).rglob("*.html")
        yield from python_files(app, migrations=True)


def static_badges():
    """The badges whose classes are written out in full in a template or in Python."""
    found = set()
    for path in source_files():
        for classes in CLASS_ATTRIBUTE.findall(path.read_text()):
            if BADGE.search(classes) and "{" not in classes:
                found.add(" ".join(classes.split()))
    return found


def state_badges():
    """A badge for every state of a report and of a local agreement."""
    monitoring = [NOT_STARTED, *Report.Status.values]
    return {
        f"badge monitoring-status monitoring-status-{css_name(state)}" for state in monitoring
    } | {f"status {STATUS_CLASSES[state]}" for state in LocalAgreement.Status.values}


def stylesheet_badges():
    """Every state class the stylesheets define, with its base class."""
    found = set()
    for path in [*(BASE / "static").rglob("*.css"), *BASE.glob("*/static/**/*.css")]:
        for state, base in STATE_SELECTOR.findall(path.read_text()):
            found.add(f"badge {base} {state}" if base == "monitoring-status" else f"{base} {state}")
    return found


BADGES = sorted(static_badges() | state_badges() | stylesheet_badges())


def test_the_sources_have_badges_of_each_kind():
    """The search above finds what it is meant to find."""
    assert "status status-none" in BADGES
    assert "badge text-bg-warning" in BADGES
    assert "badge monitoring-status monitoring-status-submitted" in BADGES
    assert "dashboard-overdue" in BADGES


def test_state_classes_use_one_naming():
    """Hyphens, never a stored value's underscore (``status-in_discussion`` was
    written by a template while the stylesheet defined ``.status-in-discussion``)."""
    assert [badge for badge in BADGES if "_" in badge] == []


@pytest.mark.parametrize("classes", BADGES)
def test_each_badge_is_readable_on_any_page(page_as, live_server, classes):
    """On a page that loads no stylesheet of its own, and on the page's background."""
    page = page_as()
    page.goto(live_server.url + reverse("accessibility"))
    page.evaluate(
        """classes => {
            const badge = document.createElement("span");
            badge.className = classes;
            badge.id = "badge-under-test";
            badge.textContent = "Ingediend";
            document.querySelector("main").prepend(badge);
        }""",
        classes,
    )
    measured = text_contrast(page, page.locator("#badge-under-test"))
    assert measured["ownAlpha"] == 1, f"{classes}: the badge has no background of its own"
    assert measured["contrast"] >= 4.5, f"{classes}: contrast {measured['contrast']}"


def test_the_agreement_states_are_coloured_on_a_criterion_page(
    page_as, live_server, criteria_agreements
):
    page = page_as("enschede.editor")
    page.goto(live_server.url + reverse("criteria:detail", kwargs={"code": "ON-1"}))
    badges = page.locator("main .status")
    assert badges.count() >= 1
    for index in range(badges.count()):
        measured = text_contrast(page, badges.nth(index))
        assert measured["ownAlpha"] == 1, badges.nth(index).get_attribute("class")
        assert measured["contrast"] >= 4.5, measured


def test_the_report_states_are_readable_on_the_monitoring_overview(
    page_as, live_server, monitoring_demo
):
    """The "State" column of /monitoring/ showed white text on no background."""
    page = page_as("enschede.editor")
    page.goto(live_server.url + reverse("monitoring:index"))
    badges = page.locator("main .monitoring-status")
    assert badges.count() >= 1
    for index in range(badges.count()):
        measured = text_contrast(page, badges.nth(index))
        assert measured["ownAlpha"] == 1
        assert measured["contrast"] >= 4.5, measured
