from django.urls import reverse

from network.models import Role, Service
from tests.factories import make_organization, make_user
from toolbox_site.models import Membership, Organization


def test_the_coordinator_sees_only_the_services_of_the_own_region(
    client, network, coordinator, elsewhere
):
    client.force_login(coordinator)
    # Pages of 25 rows: search for it.
    response = client.get(reverse("admin:network_service_changelist") + "?q=Wijkteam")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Wijkteam Enschede" in content


def test_a_coordinator_of_another_region_does_not_see_twente_services(client, network, elsewhere):
    team = make_organization(
        elsewhere.region, "Regioteam Achterhoek", kind=Organization.Kind.REGION_TEAM
    )
    other = make_user("achterhoek.coordinator", team, Membership.Role.COORDINATOR, is_staff=True)
    client.force_login(other)
    response = client.get(reverse("admin:network_service_changelist"))
    assert response.status_code == 200
    assert "Wijkteam Enschede" not in response.content.decode()
    service = Service.objects.get(name="Wijkteam Enschede")
    change = client.get(reverse("admin:network_service_change", args=[service.pk]))
    assert change.status_code == 302


def test_the_coordinator_keeps_the_reference_lists(client, reference_lists, coordinator):
    client.force_login(coordinator)
    role = Role.objects.get(slug="huisarts")
    assert client.get(reverse("admin:network_role_changelist")).status_code == 200
    assert client.get(reverse("admin:network_role_change", args=[role.pk])).status_code == 200
    assert client.get(reverse("admin:network_step_changelist")).status_code == 200


def test_the_service_history_is_in_the_admin(client, network, coordinator):
    client.force_login(coordinator)
    service = Service.objects.get(name="Wijkteam Enschede")
    response = client.get(reverse("admin:network_service_history", args=[service.pk]))
    assert response.status_code == 200


def test_an_editor_does_not_reach_the_network_admin(client, network, enschede_editor):
    enschede_editor.is_staff = True
    enschede_editor.save()
    client.force_login(enschede_editor)
    assert client.get(reverse("admin:network_service_changelist")).status_code == 403
