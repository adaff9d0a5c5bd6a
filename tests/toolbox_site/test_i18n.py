from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st


def test_the_dutch_catalogue_is_complete_and_current(capsys):
    # Fails on strings that are missing, untranslated, fuzzy or no longer used.
    call_command("check_translations")
    assert "Dutch catalogues complete" in capsys.readouterr().out


def test_pages_are_dutch_by_default(client, db):
    content = client.get(reverse("home")).content.decode()
    assert '<html lang="nl">' in content
    assert "Naar de inhoud" in content
    assert "Toolbox voor integrale cliëntondersteuning in Twente" in content


def switch(client, code, next_url="/", **extra):
    return client.get(reverse("switch_language", args=[code]), {"next": next_url}, **extra)


def test_the_language_switch_turns_the_site_english(client, db):
    response = client.get(
        reverse("switch_language", args=["en"]), {"next": reverse("privacy")}, follow=True
    )
    content = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("privacy")
    assert '<html lang="en">' in content
    assert "<h1>Privacy statement</h1>" in content


def test_the_header_links_to_the_other_language_with_the_page_to_return_to(client, db):
    content = client.get(reverse("privacy"), {"a": "1&b=2"}).content.decode()
    link = reverse("switch_language", args=["en"]) + "?next=/privacy/%3Fa%3D1%2526b%253D2"
    assert f'<a href="{link}" lang="en" hreflang="en"' in content
    assert '<strong aria-current="true" lang="nl">Nederlands</strong>' in content


def test_the_language_switch_follows_the_link_back_with_its_query(client, db):
    response = switch(client, "en", reverse("privacy") + "?a=1&b=2")
    assert response["Location"] == "/privacy/?a=1&b=2"


def test_an_unknown_language_is_not_found_and_keeps_dutch(client, db, settings):
    response = switch(client, "xx")
    assert response.status_code == 404
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert '<html lang="nl">' in client.get(reverse("home")).content.decode()


def test_the_language_switch_sets_only_the_language_cookie_and_is_not_stored(client, db, settings):
    response = switch(client, "en", reverse("privacy"))
    assert list(response.cookies) == [settings.LANGUAGE_COOKIE_NAME]
    assert "no-store" in response["Cache-Control"]
    assert switch(client, "nl").cookies[settings.LANGUAGE_COOKIE_NAME].value == "nl"


def test_the_browser_language_does_not_switch_the_site_to_english(client, db):
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="nl">' in response.content.decode()
    assert response["Content-Language"] == "nl"


def test_django_s_password_messages_are_dutch_on_a_dutch_page(client, enschede_editor):
    client.force_login(enschede_editor)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "correct horse battery staple",
            "new_password1": "kort",
            "new_password2": "kort",
        },
    )
    content = response.content.decode()
    assert "Dit wachtwoord is te kort. Het moet minstens 8 tekens bevatten." in content
    assert "too short" not in content
    assert "Uw wachtwoord moet minstens 8 tekens lang zijn." in content


def test_every_password_validator_speaks_dutch():
    from django.contrib.auth import password_validation
    from django.contrib.auth.models import User
    from django.core.exceptions import ValidationError

    user = User(username="jansen", first_name="Jansen", email="jansen@example.org")
    for password in ("jansen", "12345", "password"):
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            for message in error.messages:
                assert "password" not in message.lower(), message


def test_a_resident_from_the_cookie_free_finder_can_switch_language(db):
    """The finder sets no cookie, so the switch must work without a CSRF cookie."""
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    finder = reverse("finder:index")
    assert "csrftoken" not in browser.get(finder).cookies
    response = switch(browser, "en", finder)
    assert response.status_code == 302
    assert response["Location"] == finder
    assert browser.get(finder)["Content-Language"] == "en"


@pytest.mark.parametrize(
    "target",
    [
        "https://example.com/",
        "//example.com/",
        "/\\\\example.com/",
        "javascript:alert(1)",
        "http://testserver/privacy/",  # plain http from an https page
        "",
    ],
)
def test_the_language_switch_sends_nobody_off_site_and_sets_nothing(client, db, target):
    response = switch(client, "en", target, secure=True)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert not response.cookies
    assert b"<h1>" not in response.content


def test_the_language_switch_answers_only_get_and_head(client, db):
    url = reverse("switch_language", args=["en"])
    assert client.post(url, {"next": "/"}).status_code == 405
    assert client.head(url, {"next": "/"}).status_code == 302


@given(code=st.text(max_size=8), target=st.text(max_size=60))
def test_any_language_link_gets_a_redirect_or_not_found_never_an_error(client, db, code, target):
    response = client.get("/taal/" + quote(code, safe="") + "/", {"next": target})
    assert response.status_code in (302, 400, 404)
    if response.status_code == 302:
        location = response["Location"]
        assert location == "/" or (location.startswith("/") and not location.startswith("//"))
