"""Two people saving one thing at once in the admin: the second gets a conflict, not a
silent overwrite (toolbox_site/versioned_admin.py). The site's forms check the version
they were opened at; the admin now does too, and raises it, so each notices the other."""

import pytest
from django.contrib import admin
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from criteria.models import Criterion, Framework, LocalAgreement
from criteria.services import save_agreements
from monitoring.models import MonitoringFormat
from toolbox_site.versioned_admin import VersionChecked

# A ``version`` that numbers editions (a framework's, a format's), not saves.
EDITION_NUMBERS = {Framework, MonitoringFormat}


def test_every_admin_of_a_model_guarded_by_its_version_checks_it():
    unguarded = [
        model.__name__
        for model, model_admin in admin.site._registry.items()
        if model not in EDITION_NUMBERS
        and any(field.name == "version" for field in model._meta.get_fields())
        and not isinstance(model_admin, VersionChecked)
    ]
    assert not unguarded


@pytest.fixture
def agreement(criteria_framework, enschede):
    on1 = Criterion.objects.get(framework=criteria_framework, code="ON-1")
    return LocalAgreement.objects.create(
        municipality=enschede, criterion=on1, status="agreed", text="Eerste tekst."
    )


def post(client, agreement, seen, text):
    return client.post(
        reverse("admin:criteria_localagreement_change", args=[agreement.pk]),
        {
            "municipality": agreement.municipality_id,
            "criterion": agreement.criterion_id,
            "status": "agreed",
            "area": "",
            "text": text,
            "review_date": "",
            **({} if seen is None else {"seen_version": seen}),
        },
    )


def test_the_form_carries_the_version_it_was_opened_at(client, cast, agreement):
    client.force_login(cast["twente.coordinator"])
    url = reverse("admin:criteria_localagreement_change", args=[agreement.pk])
    content = client.get(url).content.decode()
    assert f'<input type="hidden" name="seen_version" value="{agreement.version}">' in content


def test_a_save_over_a_colleagues_newer_save_is_refused_and_keeps_what_was_typed(
    client, cast, agreement
):
    client.force_login(cast["twente.coordinator"])
    opened = agreement.version
    # Meanwhile the municipality's editor saves the agreement on the site.
    criterion = agreement.criterion
    values = {
        criterion.pk: {
            "status": "agreed",
            "area": "",
            "text": "Van de gemeente.",
            "review_date": None,
        }
    }
    assert not save_agreements(
        agreement.municipality, [criterion], values, {criterion.pk: opened}, cast["enschede.editor"]
    ).conflicts
    response = post(client, agreement, opened, "Van de coördinator.")
    assert response.status_code == 200
    content = response.content.decode()
    assert "terwijl u het bewerkte" in content
    assert "Van de coördinator." in content  # what was typed is kept
    agreement.refresh_from_db()
    assert (agreement.text, agreement.version) == ("Van de gemeente.", opened + 1)
    # The form now stands for the new version: saving again is a conscious choice.
    assert f'name="seen_version" value="{opened + 1}"' in content
    assert post(client, agreement, opened + 1, "Van de coördinator.").status_code == 302
    agreement.refresh_from_db()
    assert (agreement.text, agreement.version) == ("Van de coördinator.", opened + 2)


@pytest.mark.parametrize("seen", [None, "", "abc", "-1", "99999999999999999999"])
def test_a_save_without_a_readable_version_is_refused(client, cast, agreement, seen):
    client.force_login(cast["twente.coordinator"])
    response = post(client, agreement, seen, "Zonder versie.")
    assert response.status_code == 200
    agreement.refresh_from_db()
    assert agreement.text == "Eerste tekst."


def test_a_save_that_changes_nothing_keeps_the_version(client, cast, agreement):
    """Else every admin save would give the site's editors a conflict for nothing."""
    client.force_login(cast["twente.coordinator"])
    assert post(client, agreement, agreement.version, "Eerste tekst.").status_code == 302
    agreement.refresh_from_db()
    assert agreement.version == 1


@given(seen=st.one_of(st.text(max_size=25), st.integers(-5, 5).map(str)))
def test_any_posted_version_gives_a_save_only_when_it_is_the_current_one(
    client, cast, agreement, seen
):
    client.force_login(cast["twente.coordinator"])
    agreement.refresh_from_db()
    before = (agreement.text, agreement.version)
    response = post(client, agreement, seen, "Nieuwe tekst.")
    # 400: a NUL character, refused by the site before any view sees it.
    assert response.status_code in (200, 302, 400)
    agreement.refresh_from_db()
    if response.status_code == 302:
        assert int(seen) == before[1]
        assert (agreement.text, agreement.version) == ("Nieuwe tekst.", before[1] + 1)
        LocalAgreement.objects.filter(pk=agreement.pk).update(text=before[0], version=before[1])
    else:
        assert (agreement.text, agreement.version) == before
