""" "Bel mij terug": a resident asks the organization that maintains a service to call
back; its editors see the queue and mark the requests; nothing personal leaves the
site (audit log, e-mail), and the requests are deleted after their retention."""

import datetime
import html
import re
from urllib.parse import urlencode

import pytest
import textstat
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from callbacks import services
from callbacks.forms import MarkForm
from callbacks.models import CallbackRequest, CallbackTally
from toolbox_site.models import AuditEvent

from ..network.once import on_the_module_network
from .fixtures import make_callback

pytestmark = [*on_the_module_network(__name__), pytest.mark.usefixtures("empty_cache")]

VALID = {
    "first_name": "Fatma",
    "phone": "06 12345678",
    "best_time": "afternoon",
    "note": "Liefst na drie uur.",
    "consent": "on",
}


def form_url(service, **extra):
    query = {"dienst": service.pk, "gemeente": "enschede", "situatie": "geldzorgen", **extra}
    return reverse("callbacks:create") + "?" + urlencode(query)


def assert_no_cookie(response):
    assert not response.cookies, list(response.cookies)
    assert "Set-Cookie" not in response.headers


def main_text(response):
    page = response.content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", main))).strip()


# --- The resident ---------------------------------------------------------------------


def test_each_result_links_to_the_form_without_a_cookie(enschede_service):
    browser = Client(enforce_csrf_checks=True)
    results = browser.get(
        reverse("finder:index"), {"gemeente": "enschede", "situatie": "geldzorgen"}
    )
    assert_no_cookie(results)
    page = results.content.decode()
    link = html.unescape(form_url(enschede_service))
    assert html.escape(link) in page or link.replace("&", "&amp;") in page
    form = browser.get(form_url(enschede_service))
    assert form.status_code == 200
    assert_no_cookie(form)
    assert 'name="csrfmiddlewaretoken"' not in form.content.decode()


def test_the_form_asks_no_email_and_no_address(client, enschede_service):
    form = client.get(form_url(enschede_service)).context["form"]
    assert set(form.fields) == {"first_name", "phone", "best_time", "note", "consent"}


def test_a_request_is_saved_counted_and_announced_without_personal_data(
    enschede_service, enschede_editor, django_capture_on_commit_callbacks
):
    browser = Client(enforce_csrf_checks=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(form_url(enschede_service), VALID)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("callbacks:thanks"))
    assert_no_cookie(response)
    callback = CallbackRequest.objects.get()
    assert (callback.phone, callback.best_time, callback.status, callback.consent) == (
        "+31612345678",
        "afternoon",
        "new",
        True,
    )
    assert (callback.municipality.slug, callback.situation.slug) == ("enschede", "geldzorgen")
    assert CallbackTally.objects.get().requests == 1
    # Nothing of the resident in the audit log or the e-mail.
    event = AuditEvent.objects.get(action="callbacks.request.received")
    logged = f"{event.object_repr} {event.data}"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["enschede.editor@example.org"]
    sent = mail.outbox[0].subject + mail.outbox[0].body
    for personal in ("Fatma", "0612345678", "612345678", "drie uur"):
        assert personal not in logged
        assert personal not in sent
    assert reverse("callbacks:queue") in mail.outbox[0].body
    thanks = browser.get(response["Location"])
    assert thanks.status_code == 200
    assert_no_cookie(thanks)


@pytest.mark.parametrize(
    "phone", ["12345", "+49 30 1234567", "06 1234", "hallo", "0612345678901234567890"]
)
def test_a_wrong_or_foreign_number_is_an_error_at_the_field(client, enschede_service, phone):
    response = client.post(form_url(enschede_service), {**VALID, "phone": phone})
    assert response.status_code == 200
    assert "phone" in response.context["form"].errors
    assert not CallbackRequest.objects.exists()
    assert "Fatma" in response.content.decode()  # what they typed is kept


def test_consent_is_required(client, enschede_service):
    response = client.post(form_url(enschede_service), {**VALID, "consent": ""})
    assert "consent" in response.context["form"].errors
    assert not CallbackRequest.objects.exists()


def test_a_post_without_any_field_shows_every_error(client, enschede_service):
    response = client.post(form_url(enschede_service), {})
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"first_name", "phone", "consent"}
    assert not CallbackRequest.objects.exists()


def test_the_note_is_at_most_300_characters(client, enschede_service):
    response = client.post(form_url(enschede_service), {**VALID, "note": "x" * 301})
    assert "note" in response.context["form"].errors
    assert not CallbackRequest.objects.exists()


@pytest.mark.parametrize(
    "extra",
    [
        {"dienst": "abc"},
        {"dienst": "999999"},
        {"gemeente": "nergens"},
        {"situatie": "onbekend"},
        {"gemeente": "menzis-zorgkantoor"},
    ],
)
def test_an_unknown_service_municipality_or_situation_is_not_found(client, enschede_service, extra):
    assert client.get(form_url(enschede_service, **extra)).status_code == 404
    assert client.post(form_url(enschede_service, **extra), VALID).status_code == 404
    assert not CallbackRequest.objects.exists()


def test_a_service_that_does_not_serve_the_municipality_is_not_found(
    client, enschede_service, hengelo
):
    url = form_url(enschede_service, gemeente="hengelo")
    assert client.get(url).status_code == 404


def test_a_post_from_another_site_is_refused(client, enschede_service):
    response = client.post(form_url(enschede_service), VALID, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert not CallbackRequest.objects.exists()


def test_a_flood_of_requests_is_refused(client, enschede_service):
    for _attempt in range(services.REQUESTS_PER_VISITOR):
        assert client.post(form_url(enschede_service), VALID).status_code == 302
    response = client.post(form_url(enschede_service), VALID)
    assert response.status_code == 429
    assert CallbackRequest.objects.count() == services.REQUESTS_PER_VISITOR
    assert "Fatma" in response.content.decode()


@given(
    data=st.dictionaries(
        st.sampled_from(["first_name", "phone", "best_time", "note", "consent", "x"]),
        st.text(max_size=400),
        max_size=6,
    ),
    params=st.dictionaries(
        st.sampled_from(["dienst", "gemeente", "situatie"]), st.text(max_size=40), max_size=3
    ),
)
def test_no_input_gives_a_server_error_or_a_partial_write(client, enschede_service, data, params):
    before = (CallbackRequest.objects.count(), CallbackTally.objects.count())
    response = client.post(form_url(enschede_service, **params), data)
    assert response.status_code in (200, 302, 400, 404, 429)  # 400: a NUL (middleware)
    if response.status_code == 302:
        assert CallbackRequest.objects.count() == before[0] + 1
    else:
        assert (CallbackRequest.objects.count(), CallbackTally.objects.count()) == before
    assert client.get(form_url(enschede_service, **params)).status_code in (200, 400, 404)


def test_the_residents_texts_are_easy_to_read(client, enschede_service):
    """Flesch-Douma (Dutch) at or above 60: B1 level, measured as the finder's texts."""
    textstat.set_lang("nl")
    form = main_text(client.get(form_url(enschede_service)))
    client.post(form_url(enschede_service), VALID)
    thanks = main_text(
        client.get(
            reverse("callbacks:thanks")
            + form_url(enschede_service)[len(reverse("callbacks:create")) :]
        )
    )
    privacy = client.get(reverse("privacy")).content.decode()
    part = privacy[
        privacy.index("Bel mij terug</h3>") : privacy.index(
            "<h2", privacy.index("Bel mij terug</h3>")
        )
    ]
    privacy_text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", part)))
    for text in (form, thanks, privacy_text):
        assert textstat.flesch_reading_ease(text) >= 60, text


# --- The maintaining organization ---------------------------------------------------------


def test_the_editors_see_the_queue_and_others_see_nothing(client, callback_request, cast):
    url = reverse("callbacks:queue")
    seen = {}
    for name, user in cast.items():
        client.force_login(user)
        seen[name] = "Fatma" in client.get(url).content.decode()
    assert seen == {
        "enschede.editor": True,
        "enschede.viewer": False,
        "hengelo.editor": False,
        "menzis.adviser": False,
        "twente.coordinator": True,
    }


def test_the_queue_filters_by_status(client, enschede_service, enschede_editor):
    make_callback(enschede_service, first_name="Nieuwe")
    make_callback(
        enschede_service, first_name="Gebelde", status="called", handled_at=timezone.now()
    )
    make_callback(
        enschede_service, first_name="Onbereikt", status="not_reached", handled_at=timezone.now()
    )
    client.force_login(enschede_editor)
    for status, name in (("nieuw", "Nieuwe"), ("gebeld", "Gebelde"), ("niet-bereikt", "Onbereikt")):
        page = client.get(reverse("callbacks:queue"), {"status": status}).content.decode()
        assert name in page
        others = {"Nieuwe", "Gebelde", "Onbereikt"} - {name}
        assert not others & set(re.findall(r"\w+", page))
    assert client.get(reverse("callbacks:queue"), {"status": "onbekend"}).status_code == 200


def test_marking_a_request_logs_the_action_and_id_only(client, callback_request, enschede_editor):
    client.force_login(enschede_editor)
    url = reverse("callbacks:mark", args=[callback_request.pk])
    response = client.post(url, {"status": "not_reached", "version": "1"})
    assert response.status_code == 302
    callback_request.refresh_from_db()
    assert (callback_request.status, callback_request.handled_by, callback_request.version) == (
        "not_reached",
        enschede_editor,
        2,
    )
    assert callback_request.handled_at is not None
    client.post(url, {"status": "called", "version": "2"})
    callback_request.refresh_from_db()
    assert callback_request.status == "called"
    events = AuditEvent.objects.filter(action__startswith="callbacks.request.").order_by("pk")
    assert [e.action for e in events] == [
        "callbacks.request.not_reached",
        "callbacks.request.called",
    ]
    for event in events:
        assert event.data == {}
        assert event.object_repr == f"#{callback_request.pk}"


def test_two_editors_at_once_the_second_is_told(client, callback_request, enschede_editor):
    client.force_login(enschede_editor)
    url = reverse("callbacks:mark", args=[callback_request.pk])
    client.post(url, {"status": "called", "version": "1"})
    response = client.post(url, {"status": "not_reached", "version": "1"}, follow=True)
    callback_request.refresh_from_db()
    assert callback_request.status == "called"
    assert "in de tussentijd" in response.content.decode()


@pytest.mark.parametrize(
    "data", [{}, {"status": "new", "version": "1"}, {"status": "called", "version": "x"}]
)
def test_a_wrong_mark_changes_nothing(client, callback_request, enschede_editor, data):
    client.force_login(enschede_editor)
    response = client.post(reverse("callbacks:mark", args=[callback_request.pk]), data)
    assert response.status_code == 302
    callback_request.refresh_from_db()
    assert callback_request.status == "new"


@given(
    data=st.dictionaries(
        st.sampled_from(["status", "version", "x"]),
        st.one_of(
            st.sampled_from(["called", "not_reached", "new", "1", "0", "-1", "1e3", ""]),
            st.text(max_size=30),
        ),
        max_size=3,
    )
)
def test_no_mark_gives_a_server_error_or_a_change_it_should_not(
    client, callback_request, enschede_editor, data
):
    client.force_login(enschede_editor)
    before = CallbackRequest.objects.values("status", "version").get(pk=callback_request.pk)
    response = client.post(reverse("callbacks:mark", args=[callback_request.pk]), data)
    assert response.status_code in (302, 400)  # 400: a NUL (middleware)
    after = CallbackRequest.objects.values("status", "version").get(pk=callback_request.pk)
    form = MarkForm(data)  # what a valid mark is: the form's reading, at the version shown
    valid = form.is_valid() and form.cleaned_data["version"] == before["version"]
    assert after == before or (valid and after["status"] == data["status"])
    # The next example starts from a new request again.
    CallbackRequest.objects.filter(pk=callback_request.pk).update(**before)


def test_the_start_page_lists_the_open_requests(client, callback_request, enschede_editor):
    client.force_login(enschede_editor)
    page = client.get(reverse("my_toolbox")).content.decode()
    assert "Bel 1 inwoner terug" in page
    assert reverse("callbacks:queue") in page


def test_the_requests_join_unmet_demand_without_personal_data(
    client, enschede_service, enschede_editor
):
    client.force_login(enschede_editor)
    client.get(reverse("finder:index"), {"gemeente": "enschede", "situatie": "geldzorgen"})
    client.logout()
    client.post(form_url(enschede_service), VALID)
    client.force_login(enschede_editor)
    page = client.get(reverse("finder:unmet_demand")).content.decode()
    assert "Terugbelverzoeken" in page
    assert "Fatma" not in page
    row = page[page.index("Geldzorgen") if "Geldzorgen" in page else 0 :]
    assert re.search(r'<td class="text-end">1</td>\s*</tr>', row)
    csv = client.get(reverse("finder:unmet_demand_csv")).content.decode()
    assert "terugbelverzoeken" in csv.splitlines()[0]


# --- Retention ------------------------------------------------------------------------------


def at(day, hour=10):
    return timezone.make_aware(datetime.datetime(2026, 12, day, hour))


def test_handled_requests_go_after_30_days_and_unhandled_after_60(enschede_service):
    now = at(31)
    old_handled = make_callback(
        enschede_service, status="called", handled_at=now - datetime.timedelta(days=31)
    )
    recent_handled = make_callback(
        enschede_service, status="not_reached", handled_at=now - datetime.timedelta(days=29)
    )
    old_new = make_callback(enschede_service)
    recent_new = make_callback(enschede_service)
    CallbackRequest.objects.filter(pk=old_new.pk).update(
        created_at=now - datetime.timedelta(days=61)
    )
    CallbackRequest.objects.filter(pk=recent_new.pk).update(
        created_at=now - datetime.timedelta(days=59)
    )
    tally = CallbackTally.objects.create(
        municipality=old_new.municipality, situation=old_new.situation, month=now.date(), requests=4
    )
    assert services.purge(now) == 2
    assert set(CallbackRequest.objects.values_list("pk", flat=True)) == {
        recent_handled.pk,
        recent_new.pk,
    }
    events = AuditEvent.objects.filter(action="callbacks.request.deleted")
    assert sorted(e.object_id for e in events) == sorted([str(old_handled.pk), str(old_new.pk)])
    assert all("Fatma" not in f"{e.object_repr}{e.data}" for e in events)
    tally.refresh_from_db()
    assert tally.requests == 4  # the counts stay
    assert services.purge(now) == 0


def test_a_reminder_after_3_working_days_once(enschede_service, enschede_editor):
    # Received on Friday 4 December 2026: three working days later is Wednesday 9.
    callback = make_callback(enschede_service)
    CallbackRequest.objects.filter(pk=callback.pk).update(created_at=at(4))
    assert services.send_reminders(at(8, 12)) == 0  # Tuesday: two working days
    assert services.send_reminders(at(9, 12)) == 1
    assert len(mail.outbox) == 1
    assert "Fatma" not in mail.outbox[0].body and "612345678" not in mail.outbox[0].body
    assert services.send_reminders(at(10, 12)) == 0  # once
    assert len(mail.outbox) == 1


def test_the_command_runs_reminders_and_purge(enschede_service, capsys):
    from django.core.management import call_command

    call_command("purge_callbacks")
    assert "reminded: 0, deleted: 0" in capsys.readouterr().out
