"""Control characters (U+0000 to U+001F, U+007F) are refused at input on every form of the
site, with an error at the field; multi-line text keeps tab, new line and carriage return."""

import importlib

import pytest
from django import forms
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from criteria.models import Criterion, LocalAgreement
from finder.forms import ServiceReportForm
from network.models import Service
from tests.criteria.conftest import agreements_post
from tests.monitoring.fixtures import make_report, report_state, valid_post
from tests.toolbox_site.test_accounts_admin import organization_post
from toolbox_site.validators import ControlCharactersMixin

MESSAGE = "onzichtbare stuurtekens"
FORBIDDEN = [chr(code) for code in range(0x01, 0x20) if chr(code) not in "\t\n\r"] + ["\x7f"]
FORM_MODULES = [
    "criteria.forms",
    "monitoring.forms",
    "network.forms",
    "finder.forms",
    "network.importing",
    "toolbox_site.forms",
    "toolbox_site.admin",
    "practice.forms",
]


def project_forms():
    for module in FORM_MODULES:
        importlib.import_module(module)
    seen, todo = set(), [forms.BaseForm]
    while todo:
        for subclass in todo.pop().__subclasses__():
            if subclass not in seen:
                seen.add(subclass)
                todo.append(subclass)
    prefixes = tuple(
        f"{app}."
        for app in ("criteria", "finder", "monitoring", "network", "toolbox_site", "practice")
    )
    return sorted(
        (cls for cls in seen if cls.__module__.startswith(prefixes)), key=lambda c: c.__qualname__
    )


def test_every_form_of_the_project_refuses_control_characters():
    """A class fix: every form class of the project (and the admin's, through
    ConstraintCheckingForm) has the check, so a new form cannot forget it."""
    found = project_forms()
    assert len(found) > 15
    missing = [cls.__qualname__ for cls in found if not issubclass(cls, ControlCharactersMixin)]
    assert missing == []


@pytest.mark.parametrize("character", [*FORBIDDEN, "\t", "\n"])
def test_a_single_line_field_refuses_every_control_character(character):
    form = ServiceReportForm({"reason": "contact", "text": "ok"})
    form.fields["extra"] = forms.CharField()
    form.data = {**form.data, "extra": f"a{character}b"}
    assert not form.is_valid()
    assert MESSAGE in str(form.errors["extra"])


@pytest.mark.parametrize("character", FORBIDDEN)
def test_a_multi_line_field_refuses_control_characters_but_keeps_line_breaks(character):
    assert ServiceReportForm({"reason": "contact", "text": "regel 1\r\n\tregel 2"}).is_valid()
    form = ServiceReportForm({"reason": "contact", "text": f"regel{character}twee"})
    assert not form.is_valid()
    assert MESSAGE in str(form.errors["text"])


@given(text=st.text(alphabet=st.characters(max_codepoint=0x80), max_size=30))
def test_the_residents_report_accepts_text_exactly_when_it_has_no_control_characters(text):
    form = ServiceReportForm({"reason": "contact", "text": text})
    # (leading and trailing white space, some control characters among it, is stripped)
    clean = not any(ch in text.strip() for ch in [*FORBIDDEN, "\x00"])
    assert form.is_valid() == clean
    if not clean:
        assert list(form.errors) == ["text"]


def test_the_service_form_refuses_a_control_character_in_the_name(
    client, network, enschede, enschede_editor
):
    from tests.network.test_services import service_data

    client.force_login(enschede_editor)
    url = reverse("network:service_create", kwargs={"slug": "enschede"})
    response = client.post(url, service_data(municipalities=[enschede.pk], name="Dienst\x01"))
    assert response.status_code == 200
    assert MESSAGE in str(response.context["form"].errors["name"])
    assert not Service.objects.filter(name__startswith="Dienst").exists()
    data = service_data(municipalities=[enschede.pk], description="Regel 1\r\n\tRegel 2")
    assert client.post(url, data).status_code == 302


def test_the_agreement_text_refuses_control_characters(client, cast, criteria_framework):
    criteria = list(Criterion.objects.filter(framework=criteria_framework).order_by("pk"))
    client.force_login(cast["enschede.editor"])
    first = criteria[0]
    data = agreements_post(criteria, **{first.code: {"status": "agreed", "text": "Af\x07spraak"}})
    response = client.post(reverse("criteria:agreements", kwargs={"slug": "enschede"}), data)
    assert response.status_code == 200
    assert MESSAGE in str(response.context["form"].errors[f"text_{first.pk}"])
    assert not LocalAgreement.objects.exists()


def test_the_monitoring_comment_and_text_values_refuse_control_characters(client, cast):
    report = make_report("enschede")
    client.force_login(cast["enschede.editor"])
    data = valid_post(report)
    code = next(key for key in data if key.startswith("v__"))[3:].split("__")[0]
    data[f"c__{code}"] = "Toelichting\x1b[31m"
    response = client.post(reverse("monitoring:report", args=[report.pk]), data)
    assert response.status_code == 200
    assert "stuurtekens" in response.content.decode()
    assert report_state(report.pk)[2] == []


def test_the_monitoring_return_comment_refuses_control_characters(client, cast):
    report = make_report("enschede")
    client.force_login(cast["twente.coordinator"])
    response = client.post(
        reverse("monitoring:return", args=[report.pk]),
        {"version": report.version, "comment": "Terug\x01"},
        follow=True,
    )
    assert "stuurtekens" in response.content.decode()
    report.refresh_from_db()
    assert report.return_comment == ""


def test_the_admin_refuses_control_characters(client, coordinator, menzis):
    client.force_login(coordinator)
    url = reverse("admin:toolbox_site_organization_change", args=[menzis.pk])
    response = client.post(url, organization_post(menzis, phone="053\x1f4811234"))
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    menzis.refresh_from_db()
    assert menzis.phone == ""


def test_the_site_contact_form_refuses_control_characters(client, enschede_editor, enschede):
    client.force_login(enschede_editor)
    response = client.post(
        reverse("organization_edit", kwargs={"slug": "enschede"}),
        {"email": "a@b.nl", "phone": "14\x01053", "website": ""},
    )
    assert response.status_code == 200
    assert MESSAGE in str(response.context["form"].errors["phone"])
