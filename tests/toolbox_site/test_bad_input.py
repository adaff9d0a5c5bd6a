"""NUL characters never reach the database: 400, or the bad cookie is ignored.

PostgreSQL refuses a NUL in any text, so without the middleware these gave a 500
there; CI runs this file on PostgreSQL too.
"""

import pytest
from django.conf import settings
from django.urls import reverse

from ..factories import PASSWORD


def test_a_nul_in_a_query_parameter_gives_400(client, db):
    response = client.get(reverse("home") + "?q=%00")
    assert response.status_code == 400
    assert "Dit verzoek kon niet worden verwerkt" in response.content.decode()


def test_a_nul_in_a_query_parameter_name_gives_400(client, db):
    assert client.get(reverse("home") + "?a%00b=1").status_code == 400


def test_a_nul_in_an_admin_filter_gives_400(client, coordinator):
    client.force_login(coordinator)
    url = reverse("admin:toolbox_site_organization_changelist") + "?kind__exact=%00"
    assert client.get(url).status_code == 400


def test_a_nul_in_the_admin_autocomplete_gives_400(client, coordinator):
    client.force_login(coordinator)
    url = reverse("admin:autocomplete") + (
        "?term=%00&app_label=toolbox_site&model_name=membership&field_name=organization"
    )
    assert client.get(url).status_code == 400


def test_a_nul_in_a_form_gives_400_and_changes_nothing(client, enschede_editor, enschede):
    client.force_login(enschede_editor)
    response = client.post(
        reverse("organization_edit", kwargs={"slug": "enschede"}),
        {"email": "a@example.org", "phone": "053\x00", "website": ""},
    )
    assert response.status_code == 400
    enschede.refresh_from_db()
    assert enschede.email == ""


def test_a_nul_in_the_login_name_gives_400(client, enschede_editor):
    response = client.post(reverse("login"), {"username": "enschede\x00", "password": PASSWORD})
    assert response.status_code == 400


def test_a_nul_in_the_path_gives_400(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/admin/toolbox_site/organization/%00/change/").status_code == 400


@pytest.mark.parametrize("value", ["abcdefghijklmnop\x00", "\x00" * 32, "abcdefghijklmnop\x01def"])
def test_a_session_cookie_with_a_nul_is_ignored(client, db, value):
    cookie = f"{settings.SESSION_COOKIE_NAME}={value}"
    for name in ("home", "login", "password_reset", "account"):
        response = client.get(reverse(name), HTTP_COOKIE=cookie)
        assert response.status_code in (200, 302)
        # The browser is told to forget it.
        assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 0


def test_a_language_cookie_with_a_nul_is_ignored(client, db):
    cookie = f"{settings.LANGUAGE_COOKIE_NAME}=en\x00"
    response = client.get(reverse("home"), HTTP_COOKIE=cookie)
    assert response.status_code == 200
    assert '<html lang="nl">' in response.content.decode()


def test_ordinary_text_with_line_breaks_and_tabs_is_accepted(client, enschede_editor):
    client.force_login(enschede_editor)
    response = client.post(
        reverse("organization_edit", kwargs={"slug": "enschede"}),
        {"email": "a@example.org", "phone": "053\t1234", "website": ""},
    )
    assert response.status_code in (200, 302)


@pytest.mark.parametrize("header", ["HTTP_USER_AGENT", "HTTP_ACCEPT", "HTTP_REFERER"])
def test_a_nul_in_a_header_gives_400_also_on_a_failed_login(client, enschede_editor, header):
    response = client.post(
        reverse("login"), {"username": "enschede.editor", "password": "fout"}, **{header: "a\x00b"}
    )
    assert response.status_code == 400
