"""Coordinators keep the criteria and training of their own region in the
admin, with history, diff and revert; never another region's."""

from urllib.parse import urlparse

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from criteria.models import Criterion, Framework, LocalAgreement, Theme
from toolbox_site.models import Membership, Organization

from ..factories import make_organization, make_user


@pytest.fixture
def admin_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def other_coordinator(elsewhere):
    team = make_organization(
        elsewhere.region, "Regioteam Achterhoek", kind=Organization.Kind.REGION_TEAM
    )
    return make_user("achterhoek.coordinator", team, Membership.Role.COORDINATOR, is_staff=True)


@pytest.mark.parametrize(
    "model", ["framework", "theme", "criterion", "localagreement", "training", "trainingtopic"]
)
def test_the_coordinator_reaches_every_criteria_list(admin_client, criteria_trainings, model):
    assert admin_client.get(reverse(f"admin:criteria_{model}_changelist")).status_code == 200


def test_the_coordinator_sees_only_the_own_region(
    admin_client, criteria_framework, achterhoek_framework
):
    response = admin_client.get(reverse("admin:criteria_framework_changelist"))
    assert list(response.context["cl"].result_list) == [criteria_framework]
    response = admin_client.get(reverse("admin:criteria_criterion_changelist"))
    assert {c.framework_id for c in response.context["cl"].result_list} == {criteria_framework.pk}


def test_another_regions_criterion_is_out_of_reach(admin_client, achterhoek_framework):
    criterion = Criterion.objects.get(framework=achterhoek_framework, code="ON-1")
    response = admin_client.get(reverse("admin:criteria_criterion_change", args=[criterion.pk]))
    assert response.status_code == 302
    assert urlparse(response["Location"]).path == reverse("admin:index")
    history = reverse("admin:criteria_criterion_history", args=[criterion.pk])
    assert admin_client.get(history).status_code == 403
    record = criterion.history.first()
    revert = reverse("admin:criteria_criterion_simple_history", args=[criterion.pk, record.pk])
    assert admin_client.get(revert).status_code == 403


def test_the_history_shows_who_changed_what_and_can_restore_it(
    admin_client, criteria_framework, coordinator
):
    criterion = Criterion.objects.get(framework=criteria_framework, code="ON-2")
    url = reverse("admin:criteria_criterion_change", args=[criterion.pk])
    response = admin_client.post(
        url,
        {
            "theme": criterion.theme_id,
            "code": "ON-2",
            "title": "Een nieuwe titel",
            "explanation": criterion.explanation,
            "applies_to": criterion.applies_to,
            "source": "",
            "questions": criterion.questions,
            "order": criterion.order,
        },
    )
    assert response.status_code == 302, response.context["adminform"].errors
    latest = criterion.history.latest()
    assert latest.history_user == coordinator
    history = admin_client.get(reverse("admin:criteria_criterion_history", args=[criterion.pk]))
    assert history.status_code == 200
    assert "twente.coordinator" in history.content.decode()
    old = criterion.history.earliest()
    revert = reverse("admin:criteria_criterion_simple_history", args=[criterion.pk, old.pk])
    assert admin_client.get(revert).status_code == 200


def test_a_duplicate_code_is_a_form_error_not_a_crash(admin_client, criteria_framework):
    theme = criteria_framework.themes.first()
    response = admin_client.post(
        reverse("admin:criteria_criterion_add"),
        {"theme": theme.pk, "code": "ON-1", "title": "Dubbel", "applies_to": "both", "order": 9},
    )
    assert response.status_code == 200
    assert Criterion.objects.filter(framework=criteria_framework, code="ON-1").count() == 1
    assert "al een criterium met deze code" in response.content.decode()


def test_a_theme_cannot_be_put_in_another_regions_framework(
    admin_client, criteria_framework, achterhoek_framework
):
    response = admin_client.post(
        reverse("admin:criteria_theme_add"),
        {
            "framework": achterhoek_framework.pk,
            "name": "Stiekem",
            "order": 1,
            "criteria-TOTAL_FORMS": "0",
            "criteria-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert not Theme.objects.filter(name="Stiekem").exists()


def test_the_publish_action_publishes_a_draft(admin_client, criteria_agreements):
    draft = Framework.objects.create(region=criteria_agreements.region, name="Versie 2", version=2)
    theme = Theme.objects.create(framework=draft, name="Onafhankelijkheid", order=1)
    Criterion.objects.create(
        theme=theme, code="ON-1", title="Geen rol in het besluit over voorzieningen"
    )
    response = admin_client.post(
        reverse("admin:criteria_framework_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Framework.Status.PUBLISHED
    assert LocalAgreement.objects.filter(criterion__framework=draft).exists()


def test_a_coordinator_of_another_region_cannot_publish_ours(
    client, other_coordinator, criteria_framework
):
    draft = Framework.objects.create(region=criteria_framework.region, name="Versie 2", version=2)
    client.force_login(other_coordinator)
    client.post(
        reverse("admin:criteria_framework_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == Framework.Status.DRAFT


def test_editing_an_agreement_in_the_admin_raises_its_version(
    admin_client, criteria_framework, enschede
):
    on1 = Criterion.objects.get(framework=criteria_framework, code="ON-1")
    agreement = LocalAgreement.objects.create(municipality=enschede, criterion=on1, status="agreed")
    response = admin_client.post(
        reverse("admin:criteria_localagreement_change", args=[agreement.pk]),
        {
            "municipality": enschede.pk,
            "criterion": on1.pk,
            "status": "in_discussion",
            "area": "",
            "text": "Via beheer.",
            "review_date": "",
            "seen_version": agreement.version,
        },
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert (agreement.version, agreement.text) == (2, "Via beheer.")


@pytest.mark.parametrize("who", ["enschede.editor", "menzis.adviser"])
def test_members_who_are_not_coordinators_stay_out(client, cast, criteria_framework, who):
    client.force_login(cast[who])
    response = client.get(reverse("admin:criteria_framework_changelist"))
    assert response.status_code == 302


def test_the_admin_success_message_needs_no_article(admin_client, criteria_framework, enschede):
    """Django's Dutch "De {name} … is met succes gewijzigd" is wrong for "het" words."""
    on1 = Criterion.objects.get(framework=criteria_framework, code="ON-1")
    agreement = LocalAgreement.objects.create(municipality=enschede, criterion=on1, status="agreed")
    response = admin_client.post(
        reverse("admin:criteria_localagreement_change", args=[agreement.pk]),
        {
            "municipality": enschede.pk,
            "criterion": on1.pk,
            "status": "in_discussion",
            "area": "",
            "text": "Via beheer.",
            "review_date": "",
            "seen_version": agreement.version,
        },
        follow=True,
    )
    texts = [str(message) for message in response.context["messages"]]
    assert len(texts) == 1
    assert texts[0].startswith("Gewijzigd: ")
    assert "De " not in texts[0]
    with translation.override("nl"):
        for verbose_name in ("criterium", "lokale afspraak"):
            text = gettext("The {name} “{obj}” was changed successfully.").format(
                name=verbose_name, obj="ON-1"
            )
            assert text == f"Gewijzigd: {verbose_name} ‘ON-1’."


def test_the_history_page_is_dutch_shows_words_and_no_user_link(
    admin_client, criteria_framework, coordinator
):
    criterion = Criterion.objects.get(framework=criteria_framework, code="ON-2")
    long_text = "De cliëntondersteuner kent de sociale kaart van de gemeente en " * 3
    criterion.explanation = long_text + "verwijst gericht door."
    criterion.save()
    response = admin_client.post(
        reverse("admin:criteria_criterion_change", args=[criterion.pk]),
        {
            "theme": criterion.theme_id,
            "code": "ON-2",
            "title": criterion.title,
            "explanation": long_text + "verwijst snel door.",
            "applies_to": criterion.applies_to,
            "source": "",
            "questions": criterion.questions,
            "order": criterion.order,
        },
    )
    assert response.status_code == 302
    page = admin_client.get(reverse("admin:criteria_criterion_history", args=[criterion.pk]))
    content = page.content.decode()
    assert "chars]" not in content
    assert "<del>gericht</del>" in content
    assert "<ins>snel</ins>" in content
    assert "Gewijzigd door" in content
    assert "Changed by" not in content
    # The coordinator may not open accounts in the admin: the name is plain text.
    assert "/auth/user/" not in content
    assert (coordinator.get_full_name() or coordinator.username) in content


def test_someone_who_may_open_accounts_gets_a_link_to_the_changer(
    client, admin_client, criteria_framework, coordinator
):
    criterion = Criterion.objects.get(framework=criteria_framework, code="ON-2")
    criterion.title = "Een andere titel"
    criterion._history_user = coordinator
    criterion.save()
    root = make_user("root", is_superuser=True, is_staff=True)
    client.force_login(root)
    page = client.get(reverse("admin:criteria_criterion_history", args=[criterion.pk]))
    assert page.status_code == 200
    assert reverse("admin:auth_user_change", args=[coordinator.pk]) in page.content.decode()


def test_every_admin_model_has_a_dutch_name():
    from django.contrib import admin

    english = {"access attempt", "access log", "access failure"}
    with translation.override("nl"):
        names = {str(model._meta.verbose_name) for model in admin.site._registry}
    assert not names & english
