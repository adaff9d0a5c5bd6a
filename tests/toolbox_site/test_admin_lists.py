"""The admin's change lists and navigation follow the data at once, per user. Nothing
in the admin is cached: it serves a few coordinators, and its queries keep it fast."""

import pytest
from django.urls import reverse

from toolbox_site.admin import OrganizationAdmin
from toolbox_site.audit import log_action
from toolbox_site.models import Membership, Organization

from ..factories import make_organization, make_user

pytestmark = pytest.mark.django_db

ORGANIZATIONS = reverse("admin:toolbox_site_organization_changelist")
LOG = reverse("admin:toolbox_site_auditevent_changelist")


@pytest.fixture
def achterhoek_coordinator(elsewhere):
    team = make_organization(
        elsewhere.region, "Team Achterhoek", kind=Organization.Kind.REGION_TEAM
    )
    return make_user("achterhoek.coordinator", team, Membership.Role.COORDINATOR, is_staff=True)


def test_a_renamed_organization_shows_at_once_in_the_list(client, coordinator, enschede, hengelo):
    client.force_login(coordinator)
    assert ">Hengelo</a>" in client.get(ORGANIZATIONS).content.decode()
    hengelo.name = "Gemeente Hengelo"
    hengelo.save()
    html = client.get(ORGANIZATIONS).content.decode()
    assert ">Gemeente Hengelo</a>" in html and ">Hengelo</a>" not in html


def test_a_new_log_entry_shows_at_once_though_entries_raise_no_version(
    client, coordinator, enschede
):
    client.force_login(coordinator)
    assert "Enschede" not in client.get(LOG).content.decode()
    log_action(None, enschede, "toolbox_site.organization.changed")
    assert "Enschede" in client.get(LOG).content.decode()


def test_coordinators_of_two_regions_never_get_each_others_list(
    client, coordinator, achterhoek_coordinator, enschede, elsewhere
):
    for _round in range(2):  # the second round from the cache
        client.force_login(coordinator)
        html = client.get(ORGANIZATIONS).content.decode()
        assert ">Enschede</a>" in html and ">Winterswijk</a>" not in html
        client.force_login(achterhoek_coordinator)
        html = client.get(ORGANIZATIONS).content.decode()
        assert ">Winterswijk</a>" in html and ">Enschede</a>" not in html


def test_the_app_list_is_each_users_own(client, coordinator, admin_user):
    users = reverse("admin:auth_user_changelist")
    for _round in range(2):
        client.force_login(admin_user)
        assert f'href="{users}"' in client.get(reverse("admin:index")).content.decode()
        client.force_login(coordinator)
        assert f'href="{users}"' not in client.get(reverse("admin:index")).content.decode()


def test_no_page_carries_the_navigation_sidebar(client, coordinator):
    client.force_login(coordinator)
    assert 'id="nav-sidebar"' not in client.get(ORGANIZATIONS).content.decode()


def test_the_navigation_follows_a_lost_coordinator_role(client, coordinator, enschede):
    client.force_login(coordinator)
    assert f'href="{ORGANIZATIONS}"' in client.get(reverse("admin:index")).content.decode()
    Membership.objects.filter(user=coordinator).update(role=Membership.Role.EDITOR)
    assert f'href="{ORGANIZATIONS}"' not in client.get(reverse("admin:index")).content.decode()


def test_the_selection_counter_counts_the_rows_of_the_page(
    client, admin_user, enschede, hengelo, menzis, ggd, monkeypatch
):
    monkeypatch.setattr(OrganizationAdmin, "list_per_page", 3)
    client.force_login(admin_user)  # who may delete, so the rows have checkboxes
    first = client.get(ORGANIZATIONS).content.decode()
    assert 'data-actions-icnt="3">0 van de 3 geselecteerd' in first
    assert first.count('class="action-select"') == 3
    second = client.get(ORGANIZATIONS + "?p=2").content.decode()
    assert 'data-actions-icnt="1">0 van de 1 geselecteerd' in second
    assert second.count('class="action-select"') == 1


def test_the_row_checkbox_is_djangos_own(client, admin_user, enschede):
    client.force_login(admin_user)
    html = client.get(ORGANIZATIONS).content.decode()
    assert (
        f'<input type="checkbox" name="_selected_action" value="{enschede.pk}" '
        'class="action-select" aria-label="Selecteer dit object voor een actie - Enschede">'
    ) in html


def test_the_admin_caches_nothing(client, coordinator, enschede):
    from django.core.cache import caches

    client.force_login(coordinator)
    for url in (reverse("admin:index"), ORGANIZATIONS, LOG):
        assert client.get(url).status_code == 200
    assert not caches["default"]._cache  # the local-memory cache holds no entry


def test_a_read_only_account_links_only_for_who_may_open_accounts(
    client, coordinator, admin_user, enschede
):
    """Django links a read-only foreign key without asking: the coordinator, who may not
    open accounts, sees the account's name as text; the superuser gets the link."""
    event = log_action(coordinator, enschede, "toolbox_site.organization.changed")
    page = reverse("admin:toolbox_site_auditevent_change", args=[event.pk])
    account = reverse("admin:auth_user_change", args=[coordinator.pk])
    client.force_login(coordinator)
    html = client.get(page).content.decode()
    assert coordinator.username in html and account not in html
    assert client.get(account).status_code == 403
    client.force_login(admin_user)
    assert f'<a href="{account}">{coordinator.username}</a>' in client.get(page).content.decode()


def test_a_coordinator_sees_the_organization_s_region_as_text(client, coordinator, enschede):
    client.force_login(coordinator)
    html = client.get(
        reverse("admin:toolbox_site_organization_change", args=[enschede.pk])
    ).content.decode()
    region = reverse("admin:toolbox_site_region_change", args=[enschede.region_id])
    assert enschede.region.name in html and region not in html
    assert client.get(region).status_code == 403
