"""Every model whose rows belong to an organization answers the same question the
same way twice: its queryset (``for_members`` / ``editable_by``, the core's
OwnedQuerySet) and the predicates (``can_view`` / ``can_change``) agree, for every
user of the cast, on every row. A model added later is covered by being there."""

import datetime

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser

from callbacks.services import count as callback_count
from finder.models import FinderEmbed, LifeSituation
from finder.services import count_search
from monitoring.models import ReminderSent
from network.models import Service, ServiceImport, VerificationReminder
from toolbox_site.audit import log_action
from toolbox_site.models import Organization, OwnedQuerySet
from toolbox_site.permissions import can_change, can_view

from .factories import make_user
from .monitoring.fixtures import make_report
from .sources import PROJECT_APPS


def owned_models():
    return [
        model
        for label in PROJECT_APPS
        for model in apps.get_app_config(label).get_models()
        if isinstance(model._default_manager.all(), OwnedQuerySet)
    ]


@pytest.fixture
def every_owned_row(
    cast,
    menzis,
    elsewhere,
    network,
    open_report,
    criteria_agreements,
    enschede,
    hengelo,
    practice_examples,
    contact_persons,
    callback_request,
):
    report = make_report("enschede", filled=True)
    callback_count(callback_request)  # a call-back request and its month's count
    make_report("hengelo")
    log_action(cast["enschede.editor"], enschede, "toolbox_site.organization.changed")
    log_action(cast["hengelo.editor"], hengelo, "toolbox_site.organization.changed")
    situation = LifeSituation.objects.first()
    for municipality in (enschede, hengelo, elsewhere):
        count_search(  # a search and its month's tally
            municipality,
            situation,
            age_group="",
            preference="",
            language="",
            result_count=1,
            independent_found=True,
        )
        service = Service.objects.filter(owning_organization=municipality).first()
        if service is not None:
            VerificationReminder.objects.create(
                service=service, organization=municipality, month=datetime.date(2026, 1, 1)
            )
        ServiceImport.objects.create(organization=municipality, file_name="x.csv", rows=[])
        FinderEmbed.objects.create(municipality=municipality, origins="https://example.nl")
    ReminderSent.objects.create(
        organization=enschede, period=report.period, kind=ReminderSent.Kind.BEFORE
    )
    return {**cast, "superuser": make_user("root", is_superuser=True, is_staff=True)}


def test_every_model_with_an_owner_has_the_owned_queryset():
    # Models whose rows have an owning organization, by their property or field.
    with_owner = {
        model
        for label in PROJECT_APPS
        for model in apps.get_app_config(label).get_models()
        if hasattr(model, "owning_organization")
        and model is not Organization
        and not model.__name__.startswith("Historical")
        and model._meta.app_label + "." + model.__name__
        not in {
            # Shared per region (framework, themes, criteria, trainings): public data,
            # changed by the region's coordinators (criteria/rules.py).
            "criteria.Framework",
            "criteria.Theme",
            "criteria.Criterion",
            "criteria.Training",
            "criteria.TrainingSession",
            # Shared per region too, kept by its coordinators (documents/rules.py): members
            # of the region read them, residents the published ones for them.
            "documents.Document",
            "documents.DocumentFile",
        }
    }
    assert with_owner <= set(owned_models()), with_owner - set(owned_models())


def test_querysets_and_predicates_agree_on_every_owned_row(every_owned_row):
    users = [AnonymousUser(), *every_owned_row.values()]
    checked = 0
    for model in owned_models():
        rows = list(model._default_manager.all())
        assert rows, f"no {model.__name__} to check"
        for user in users:
            members = set(model._default_manager.for_members(user))
            editable = set(model._default_manager.editable_by(user))
            for row in rows:
                assert (row in members) == can_view(user, row), (model, user, row)
                assert (row in editable) == can_change(user, row), (model, user, row)
                checked += 1
    assert checked > 100
