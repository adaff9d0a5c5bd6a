"""The permission module: predicates and querysets give the same answers."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from toolbox_site.models import Membership, Organization, Region
from toolbox_site.permissions import (
    can_change,
    can_view,
    coordinates_region,
    is_region_coordinator,
    member_organization_ids,
    sees_region,
)

from ..factories import make_user


@pytest.fixture
def everyone(cast, menzis, elsewhere):
    return {**cast, "superuser": make_user("root", is_superuser=True, is_staff=True)}


def test_querysets_and_predicates_agree_for_everyone_on_every_organization(everyone):
    organizations = list(Organization.objects.all())
    for user in [AnonymousUser(), *everyone.values()]:
        visible = set(Organization.objects.for_user(user))
        editable = set(Organization.objects.editable_by(user))
        for organization in organizations:
            assert (organization in visible) == can_view(user, organization), (user, organization)
            assert (organization in editable) == can_change(user, organization), (
                user,
                organization,
            )


def test_the_region_and_membership_querysets_agree_with_the_predicates(everyone):
    regions = list(Region.objects.all())
    organizations = list(Organization.objects.all())
    for user in [AnonymousUser(), *everyone.values()]:
        coordinated = set(Region.objects.coordinated_by(user))
        coordinated_organizations = set(Organization.objects.coordinated_by(user))
        own = set(Organization.objects.of_member(user))
        for region in regions:
            assert (region in coordinated) == coordinates_region(user, region), (user, region)
        for organization in organizations:
            assert (organization in coordinated_organizations) == (
                user.is_authenticated and is_region_coordinator(user, organization)
            ), (user, organization)
        if user.is_authenticated:
            assert {o.pk for o in own} == member_organization_ids(user)
            assert own == {m.organization for m in Membership.objects.filter(user=user)}
        else:
            assert not own


def test_a_member_sees_only_the_own_region_and_a_superuser_every_one(everyone, elsewhere):
    twente = everyone["enschede.editor"].memberships.get().organization.region
    assert sees_region(everyone["enschede.editor"], twente)
    assert not sees_region(everyone["enschede.editor"], elsewhere.region)
    assert sees_region(everyone["superuser"], elsewhere.region)


@pytest.mark.parametrize(
    "username,may_view,may_change",
    [
        ("enschede.editor", {"Enschede"}, {"Enschede"}),
        ("enschede.viewer", {"Enschede"}, set()),
        ("hengelo.editor", {"Hengelo"}, {"Hengelo"}),
        ("menzis.adviser", {"Menzis zorgkantoor"}, {"Menzis zorgkantoor"}),
        (
            "twente.coordinator",
            {"Enschede", "Hengelo", "Menzis zorgkantoor", "GGD Twente"},
            {"Enschede", "Hengelo", "Menzis zorgkantoor", "GGD Twente"},
        ),
    ],
)
def test_each_role_sees_and_changes_exactly_its_own(everyone, username, may_view, may_change):
    user = everyone[username]
    assert {o.name for o in Organization.objects.for_user(user)} == may_view
    assert {o.name for o in Organization.objects.editable_by(user)} == may_change


def test_a_coordinator_role_in_a_municipality_is_not_a_region_coordinator(enschede, hengelo):
    user = make_user(organization=enschede, role=Membership.Role.COORDINATOR)
    assert can_change(user, enschede)
    assert not can_view(user, hengelo)


def test_memberships_are_read_once_per_user_object(
    enschede_editor, enschede, hengelo, django_assert_num_queries
):
    # The user's memberships with their organizations' kind and region.
    with django_assert_num_queries(1):
        for _ in range(5):
            can_change(enschede_editor, enschede)
            can_view(enschede_editor, hengelo)


def test_a_new_membership_counts_at_once_for_a_new_request(enschede_editor, hengelo):
    from django.contrib.auth import get_user_model

    from toolbox_site.models import Membership

    assert not can_change(enschede_editor, hengelo)
    Membership.objects.create(
        user=enschede_editor, organization=hengelo, role=Membership.Role.EDITOR
    )
    fresh = get_user_model().objects.get(pk=enschede_editor.pk)  # as in the next request
    assert can_change(fresh, hengelo)


def test_the_coordinator_adds_members_only_to_organizations_of_the_region(
    client, coordinator, enschede, elsewhere
):
    newcomer = make_user("nieuwe.collega")
    client.force_login(coordinator)
    url = reverse("admin:toolbox_site_membership_add")
    page = client.get(url).content.decode()
    assert "Enschede" in page and "Winterswijk" not in page
    refused = client.post(
        url, {"user": newcomer.pk, "organization": elsewhere.pk, "role": "editor"}
    )
    assert refused.status_code == 200
    assert not Membership.objects.filter(user=newcomer).exists()
    client.post(url, {"user": newcomer.pk, "organization": enschede.pk, "role": "editor"})
    assert Membership.objects.get(user=newcomer).organization == enschede


def test_the_coordinator_finds_accounts_with_the_account_picker(client, coordinator):
    make_user("nieuwe.collega", first_name="Nieuwe", last_name="Collega")
    client.force_login(coordinator)
    response = client.get(reverse("admin:toolbox_site_membership_accounts"), {"term": "nieuwe"})
    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == [
        "Nieuwe Collega (nieuwe.collega)"
    ]


def test_the_coordinator_may_not_use_django_s_user_autocomplete(client, coordinator):
    make_user("nieuwe.collega")
    client.force_login(coordinator)
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "toolbox_site",
            "model_name": "membership",
            "field_name": "user",
            "term": "nieuwe",
        },
    )
    assert response.status_code == 403


def test_an_editor_may_not_use_the_account_picker(client, enschede_editor):
    client.force_login(enschede_editor)
    response = client.get(reverse("admin:toolbox_site_membership_accounts"), {"term": "en"})
    assert response.status_code == 302
