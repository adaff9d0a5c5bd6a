"""The permission matrix: every URL that changes data, tried by everyone.

Each write URL is owned by Enschede. The cast: anonymous, an editor of another
municipality (Hengelo), the care office's adviser, a viewer of Enschede, the
editor of Enschede and the region coordinator. Another organization's data is
"not found" (404); a read-only member is "forbidden" (403).
"""

from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from toolbox_site.models import Membership, Organization

from .factories import make_user

OK = "ok"
LOGIN = "login"

# (name, URL kwargs, POST data that would change something)
WRITE_URLS = [
    (
        "organization_edit",
        {"slug": "enschede"},
        {"email": "wmoloket@enschede.example", "phone": "14 053", "website": ""},
    ),
]

EXPECTED = {
    None: LOGIN,
    "hengelo.editor": 404,
    "menzis.adviser": 404,
    "enschede.viewer": 403,
    "enschede.editor": OK,
    "twente.coordinator": OK,
}


def login(client, cast, who):
    if who:
        client.force_login(cast[who])
    return client


def assert_outcome(response, expected):
    if expected == LOGIN:
        assert response.status_code == 302
        assert urlparse(response["Location"]).path == reverse("login")
    elif expected == OK:
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert urlparse(response["Location"]).path != reverse("login")
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("who", list(EXPECTED), ids=lambda who: who or "anonymous")
@pytest.mark.parametrize("name,kwargs,data", WRITE_URLS, ids=[url[0] for url in WRITE_URLS])
def test_a_write_url_answers_everyone_as_expected(client, cast, who, name, kwargs, data):
    url = reverse(name, kwargs=kwargs)
    login(client, cast, who)
    assert_outcome(client.get(url), EXPECTED[who])
    before = Organization.objects.values("email", "phone").get(slug="enschede")
    assert_outcome(client.post(url, data), EXPECTED[who])
    after = Organization.objects.values("email", "phone").get(slug="enschede")
    if EXPECTED[who] == OK:
        assert after == {"email": data["email"], "phone": data["phone"]}
    else:
        assert after == before


def test_a_coordinator_of_another_region_may_not_change_enschede(client, cast, elsewhere):
    from .factories import make_organization

    team = make_organization(
        elsewhere.region, "Regioteam Achterhoek", kind=Organization.Kind.REGION_TEAM
    )
    client.force_login(make_user("achterhoek.coordinator", team, Membership.Role.COORDINATOR))
    response = client.post(
        reverse("organization_edit", kwargs={"slug": "enschede"}), WRITE_URLS[0][2]
    )
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["account", "password_change", "profile_edit"])
def test_the_own_account_pages_require_a_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert urlparse(response["Location"]).path == reverse("login")


@pytest.mark.parametrize("who", [w for w in EXPECTED if w], ids=str)
def test_every_member_may_change_their_own_password(client, cast, who):
    client.force_login(cast[who])
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "correct horse battery staple",
            "new_password1": "een nieuw en lang wachtwoord",
            "new_password2": "een nieuw en lang wachtwoord",
        },
    )
    assert response.status_code == 302
    assert get_user_model().objects.get(username=who).check_password("een nieuw en lang wachtwoord")


ADMIN_EXPECTED = {
    None: "admin-login",
    "hengelo.editor": "admin-login",
    "enschede.viewer": "admin-login",
    "enschede.editor": "admin-login",
    "menzis.adviser": "admin-login",
    "twente.coordinator": OK,
}


@pytest.mark.parametrize("who", list(ADMIN_EXPECTED), ids=lambda who: who or "anonymous")
def test_only_staff_coordinators_reach_the_admin(client, cast, who):
    login(client, cast, who)
    response = client.get(reverse("admin:toolbox_site_organization_changelist"))
    if ADMIN_EXPECTED[who] == OK:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert urlparse(response["Location"]).path == reverse("admin:login")


def test_the_coordinator_changes_organizations_of_the_own_region_in_the_admin(
    client, coordinator, enschede
):
    client.force_login(coordinator)
    url = reverse("admin:toolbox_site_organization_change", args=[enschede.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "Enschede",
            "cbs_code": "GM0153",
            "inhabitants": "162000",
            "participates": "on",
            "email": "",
            "phone": "",
            "website": "",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    enschede.refresh_from_db()
    assert enschede.inhabitants == 162000


def test_the_coordinator_does_not_see_another_region_in_the_admin(client, coordinator, elsewhere):
    client.force_login(coordinator)
    changelist = client.get(reverse("admin:toolbox_site_organization_changelist"))
    assert "Winterswijk" not in changelist.content.decode()
    url = reverse("admin:toolbox_site_organization_change", args=[elsewhere.pk])
    response = client.get(url)
    # The admin treats an object outside the queryset as missing.
    assert response.status_code == 302
    assert urlparse(response["Location"]).path == reverse("admin:index")


def test_the_coordinator_may_not_add_or_delete_organizations(client, coordinator, enschede):
    client.force_login(coordinator)
    assert client.get(reverse("admin:toolbox_site_organization_add")).status_code == 403
    url = reverse("admin:toolbox_site_organization_delete", args=[enschede.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Organization.objects.filter(pk=enschede.pk).exists()


@pytest.mark.parametrize("who", [w for w in EXPECTED if w], ids=str)
def test_every_member_changes_only_their_own_details(client, cast, who):
    client.force_login(cast[who])
    response = client.post(
        reverse("profile_edit"),
        {"first_name": "Nieuwe", "last_name": "Naam", "email": f"nieuw.{who}@example.org"},
    )
    assert response.status_code == 302
    changed = get_user_model().objects.filter(first_name="Nieuwe")
    assert [user.username for user in changed] == [who]
