"""The resident's route sets no cookie: from the home page through the finder to a
service, "Klopt er iets niet?", and the accessibility and privacy pages."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from finder.models import ServiceReport

from ..inventory import PAGES
from ..network.once import on_the_module_network

pytestmark = on_the_module_network(__name__)

# Staff forms (logging in, a forgotten password, an invitation): the visitor opens
# them to post them, so they set the CSRF cookie, as the privacy page says.
STAFF_FORMS = {"login", "password_reset", "admin:login", "invitation_accept"}
ANONYMOUS_PAGES = [page for page in PAGES if page.user is None]


def assert_no_cookie(response):
    assert not response.cookies, (response.request["PATH_INFO"], list(response.cookies))
    assert "Set-Cookie" not in response.headers


def form_fields(page, form_class):
    """The names of the fields in the home page's form (so the walk follows it)."""
    form = page[page.index(f'class="{form_class}') :]
    form = form[: form.index("</form>")]
    return re.findall(r'name="([^"]+)"', form)


def test_the_resident_s_route_sets_no_cookie(finder_network, enschede_service):
    browser = Client(enforce_csrf_checks=True)
    walk = []

    home = browser.get(reverse("home"))
    walk.append(home)
    assert form_fields(home.content.decode(), "resident-finder") == ["gemeente", "situatie"]
    results = browser.get(
        reverse("finder:index"), {"gemeente": "enschede", "situatie": "geldzorgen"}
    )
    walk.append(results)
    assert 'href="tel:' in results.content.decode()
    walk.append(browser.get(reverse("finder:index"), {"gemeente": "enschede"}))
    walk.append(browser.get(reverse("network:service_detail", args=[enschede_service.pk])))
    report_url = reverse("finder:report", args=[enschede_service.pk])
    report_form = browser.get(report_url)
    walk.append(report_form)
    assert "csrfmiddlewaretoken" not in report_form.content.decode()
    sent = browser.post(report_url, {"reason": ServiceReport.Reason.choices[0][0], "text": ""})
    walk.append(sent)
    assert sent.status_code == 302
    walk.append(browser.get(sent["Location"]))
    walk.append(browser.get(reverse("accessibility")))
    walk.append(browser.get(reverse("privacy")))
    walk.append(browser.get(reverse("monitoring:public")))
    for response in walk:
        assert response.status_code in (200, 302)
        assert_no_cookie(response)
    assert ServiceReport.objects.filter(service=enschede_service).count() == 1
    assert not browser.cookies


@pytest.mark.parametrize("page", ANONYMOUS_PAGES, ids=[page.id for page in ANONYMOUS_PAGES])
def test_no_public_page_sets_a_cookie_except_the_staff_forms(client, cast, page, request):
    for fixture in page.fixtures:
        request.getfixturevalue(fixture)
    response = client.get(page.url())
    if response.streaming:  # a file: read to its end, which closes it (and its handle)
        b"".join(response.streaming_content)
    if page.name in STAFF_FORMS:
        assert list(response.cookies) in ([], [settings.CSRF_COOKIE_NAME])
    elif page.name == "switch_language":  # the visitor's own choice of language
        assert list(response.cookies) == [settings.LANGUAGE_COOKIE_NAME]
    else:
        assert_no_cookie(response)


def test_the_error_pages_set_no_cookie(client, db):
    assert_no_cookie(client.get("/bestaat-niet/"))


def test_a_logged_in_member_still_gets_a_csrf_token_for_the_logout_form(client, cast):
    client.force_login(cast["enschede.editor"])
    response = client.get(reverse("privacy"))
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert settings.CSRF_COOKIE_NAME in response.cookies


def test_a_report_posted_from_another_site_is_refused(enschede_service):
    browser = Client(enforce_csrf_checks=True)
    url = reverse("finder:report", args=[enschede_service.pk])
    data = {"reason": ServiceReport.Reason.choices[0][0], "text": "Nummer klopt niet"}
    refused = browser.post(url, data, HTTP_ORIGIN="https://evil.example")
    assert refused.status_code == 403
    assert not ServiceReport.objects.exists()
    accepted = browser.post(url, data, HTTP_ORIGIN="http://testserver")
    assert accepted.status_code == 302
    assert ServiceReport.objects.count() == 1


def test_the_privacy_page_names_each_cookie_and_when_it_is_set(client, db):
    text = client.get(reverse("privacy")).content.decode()
    for name in (settings.LANGUAGE_COOKIE_NAME, settings.SESSION_COOKIE_NAME):
        assert f"{name}:" in text
    assert f"{settings.CSRF_COOKIE_NAME}: alleen als u bent ingelogd" in text


@pytest.mark.parametrize("name", ["home", "privacy", "accessibility"])
def test_the_public_figures_are_linked_from_public_pages(client, db, name):
    page = client.get(reverse(name)).content.decode()
    public = reverse("monitoring:public")
    footer = page[page.index("<footer") :]
    assert f'href="{public}"' in footer
    if name == "home":
        main = page[page.index("<main") : page.index("</main>")]
        assert f'<a href="{public}">Naar de openbare cijfers</a>' in main
