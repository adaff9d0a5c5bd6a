"""The report form: sections, breakdowns, save and submit, errors and warnings, read-only
reasons, review by the coordinator, the history, and two people saving at once."""

import re

import pytest
from django.urls import reverse

from monitoring import services
from monitoring.models import Report
from toolbox_site.models import AuditEvent

from .fixtures import make_report, report_state, valid_post


@pytest.fixture
def report(cast):
    return make_report("enschede")


def url(report):
    return reverse("monitoring:report", args=[report.pk])


def test_the_form_shows_sections_help_units_and_breakdowns_with_a_total(client, cast, report):
    client.force_login(cast["enschede.editor"])
    html = client.get(url(report)).content.decode()
    assert '<h2 id="section-' in html
    assert "Iedere cliënt telt één keer" in html
    assert "Nieuwe cliënten naar Verwijzer" in html  # the breakdown table's caption
    assert 'name="v__clients_new__gp"' in html
    assert 'name="v__clients_new"' in html
    assert "cliënten</span>" in html  # the unit
    assert "Opslaan als concept" in html
    assert "Indienen ter goedkeuring" in html
    assert re.search(r"Sluit over \d+ dagen|Sluit morgen|Sluit vandaag|De uiterste datum", html)


def test_saving_a_draft_stores_the_values_and_keeps_empty_apart_from_zero(client, cast, report):
    client.force_login(cast["enschede.editor"])
    data = {"report": report.pk, "version": report.version, "action": "save"}
    data.update({"v__wlz_applications": "0", "v__waiting_days": "12,5", "v__clients_total": ""})
    response = client.post(url(report), data)
    assert response.status_code == 302
    values = {v.indicator.code: v for v in report.values.select_related("indicator")}
    assert values["wlz_applications"].number == 0
    assert str(values["waiting_days"].number) == "12.5000"
    assert "clients_total" not in values  # empty: not reported
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT
    event = AuditEvent.objects.get(action="monitoring.report.saved")
    assert {"field": "wlz_applications", "item": "", "old": "", "new": "0"} in event.data["changes"]


def test_bad_input_is_listed_at_the_top_linked_to_the_field_and_every_typed_value_is_kept(
    client, cast, report
):
    client.force_login(cast["enschede.editor"])
    data = valid_post(report)
    data.update({"v__clients_total": "veel", "v__registered_pct": "140", "v__waiting_days": "7"})
    response = client.post(url(report), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#id_v__clients_total"' in html
    assert "Vul een getal in met alleen cijfers" in html
    assert "Een percentage kan niet meer dan 100 zijn" in html
    assert 'value="veel"' in html
    assert 'value="140"' in html
    assert 'id="err_v__clients_total"' in html
    assert report_state(report.pk)[2] == []  # nothing saved


def test_a_complete_report_is_submitted_and_then_read_only(client, cast, report):
    client.force_login(cast["enschede.editor"])
    response = client.post(url(report), valid_post(report, "submit"))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED
    html = client.get(url(report)).content.decode()
    assert "wacht op goedkeuring door de coördinator" in html
    assert "Indienen ter goedkeuring" not in html
    assert " disabled" in html


def test_an_incomplete_report_is_not_submitted_and_says_what_is_missing(client, cast, report):
    client.force_login(cast["enschede.editor"])
    data = valid_post(report, "submit")
    data["v__fte_formal"] = ""
    response = client.post(url(report), data)
    assert response.status_code == 302, "the typed values are kept as a draft first"
    assert response["Location"].endswith("?check=submit")
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT
    html = client.get(response["Location"]).content.decode()
    assert "vul 0 in als er geen waren" in html
    assert "opgeslagen als concept" in html
    assert 'href="#id_v__fte_formal"' in html


def test_a_refused_submission_keeps_the_typed_values_after_a_reload(client, cast, report):
    client.force_login(cast["enschede.editor"])
    data = valid_post(report, "submit")
    data.update({"v__fte_formal": "", "v__waiting_days": "17"})
    client.post(url(report), data)
    values = {v.indicator.code: v.number for v in report.values.select_related("indicator")}
    assert values["waiting_days"] == 17
    html = client.get(url(report)).content.decode()  # a plain reload, without the check
    assert 'value="17"' in html


def test_a_submission_with_input_that_is_not_even_a_draft_saves_nothing(client, cast, report):
    client.force_login(cast["enschede.editor"])
    data = valid_post(report, "submit")
    data.update({"v__fte_formal": "", "v__clients_total": "veel"})
    response = client.post(url(report), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="veel"' in html
    assert "niet ingediend" in html
    assert report_state(report.pk)[2] == []


def test_a_returned_reports_reason_stays_in_view_until_it_is_submitted_again(client, cast, report):
    client.force_login(cast["enschede.editor"])
    client.post(url(report), valid_post(report, "submit"))
    report.refresh_from_db()
    services.return_report(report, cast["twente.coordinator"], "Klopt 480 wel?")
    report.refresh_from_db()
    data = valid_post(report, "save")
    data["v__waiting_days"] = "9"
    assert client.post(url(report), data).status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT
    html = client.get(url(report)).content.decode()
    assert "Teruggestuurd om te verbeteren</h2>" in html
    assert '<p class="mb-0">Klopt 480 wel?</p>' in html
    client.post(url(report), valid_post(report, "submit"))
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED
    assert "Teruggestuurd om te verbeteren</h2>" not in client.get(url(report)).content.decode()


def test_submitting_an_already_submitted_report_changes_nothing(client, cast, report):
    client.force_login(cast["enschede.editor"])
    client.post(url(report), valid_post(report, "submit"))
    report.refresh_from_db()
    before = report_state(report.pk)
    response = client.post(url(report), valid_post(report, "submit"), follow=True)
    assert response.status_code == 200
    assert "wacht op goedkeuring" in response.content.decode()
    assert report_state(report.pk) == before


def test_a_viewer_reads_the_report_and_is_told_why_it_is_read_only(client, cast, report):
    client.force_login(cast["enschede.viewer"])
    html = client.get(url(report)).content.decode()
    assert "alleen de redacteuren van Enschede" in html
    assert "Opslaan als concept" not in html


def test_a_closed_period_is_read_only_and_says_so(client, cast, report):
    report.period.is_open = False
    report.period.save()
    client.force_login(cast["enschede.editor"])
    html = client.get(url(report)).content.decode()
    assert "is gesloten voor invoer" in html
    assert "Gesloten, de uiterste datum was" in html


def test_the_coordinator_approves_returns_and_reopens_from_the_page(client, cast):
    report = make_report("enschede", Report.Status.SUBMITTED, filled=True)
    client.force_login(cast["twente.coordinator"])
    html = client.get(url(report)).content.decode()
    assert "Goedkeuren" in html
    assert "Terugsturen om te verbeteren" in html
    response = client.post(
        reverse("monitoring:return", args=[report.pk]),
        {"version": report.version, "comment": "Nieuwe cliënten lijkt te hoog."},
        follow=True,
    )
    html = response.content.decode()
    assert "Nieuwe cliënten lijkt te hoog." in html
    report.refresh_from_db()
    assert report.status == Report.Status.RETURNED
    client.force_login(cast["enschede.editor"])
    html = client.get(url(report)).content.decode()
    assert "Teruggestuurd om te verbeteren" in html
    client.post(url(report), valid_post(report, "submit"))
    client.force_login(cast["twente.coordinator"])
    report.refresh_from_db()
    client.post(reverse("monitoring:approve", args=[report.pk]), {"version": report.version})
    report.refresh_from_db()
    assert report.status == Report.Status.APPROVED
    client.post(reverse("monitoring:reopen", args=[report.pk]), {"version": report.version})
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT


def test_returning_without_a_comment_is_refused_with_a_message(client, cast):
    report = make_report("enschede", Report.Status.SUBMITTED, filled=True)
    client.force_login(cast["twente.coordinator"])
    response = client.post(
        reverse("monitoring:return", args=[report.pk]),
        {"version": report.version, "comment": " "},
        follow=True,
    )
    assert "Schrijf waarom de rapportage terug gaat" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED


def test_the_history_shows_who_changed_which_value(client, cast, report):
    client.force_login(cast["enschede.editor"])
    data = {"report": report.pk, "version": report.version, "action": "save"}
    data["v__warm_handovers"] = "3"
    client.post(url(report), data)
    html = client.get(url(report)).content.decode()
    history = html[html.index('id="history-title"') :]
    assert "Esra" in history or "enschede.editor" in history
    assert "Warme overdrachten naar het zorgkantoor: (leeg) → 3" in history


def test_the_second_of_two_saves_gets_a_conflict_that_names_the_change_and_keeps_the_input(
    client, cast, report
):
    client.force_login(cast["enschede.editor"])
    opened = report.version
    first = {"report": report.pk, "version": opened, "action": "save", "v__waiting_days": "9"}
    assert client.post(url(report), first).status_code == 302
    second = {"report": report.pk, "version": opened, "action": "save", "v__fte_formal": "4,5"}
    response = client.post(url(report), second)
    assert response.status_code == 409
    html = response.content.decode()
    assert "iemand anders heeft deze rapportage intussen veranderd" in html
    assert "Wachttijd tot eerste contact" in html[html.index('id="conflict"') :]
    assert 'value="4,5"' in html
    values = {v.indicator.code: v.number for v in report.values.select_related("indicator")}
    assert values == {"waiting_days": 9}
    # Saving again from the conflict page (with the new version) is a deliberate choice.
    report.refresh_from_db()
    second["version"] = report.version
    second["v__waiting_days"] = "9"
    assert client.post(url(report), second).status_code == 302


def test_a_tampered_report_id_is_refused(client, cast, report):
    other = make_report("hengelo")
    client.force_login(cast["enschede.editor"])
    data = valid_post(report)
    data["report"] = other.pk
    assert client.post(url(report), data).status_code == 400
    assert report_state(report.pk)[2] == []


@pytest.mark.parametrize("version", ["", "abc", "99999999999999999999"])
def test_a_missing_or_malformed_version_is_a_bad_request(client, cast, report, version):
    client.force_login(cast["enschede.editor"])
    data = valid_post(report)
    data["version"] = version
    assert client.post(url(report), data).status_code == 400


def test_an_unknown_or_huge_report_id_is_not_found(client, cast, report):
    client.force_login(cast["enschede.editor"])
    assert client.get(reverse("monitoring:report", args=[report.pk + 999])).status_code == 404
    assert client.get("/monitoring/rapportages/99999999999999999999/").status_code == 404


def test_the_running_total_script_is_an_external_file(client, cast, report):
    client.force_login(cast["enschede.editor"])
    html = client.get(url(report)).content.decode()
    assert "monitoring/report" in html
    assert "<script>" not in html


def test_typed_values_and_labels_are_escaped(client, cast, report):
    client.force_login(cast["enschede.editor"])
    data = {"report": report.pk, "version": report.version, "action": "save"}
    data["v__clients_total"] = '"><script>alert(1)</script>'
    data["c__clients_total"] = "</textarea><b>vet</b>"
    html = client.post(url(report), data).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>vet</b>" not in html


@pytest.mark.parametrize(
    ("status", "endpoint", "extra"),
    [
        (Report.Status.SUBMITTED, "approve", {}),
        (Report.Status.SUBMITTED, "return", {"comment": "Graag verbeteren."}),
        (Report.Status.APPROVED, "reopen", {}),
    ],
)
@pytest.mark.parametrize("version", [None, "", "abc", "-1"])
def test_a_transition_without_the_version_seen_changes_nothing(
    client, cast, status, endpoint, extra, version
):
    report = make_report("enschede", status, filled=True)
    client.force_login(cast["twente.coordinator"])
    data = dict(extra) if version is None else {**extra, "version": version}
    response = client.post(reverse(f"monitoring:{endpoint}", args=[report.pk]), data, follow=True)
    assert "Het formulier is onvolledig" in response.content.decode()
    report.refresh_from_db()
    assert report.status == status
