"""The base layout, error pages and security headers."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse


def test_every_page_starts_with_a_skip_link_to_main(client, db):
    content = client.get(reverse("home")).content.decode()
    body = content.split("<body>", 1)[1]
    assert body.lstrip().startswith('<a class="skip-link" href="#main">Naar de inhoud</a>')
    assert '<main id="main"' in content


def test_the_navigation_marks_the_current_page(client, db):
    content = client.get(reverse("home")).content.decode()
    assert 'aria-current="page" href="/">Home</a>' in content


def test_the_footer_names_the_contact_mailbox(client, db, settings):
    content = client.get(reverse("privacy")).content.decode()
    assert f"mailto:{settings.CONTACT_EMAIL}" in content
    assert reverse("accessibility") in content


def test_the_security_headers_are_strict(client, db):
    response = client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_the_pages_load_nothing_from_another_host(client, db):
    content = client.get(reverse("home")).content.decode()
    assert 'src="http' not in content
    assert 'href="/static/vendor/bootstrap/css/bootstrap.min.css"' in content


def test_an_unknown_page_gets_the_dutch_404_page(client, db):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_a_forbidden_page_gets_the_dutch_403_page(client, enschede_viewer):
    client.force_login(enschede_viewer)
    response = client.get(reverse("organization_edit", kwargs={"slug": "enschede"}))
    assert response.status_code == 403
    assert "Dit mag u niet doen" in response.content.decode()


@pytest.mark.parametrize(
    "language,title", [("nl", "Er ging iets mis"), ("en", "Something went wrong")]
)
def test_the_500_page_renders_without_a_request_context(language, title):
    from django.utils import translation

    with translation.override(language):
        content = render_to_string("500.html")
    assert f"<h1>{title}</h1>" in content
    assert f'<html lang="{language}">' in content


def test_the_lockout_template_counts_minutes():
    from datetime import timedelta

    request = RequestFactory().get("/")
    content = render_to_string(
        "registration/locked_out.html",
        {"cooloff_timedelta": timedelta(minutes=1)},
        request=request,
    )
    assert "1 minuut niet inloggen" in content


def test_a_form_without_a_valid_csrf_token_gets_the_dutch_explanation(db, enschede_editor):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(enschede_editor)
    response = client.post(reverse("organization_edit", kwargs={"slug": "enschede"}), {})
    assert response.status_code == 403
    content = response.content.decode()
    assert "Het formulier kon niet worden verstuurd" in content
    assert "<style" not in content


def test_a_bad_request_gets_the_dutch_400_page(client, db):
    response = client.get(reverse("home"), HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Dit verzoek kon niet worden verwerkt" in response.content.decode()
