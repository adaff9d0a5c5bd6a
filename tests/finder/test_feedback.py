""" "Klopt er iets niet?": residents report an entry that is not right; the
maintaining organization's editors close the report with a note."""

import pytest
from django.core import mail
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from finder import services as finder
from finder.models import ServiceReport
from network.models import Service
from toolbox_site.models import AuditEvent

from ..network.once import on_the_module_network

pytestmark = [*on_the_module_network(__name__), pytest.mark.usefixtures("empty_cache")]


def report_url(service):
    return reverse("finder:report", kwargs={"pk": service.pk})


def test_the_form_asks_no_name_or_email(client, enschede_service):
    response = client.get(report_url(enschede_service))
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.fields) == {"reason", "text"}
    assert "Wat klopt er niet?" in response.content.decode()


def test_a_report_lands_in_the_queue_and_mails_the_editors(
    client, enschede_service, enschede_editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            report_url(enschede_service), {"reason": "contact", "text": "Het nummer is oud."}
        )
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "finder:report_thanks", kwargs={"pk": enschede_service.pk}
    )
    report = ServiceReport.objects.get()
    assert (report.service, report.reason, report.status) == (enschede_service, "contact", "open")
    assert AuditEvent.objects.filter(action="network.report.received").exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["enschede.editor@example.org"]
    # The resident's own words stay on the site, where they are erased after closing.
    assert "Het nummer is oud." not in mail.outbox[0].body
    assert reverse("finder:report_queue") in mail.outbox[0].body


def test_the_thanks_page_answers(client, enschede_service):
    url = reverse("finder:report_thanks", kwargs={"pk": enschede_service.pk})
    assert client.get(url).status_code == 200


def test_the_explanation_is_at_most_1000_characters(client, enschede_service):
    response = client.post(report_url(enschede_service), {"reason": "anders", "text": "x" * 1001})
    assert response.status_code == 200
    assert not ServiceReport.objects.exists()
    assert "x" * 1001 in response.content.decode()  # what they typed is kept


def test_a_reason_is_required(client, enschede_service):
    response = client.post(report_url(enschede_service), {"text": "Iets"})
    assert response.status_code == 200
    assert "Kies wat er niet klopt." in response.content.decode()
    assert not ServiceReport.objects.exists()


def test_an_archived_or_unknown_service_cannot_be_reported(client, enschede_service):
    Service.objects.filter(pk=enschede_service.pk).update(archived=True)
    assert client.get(report_url(enschede_service)).status_code == 404
    assert client.get("/netwerk/diensten/999999/klopt-er-iets-niet/").status_code == 404


def test_a_flood_of_reports_is_refused(client, enschede_service):
    for _n in range(finder.REPORTS_PER_VISITOR):
        assert client.post(report_url(enschede_service), {"reason": "verouderd"}).status_code == 302
    response = client.post(report_url(enschede_service), {"reason": "verouderd"})
    assert response.status_code == 429
    assert "Er zijn net veel meldingen verstuurd." in response.content.decode()
    assert ServiceReport.objects.count() == finder.REPORTS_PER_VISITOR


def test_the_rate_limit_keeps_no_ip_address(client, enschede_service):
    from django.core.cache import caches

    client.post(report_url(enschede_service), {"reason": "verouderd"}, REMOTE_ADDR="203.0.113.77")
    keys = list(caches["limits"]._cache.keys())  # the local-memory cache of the tests
    assert keys
    assert not any("203.0.113.77" in key for key in keys)


def test_editors_see_the_queue_and_close_a_report_with_a_note(client, open_report, enschede_editor):
    client.force_login(enschede_editor)
    queue = client.get(reverse("finder:report_queue"))
    assert "Het nummer klopt niet." in queue.content.decode()
    url = reverse("finder:report_close", kwargs={"pk": open_report.pk})
    response = client.post(url, {"note": "Nummer aangepast.", "led_to_change": "on"})
    assert response.status_code == 302
    open_report.refresh_from_db()
    assert open_report.status == "closed"
    assert open_report.led_to_change is True
    assert open_report.closed_by == enschede_editor
    event = AuditEvent.objects.get(action="network.report.closed")
    assert event.data == {"note": "Nummer aangepast.", "led_to_change": True}


def test_closing_a_report_twice_keeps_the_first_note(
    client, open_report, enschede_editor, coordinator
):
    url = reverse("finder:report_close", kwargs={"pk": open_report.pk})
    client.force_login(enschede_editor)
    client.post(url, {"note": "Eerste."})
    client.force_login(coordinator)
    response = client.post(url, {"note": "Tweede."}, follow=True)
    assert "Iemand anders heeft deze melding al afgehandeld" in response.content.decode()
    open_report.refresh_from_db()
    assert open_report.closing_note == "Eerste."


def test_another_municipality_does_not_see_the_report(client, open_report, hengelo_editor):
    client.force_login(hengelo_editor)
    assert (
        "Het nummer klopt niet." not in client.get(reverse("finder:report_queue")).content.decode()
    )


def test_the_map_tells_editors_about_open_reports(client, open_report, enschede_editor):
    client.force_login(enschede_editor)
    response = client.get(reverse("network:map", kwargs={"slug": "enschede"}))
    assert "Er is 1 open melding van inwoners over uw vermeldingen." in response.content.decode()


def test_the_notice_follows_new_and_closed_reports_and_is_never_shared(
    client, cast, open_report, enschede_service
):
    url = reverse("network:map", kwargs={"slug": "enschede"})
    client.force_login(cast["enschede.editor"])
    assert "Er is 1 open melding" in client.get(url).content.decode()
    ServiceReport.objects.create(service=enschede_service, reason=ServiceReport.Reason.CONTACT)
    assert "Er zijn 2 open meldingen" in client.get(url).content.decode()
    open_report.status = ServiceReport.Status.CLOSED
    open_report.save()
    assert "Er is 1 open melding" in client.get(url).content.decode()
    # A viewer of the same organization may change nothing: never the editor's count.
    client.force_login(cast["enschede.viewer"])
    assert "open melding" not in client.get(url).content.decode()
    client.force_login(cast["hengelo.editor"])
    assert "open melding" not in client.get(url).content.decode()


def test_the_service_page_links_to_the_report_form(client, enschede_service):
    response = client.get(enschede_service.get_absolute_url())
    assert report_url(enschede_service) in response.content.decode()


@given(
    data=st.dictionaries(
        st.sampled_from(["reason", "text", "csrfmiddlewaretoken", "service", "status"]),
        st.text(max_size=1200),
    )
)
def test_arbitrary_posts_never_break_the_form_or_write_half(client, enschede_service, data):
    from django.core.cache import cache

    cache.clear()
    before = ServiceReport.objects.count()
    response = client.post(report_url(enschede_service), data)
    # 400: a NUL character, refused by the site before the view sees it.
    assert response.status_code in (200, 302, 400)
    after = ServiceReport.objects.count()
    if response.status_code == 302:
        assert after == before + 1
        report = ServiceReport.objects.order_by("-pk").first()
        assert report.service == enschede_service and report.status == "open"
    else:
        assert after == before


@given(data=st.dictionaries(st.sampled_from(["note", "led_to_change"]), st.text(max_size=2100)))
def test_arbitrary_posts_never_break_closing(client, open_report, enschede_editor, data):
    client.force_login(enschede_editor)
    ServiceReport.objects.filter(pk=open_report.pk).update(status="open", closing_note="")
    response = client.post(reverse("finder:report_close", kwargs={"pk": open_report.pk}), data)
    # 400: a NUL character, refused by the site before the view sees it.
    assert response.status_code in (200, 302, 400)
    open_report.refresh_from_db()
    if response.status_code != 302:
        assert open_report.status == "open" and open_report.closing_note == ""
    else:
        assert open_report.status == "closed" and open_report.closing_note
