from django.core.management import call_command
from django.urls import reverse


def test_the_dutch_catalogue_is_complete_and_current(capsys):
    # Fails on strings that are missing, untranslated, fuzzy or no longer used.
    call_command("check_translations")
    assert "Dutch catalogues complete" in capsys.readouterr().out


def test_pages_are_dutch_by_default(client, db):
    content = client.get(reverse("home")).content.decode()
    assert '<html lang="nl">' in content
    assert "Naar de inhoud" in content
    assert "Toolbox voor integrale cliëntondersteuning in Twente" in content


def test_the_language_switch_turns_the_site_english(client, db):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("privacy")}, follow=True
    )
    content = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("privacy")
    assert '<html lang="en">' in content
    assert "<h1>Privacy statement</h1>" in content


def test_an_unknown_language_keeps_dutch(client, db):
    response = client.post(reverse("set_language"), {"language": "xx"}, follow=True)
    assert '<html lang="nl">' in response.content.decode()


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
    finder = reverse("network:finder")
    assert "csrftoken" not in browser.get(finder).cookies
    response = browser.post(reverse("set_language"), {"language": "en", "next": finder})
    assert response.status_code == 302
    assert response["Location"] == finder
    assert browser.get(finder)["Content-Language"] == "en"


def test_the_language_switch_sends_nobody_off_site(client, db):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "https://example.com/"}
    )
    assert response["Location"] == "/"
