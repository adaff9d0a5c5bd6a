"""Every field that is refused says so to assistive technology: ``aria-invalid``
and an ``aria-describedby`` that names its error message, on each kind of form
(crispy's fields, the hand-written report, agreements and finder forms).

A choice of radio buttons or checkboxes is described by its fieldset (as
Django and crispy render it), each option carrying ``aria-invalid``."""

from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from criteria.models import Criterion
from tests.criteria.conftest import agreements_post
from tests.inventory import PAGES
from tests.monitoring.fixtures import make_report, valid_post

CONTROLS = {"input", "select", "textarea"}


class Form(HTMLParser):
    """The page's controls (with the fieldsets around them) and its elements by id."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.controls, self.ids, self.fieldsets = [], {}, []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "fieldset":
            self.fieldsets.append(attrs)
        if "id" in attrs:
            self.ids[attrs["id"]] = attrs
        if tag in CONTROLS:
            self.controls.append((tag, attrs, list(self.fieldsets)))

    def handle_endtag(self, tag):
        if tag == "fieldset" and self.fieldsets:
            self.fieldsets.pop()


def invalid_fields(html):
    """Per refused control: its name, aria-invalid, and the error elements its
    description (or its fieldset's, for an option) names."""
    form = Form(html)
    found = []
    for _tag, attrs, fieldsets in form.controls:
        if "is-invalid" not in (attrs.get("class") or "").split():
            continue
        described = attrs.get("aria-describedby")
        if attrs.get("type") in ("radio", "checkbox") and fieldsets:
            described = described or fieldsets[-1].get("aria-describedby")
        errors = [
            element_id
            for element_id in (described or "").split()
            if "invalid-feedback" in (form.ids.get(element_id, {}).get("class") or "")
        ]
        found.append((attrs.get("name"), attrs.get("aria-invalid"), errors))
    return found


def assert_every_invalid_field_is_marked(html, *names):
    fields = invalid_fields(html)
    assert {name for name, _invalid, _errors in fields} >= set(names)
    for name, invalid, errors in fields:
        assert invalid == "true", f"{name} has no aria-invalid"
        assert errors, f"{name} is not described by its error message"


def test_a_crispy_form(client, cast, enschede_network):
    edit = next(page for page in PAGES if page.name == "network:service_edit")
    client.force_login(cast[edit.user])
    response = client.post(edit.url(), {"name": "", "formality": "nonsense"})
    assert response.status_code == 200
    assert_every_invalid_field_is_marked(
        response.content.decode(), "name", "role", "description", "municipalities", "formality"
    )


def test_the_report_form(client, cast, report):
    client.force_login(cast["enschede.editor"])
    data = valid_post(report)
    data.update({"v__clients_total": "veel", "v__registered_pct": "140"})
    data["c__clients_total"] = "x" * 100_000
    response = client.post(reverse("monitoring:report", args=[report.pk]), data)
    assert response.status_code == 200
    assert_every_invalid_field_is_marked(
        response.content.decode(), "v__clients_total", "v__registered_pct", "c__clients_total"
    )


def test_the_agreements_form(client, cast, criteria_framework):
    criteria = list(Criterion.objects.filter(framework=criteria_framework).order_by("pk"))
    on1, on2 = criteria[:2]
    data = agreements_post(
        criteria,
        **{on1.code: {"status": "maybe"}, on2.code: {"status": "agreed", "text": "x" * 10_000}},
    )
    client.force_login(cast["enschede.editor"])
    response = client.post(reverse("criteria:agreements", kwargs={"slug": "enschede"}), data)
    assert response.status_code == 200
    assert_every_invalid_field_is_marked(
        response.content.decode(), f"status_{on1.pk}", f"text_{on2.pk}"
    )


def test_the_finder(client, finder_network):
    query = urlencode({"gemeente": "atlantis", "situatie": "niets", "leeftijd": "oud"})
    response = client.get(f"{reverse('finder:index')}?{query}")
    assert_every_invalid_field_is_marked(
        response.content.decode(), "gemeente", "situatie", "leeftijd"
    )


@pytest.fixture
def report(cast):
    return make_report("enschede")


# NUL: a 400 earlier; lone surrogates: a browser cannot send them (nor the test client)
TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=20
)


@given(
    values=st.dictionaries(
        st.sampled_from(["v__clients_total", "v__registered_pct", "v__waiting_days"]),
        TEXT,
        min_size=1,
    ),
    comment=TEXT | st.just("x" * 5_000),
)
def test_whatever_the_report_form_refuses_is_marked(client, cast, report, values, comment):
    report.refresh_from_db()
    client.force_login(cast["enschede.editor"])
    data = {**valid_post(report), **values, "c__clients_total": comment}
    response = client.post(reverse("monitoring:report", args=[report.pk]), data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert_every_invalid_field_is_marked(response.content.decode())
