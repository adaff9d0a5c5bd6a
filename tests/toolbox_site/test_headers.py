"""Headers and methods: caching of personal pages, browser features, refused methods."""

import pytest
from django.urls import reverse

PERSONAL_PAGES = [
    ("account", {}),
    ("profile_edit", {}),
    ("password_change", {}),
    ("organization_edit", {"slug": "enschede"}),
]


@pytest.mark.parametrize(("name", "kwargs"), PERSONAL_PAGES, ids=[p[0] for p in PERSONAL_PAGES])
def test_pages_with_personal_data_are_never_stored_by_a_shared_cache(
    client, enschede_editor, name, kwargs
):
    client.force_login(enschede_editor)
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert "public" not in cache_control


def test_every_page_for_a_logged_in_member_is_private(client, enschede_editor):
    client.force_login(enschede_editor)
    response = client.get(reverse("privacy"))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_a_public_page_for_an_anonymous_visitor_may_be_cached(client, db):
    response = client.get(reverse("privacy"))
    assert "no-store" not in response.get("Cache-Control", "")


def test_every_response_switches_off_unused_browser_features(client, db):
    policy = client.get(reverse("home"))["Permissions-Policy"]
    assert "camera=()" in policy
    assert "geolocation=()" in policy
    assert "microphone=()" in policy


@pytest.mark.parametrize("method", ["trace", "options", "put", "delete", "patch"])
@pytest.mark.parametrize("name", ["home", "login", "password_reset", "healthz"])
def test_methods_a_page_does_not_need_are_refused(client, db, method, name):
    response = getattr(client, method)(reverse(name))
    assert response.status_code == 405
    assert b"<h1>" not in response.content
    assert set(response["Allow"].replace(" ", "").split(",")) <= {"GET", "HEAD", "POST"}


@pytest.mark.parametrize("name", ["home", "privacy", "accessibility", "account"])
def test_a_page_that_only_shows_refuses_a_post(client, enschede_editor, name):
    client.force_login(enschede_editor)
    assert client.post(reverse(name)).status_code == 405


def test_a_bad_host_header_gets_the_400_page_with_the_security_headers(client, db):
    response = client.get(reverse("home"), HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Permissions-Policy" in response


def test_the_language_cookie_is_secure_and_same_site(client, db, settings):
    settings.LANGUAGE_COOKIE_SECURE = True
    response = client.get(reverse("switch_language", args=["en"]), {"next": "/"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie["secure"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"] is True


def test_the_language_cookie_is_secure_in_production():
    from .test_settings import PRODUCTION_SECRET, manage

    shown = "from django.conf import settings; print(settings.LANGUAGE_COOKIE_SECURE)"
    result = manage(
        "shell",
        "-v",
        "0",
        "-c",
        shown,
        DEBUG="False",
        SECRET_KEY=PRODUCTION_SECRET,
        ALLOWED_HOSTS="toolbox.example.org",
    )
    assert result.stdout.split()[-1] == "True", result.stderr
