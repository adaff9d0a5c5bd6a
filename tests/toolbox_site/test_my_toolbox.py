"""The start page (/mijn-toolbox/): what needs doing for the user's own organizations,
each line linking to the place to do it; a coordinator sees their region; logging in
lands here; nothing to do says so."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from criteria.models import LocalAgreement, TrainingSession
from monitoring.models import Report
from network.models import Role, Service
from toolbox_site.todo import MAX_ITEMS

from ..factories import PASSWORD, make_organization, make_user
from ..monitoring.fixtures import make_report

pytestmark = pytest.mark.django_db
URL = reverse("my_toolbox")


def texts(page):
    return {
        section.title: [item.text for item in section.items] for section in page.context["sections"]
    }


def test_logging_in_lands_on_the_start_page(client, cast):
    response = client.post(reverse("login"), {"username": "enschede.editor", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == URL


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_the_editor_sees_what_needs_doing_with_links(
    client, cast, network, open_report, criteria_agreements, criteria_trainings
):
    report = make_report("enschede")
    stale = Service.objects.filter(owning_organization__slug="enschede", archived=False).first()
    Service.objects.filter(pk=stale.pk).update(
        verified_on=timezone.localdate() - datetime.timedelta(days=400)
    )
    LocalAgreement.objects.filter(municipality__slug="enschede").update(needs_review=False)
    first = LocalAgreement.objects.filter(municipality__slug="enschede").order_by("pk").first()
    LocalAgreement.objects.filter(pk=first.pk).update(needs_review=True)
    session = TrainingSession.objects.order_by("date").first()
    TrainingSession.objects.filter(pk=session.pk).update(
        date=timezone.localdate() + datetime.timedelta(days=10)
    )
    client.force_login(cast["enschede.editor"])
    page = client.get(URL)
    html = page.content.decode()
    assert page.status_code == 200 and html.count("<h1") == 1
    found = texts(page)
    assert any("Enschede" in text for text in found["Monitoring"])
    assert reverse("monitoring:report", args=[report.pk]) in html
    assert any("Enschede" in text for text in found["Netwerk"])
    assert reverse("network:organization", args=["enschede"]) in html
    assert found["Meldingen van inwoners"] == ["Reageer op één melding van een inwoner"]
    assert reverse("finder:report_queue") in html
    assert any("afspra" in text for text in found["Lokale afspraken"])
    assert reverse("criteria:agreements", args=["enschede"]) in html
    assert any(text.startswith("Scholing:") for text in found["Scholing"])
    # Hengelo's work is not Enschede's editor's.
    assert "Hengelo" not in " ".join(" ".join(items) for items in found.values())


def test_a_coordinator_sees_the_reports_awaiting_approval_in_the_region(
    client, cast, network, elsewhere
):
    report = make_report("enschede", status=Report.Status.SUBMITTED)
    client.force_login(cast["twente.coordinator"])
    page = client.get(URL)
    monitoring = texts(page)["Monitoring"]
    assert any("Keur" in text and "Enschede" in text for text in monitoring)
    assert reverse("monitoring:report", args=[report.pk]) in page.content.decode()
    assert "Winterswijk" not in page.content.decode()


def test_nothing_to_do_says_so(client, cast, enschede):
    client.force_login(cast["enschede.viewer"])
    page = client.get(URL)
    html = page.content.decode()
    assert page.status_code == 200
    assert all(not section.items for section in page.context["sections"])
    assert "Er is nu geen rapportage die op u wacht." in html


def test_without_an_organization_the_page_says_whom_to_ask(client):
    client.force_login(make_user("zonder.organisatie"))
    html = client.get(URL).content.decode()
    assert "U hoort nog niet bij een organisatie" in html


def test_a_change_shows_at_the_next_request(client, cast, network):
    stale = Service.objects.filter(owning_organization__slug="enschede", archived=False)
    stale.update(verified_on=timezone.localdate() - datetime.timedelta(days=400))
    client.force_login(cast["enschede.editor"])
    assert any("Controleer" in text for text in texts(client.get(URL))["Netwerk"])
    for service in stale:
        service.verified_on = timezone.localdate()
        service.save()
    assert not any("Controleer" in text for text in texts(client.get(URL))["Netwerk"])


def test_a_long_list_is_cut_with_a_link_to_the_rest(client, cast, twente):
    for number in range(MAX_ITEMS + 3):
        municipality = make_organization(twente, f"Gemeente {number}")
        make_report(municipality.slug, status=Report.Status.SUBMITTED)
    client.force_login(cast["twente.coordinator"])
    page = client.get(URL)
    html = page.content.decode()
    monitoring = next(s for s in page.context["sections"] if s.title == "Monitoring")
    assert len(monitoring.items) == MAX_ITEMS + 3
    assert html.count('href="/monitoring/rapportages/') == MAX_ITEMS
    assert "En nog 3" in html and f'href="{reverse("monitoring:index")}"' in html


def test_the_roles_no_active_service_plays_are_counted(client, cast, network):
    enschede = Service.objects.filter(municipalities__slug="enschede")
    played = enschede.filter(archived=False).values("role").distinct().count()
    assert played
    client.force_login(cast["enschede.editor"])
    missing = Role.objects.count() - played
    line = f"Enschede: {missing} rollen ontbreken" if missing > 1 else "Enschede: één rol ontbreekt"
    assert line in texts(client.get(URL))["Netwerk"]
    enschede.update(archived=True)
    assert f"Enschede: {Role.objects.count()} rollen ontbreken" in texts(client.get(URL))["Netwerk"]


def test_a_first_visitors_page_is_kept_between_requests(
    client, cast, network, django_assert_max_num_queries
):
    """Without an earlier login "new since" is a fixed moment of the day, so the
    second request finds the first one's part (it once varied by the microsecond)."""
    client.force_login(cast["enschede.editor"])  # no Visit: a first visit
    client.get(URL)
    with django_assert_max_num_queries(3):  # session, the visit, the versions
        assert client.get(URL).status_code == 200
