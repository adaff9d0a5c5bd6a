"""A link in an error summary brings its field into view together with the
label that names it (or the legend of a choice of options)."""

import pytest
from django.urls import reverse

from criteria.models import Criterion

from ..inventory import PAGES
from .test_accessibility import check_page

# The linked field, and the label (or legend) that names it: both in the window?
IN_VIEW = """id => {
    const field = document.getElementById(id);
    const fieldset = field.closest("fieldset");
    const label = document.querySelector(`label[for="${id}"]`);
    const name = ["radio", "checkbox"].includes(field.type) && fieldset
        ? fieldset.querySelector("legend") : label;
    const inView = el => {
        const box = el.getBoundingClientRect();
        return box.top >= -1 && box.bottom <= innerHeight + 1;  // rounding
    };
    const margin = getComputedStyle(field).scrollMarginTop;
    return {field: inView(field), name: inView(name), margin};
}"""


def follow_every_summary_link(page):
    # Bootstrap scrolls smoothly unless the visitor asks for less motion: measure
    # where the scroll ends, not halfway.
    page.emulate_media(reduced_motion="reduce")
    links = page.locator(".error-summary a[href^='#']")
    assert links.count() >= 1
    for index in range(links.count()):
        page.evaluate("scrollTo(0, 0)")
        link = links.nth(index)
        target = link.get_attribute("href")[1:]
        link.click()
        page.wait_for_function("id => location.hash === '#' + id", arg=target)
        shown = page.evaluate(IN_VIEW, target)
        assert shown["field"], f"#{target} is out of view"
        assert shown["name"], f"the label of #{target} is scrolled out of view ({shown})"


def test_the_summary_of_a_crispy_form_shows_each_field_with_its_label(
    page_as, live_server, request
):
    edit = next(page for page in PAGES if page.name == "network:service_edit")
    for fixture in edit.fixtures:
        request.getfixturevalue(fixture)
    page = page_as(edit.user)
    page.set_viewport_size({"width": 1280, "height": 600})
    page.goto(live_server.url + edit.url())
    page.fill("#id_name", "")
    page.fill("#id_description", "")
    page.evaluate(
        "document.querySelectorAll('[name=municipalities]').forEach(e => e.checked = false)"
    )
    with page.expect_navigation():
        page.click("main button[type=submit]")
    follow_every_summary_link(page)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_summary_of_the_agreements_form_shows_the_field_with_its_label(
    page_as, live_server, criteria_framework, cast, width
):
    criterion = Criterion.objects.filter(framework=criteria_framework).order_by("pk")[10]
    page = page_as("enschede.editor")
    page.set_viewport_size({"width": width, "height": 700})
    page.goto(live_server.url + reverse("criteria:agreements", kwargs={"slug": "enschede"}))
    page.fill(f"#id_text_{criterion.pk}", "Zonder status")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    follow_every_summary_link(page)


def test_the_summary_of_an_admin_form_is_accessible_and_shows_each_field(
    page_as, live_server, cast, enschede
):
    """The admin's change form sums up its errors as the site's forms do
    (templates/admin/change_form.html), and passes axe-core."""
    page = page_as("twente.coordinator")
    page.set_viewport_size({"width": 1280, "height": 600})
    url = reverse("admin:toolbox_site_organization_change", args=[enschede.pk])
    response = page.goto(live_server.url + url)
    page.fill("#id_name", "")
    page.fill("#id_email", "geen adres")
    with page.expect_navigation():
        page.click("input[name=_save]")
    check_page(page, live_server.url, response, 200)
    assert page.locator(".error-summary a").count() == 2
    follow_every_summary_link(page)
