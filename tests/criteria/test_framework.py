"""Frameworks, themes and criteria: one published framework per region, codes
unique per framework, and publishing a new version carries agreements over."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from criteria.models import Criterion, Framework, LocalAgreement, Theme
from criteria.services import publish_framework
from toolbox_site.models import AuditEvent


def new_version(framework, changed_codes=(), dropped_codes=(), added_codes=()):
    """A draft copy of ``framework`` with the criteria named changed, dropped or added."""
    draft = Framework.objects.create(
        region=framework.region, name=framework.name, version=framework.version + 1
    )
    for theme in framework.themes.all():
        copy = Theme.objects.create(framework=draft, name=theme.name, order=theme.order)
        for criterion in theme.criteria.all():
            if criterion.code in dropped_codes:
                continue
            title = criterion.title
            if criterion.code in changed_codes:
                title += " (aangescherpt)"
            Criterion.objects.create(
                theme=copy,
                code=criterion.code,
                title=title,
                explanation=criterion.explanation,
                applies_to=criterion.applies_to,
                order=criterion.order,
            )
    first_theme = draft.themes.first()
    for code in added_codes:
        Criterion.objects.create(theme=first_theme, code=code, title="Nieuw criterium")
    return draft


def test_a_region_has_only_one_published_framework(criteria_framework):
    with pytest.raises(IntegrityError), transaction.atomic():
        Framework.objects.create(
            region=criteria_framework.region,
            name="Tweede",
            version=2,
            status=Framework.Status.PUBLISHED,
        )


def test_another_region_may_publish_its_own_framework(criteria_framework, achterhoek_framework):
    assert Framework.objects.published().count() == 2


def test_a_code_is_unique_within_a_framework(criteria_framework):
    theme = criteria_framework.themes.first()
    duplicate = Criterion(theme=theme, code="ON-1", title="Dubbel")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean(exclude=["framework"])
    assert "code" in str(error.value) or "criterium" in str(error.value)


def test_a_criterion_takes_the_framework_of_its_theme(criteria_framework):
    theme = criteria_framework.themes.last()
    criterion = Criterion.objects.create(theme=theme, code="SG-9", title="Nieuw")
    assert criterion.framework == criteria_framework


def test_publishing_archives_the_previous_version(criteria_framework, coordinator):
    draft = new_version(criteria_framework)
    publish_framework(draft, coordinator)
    criteria_framework.refresh_from_db()
    draft.refresh_from_db()
    assert criteria_framework.status == Framework.Status.ARCHIVED
    assert draft.status == Framework.Status.PUBLISHED
    assert draft.published_on is not None


def test_publishing_carries_agreements_over_and_marks_changed_ones_to_review(
    criteria_agreements, coordinator, enschede
):
    old = criteria_agreements
    old_agreements = {
        a.criterion.code: a
        for a in LocalAgreement.objects.filter(
            municipality=enschede, criterion__framework=old
        ).select_related("criterion")
    }
    before = {code: a.status for code, a in old_agreements.items()}
    changed = sorted(before)[0]
    dropped = sorted(before)[1]
    draft = new_version(old, changed_codes=[changed], dropped_codes=[dropped], added_codes=["ON-9"])

    result = publish_framework(draft, coordinator)

    after = {
        a.criterion.code: a
        for a in LocalAgreement.objects.filter(
            municipality=enschede, criterion__framework=draft
        ).select_related("criterion")
    }
    assert set(after) == set(before) - {dropped}
    assert after[changed].needs_review
    assert all(a.status == before[code] for code, a in after.items())
    assert all(
        a.needs_review == old_agreements[code].needs_review
        for code, a in after.items()
        if code != changed
    )
    assert result.new_codes == ["ON-9"]
    assert result.carried == LocalAgreement.objects.filter(criterion__framework=draft).count()
    # The old agreements stay with the archived version, readable.
    assert LocalAgreement.objects.filter(municipality=enschede, criterion__framework=old).count()


def test_publishing_is_logged(criteria_framework, coordinator, ggd):
    draft = new_version(criteria_framework)
    publish_framework(draft, coordinator)
    event = AuditEvent.objects.get(action="criteria.framework.published")
    assert event.user == coordinator
    assert event.organization == ggd
    assert event.data["version"] == 2


def test_only_a_draft_can_be_published(criteria_framework):
    with pytest.raises(ValidationError):
        publish_framework(criteria_framework)


def test_history_is_kept_for_criteria(criteria_framework):
    criterion = Criterion.objects.get(framework=criteria_framework, code="ON-2")
    criterion.title = "Nieuwe titel"
    criterion.save()
    assert criterion.history.count() == 2
    old = criterion.history.earliest()
    assert old.title != "Nieuwe titel"
