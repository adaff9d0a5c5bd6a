"""The admin's region filters offer a coordinator their own regions only."""

import pytest
from django.urls import reverse

from toolbox_site.models import Membership, Organization

from ..factories import make_organization, make_region

pytestmark = pytest.mark.django_db

ORGANIZATIONS = reverse("admin:toolbox_site_organization_changelist")


def test_a_coordinator_of_two_regions_filters_by_either_and_sees_no_third(
    client, coordinator, twente, enschede, elsewhere
):
    team = make_organization(
        elsewhere.region, "Team Achterhoek", kind=Organization.Kind.REGION_TEAM
    )
    Membership.objects.create(user=coordinator, organization=team, role=Membership.Role.COORDINATOR)
    drenthe = make_region("Drenthe")
    client.force_login(coordinator)
    html = client.get(ORGANIZATIONS).content.decode()
    assert f"region__id__exact={twente.pk}" in html
    assert f"region__id__exact={elsewhere.region.pk}" in html
    assert f"region__id__exact={drenthe.pk}" not in html
    response = client.get(ORGANIZATIONS + f"?region__id__exact={elsewhere.region.pk}")
    assert ">Winterswijk</a>" in response.content.decode()
    assert ">Enschede</a>" not in response.content.decode()


def test_a_superuser_filters_by_every_region(client, admin_user, twente, elsewhere):
    drenthe = make_region("Drenthe")
    client.force_login(admin_user)
    html = client.get(ORGANIZATIONS).content.decode()
    for region in (twente, elsewhere.region, drenthe):
        assert f"region__id__exact={region.pk}" in html


def test_the_filter_of_a_one_region_coordinator_lists_no_other_region(
    client, coordinator, enschede, elsewhere
):
    client.force_login(coordinator)
    html = client.get(reverse("admin:toolbox_site_auditevent_changelist")).content.decode()
    assert f"organization__region__id__exact={elsewhere.region.pk}" not in html
