"""Offline filling: download a report as XLSX, upload it back; checked exactly like the form,
every bad cell reported with sheet, row and reason, nothing written unless all is valid."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from monitoring import services
from monitoring.models import Report
from monitoring.spreadsheet import INFO_SHEET, VERSION_SHEET

from .fixtures import demo_values, make_report, report_state


@pytest.fixture
def report(cast):
    return make_report("enschede")


def download(client, report):
    response = client.get(reverse("monitoring:download", args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(BytesIO(response.content))


def upload(client, report, book, name="rapportage.xlsx"):
    output = BytesIO()
    book.save(output)
    return client.post(
        reverse("monitoring:upload", args=[report.pk]),
        {"file": SimpleUploadedFile(name, output.getvalue())},
    )


def sections(book):
    return [sheet for sheet in book.worksheets[1:] if sheet.sheet_state == "visible"]


def fill(book, report):
    _indicators, values = demo_values(report)
    for sheet in sections(book):
        for row in sheet.iter_rows(min_row=2):
            number, text = values.get((row[0].value, row[1].value or ""), (None, ""))
            row[5].value = text or (None if number is None else float(number))
    return book


def find_row(book, code, item=""):
    for sheet in sections(book):
        for row in sheet.iter_rows(min_row=2):
            if row[0].value == code and (row[1].value or "") == item:
                return sheet, row
    raise LookupError(code)


def test_the_download_has_a_sheet_per_section_with_codes(client, cast, report):
    client.force_login(cast["enschede.viewer"])
    book = download(client, report)
    assert book.sheetnames[0] == INFO_SHEET
    assert book.sheetnames[1] == "1. Bereik"
    _sheet, row = find_row(book, "clients_new", "gp")
    assert row[2].value == "Nieuwe cliënten"
    assert row[3].value == "Huisarts of praktijkondersteuner"


def test_a_filled_in_download_is_read_back_into_the_report(client, cast, report):
    client.force_login(cast["enschede.editor"])
    response = upload(client, report, fill(download(client, report), report))
    assert response.status_code == 302
    status, _version, values = report_state(report.pk)
    assert status == Report.Status.DRAFT
    stored = {(code, item): number for code, item, number, _text in values}
    _indicators, expected = demo_values(report)
    assert stored[("clients_new", "gp")] == expected[("clients_new", "gp")][0]
    # the same values are valid for submitting
    client.post(
        reverse("monitoring:report", args=[report.pk]),
        {"report": report.pk, "version": Report.objects.get(pk=report.pk).version},
    )


def test_every_bad_cell_is_reported_with_sheet_row_and_reason_and_nothing_is_written(
    client, cast, report
):
    client.force_login(cast["enschede.editor"])
    book = fill(download(client, report), report)
    sheet, row = find_row(book, "clients_closed")
    row[5].value = "veel"
    bad_row_1 = row[0].row
    sheet2, row = find_row(book, "registered_pct")
    row[5].value = 140
    bad_row_2 = row[0].row
    _sheet, row = find_row(book, "waiting_days")
    row[5].value = "=1+1"
    _sheet, row = find_row(book, "volunteers_active")
    row[0].value = "volunteers_typo"
    response = upload(client, report, book)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<td>{sheet.title}</td><td>{bad_row_1}</td><td>Vul een getal in" in html
    assert f"<td>{sheet2.title}</td><td>{bad_row_2}</td><td>Een percentage kan niet" in html
    assert "Formules zijn niet toegestaan" in html
    assert "Onbekende code “volunteers_typo”" in html
    assert "Er is niets opgeslagen: 4 problemen" in html
    assert report_state(report.pk)[2] == []


def test_a_missing_sheet_is_reported(client, cast, report):
    client.force_login(cast["enschede.editor"])
    book = fill(download(client, report), report)
    del book["2. Vragen"]
    response = upload(client, report, book)
    assert (
        "<td>2. Vragen</td><td>–</td><td>Dit tabblad ontbreekt.</td>" in response.content.decode()
    )
    assert report_state(report.pk)[2] == []


def test_the_file_of_another_report_is_refused(client, cast, report):
    other = make_report("hengelo")
    client.force_login(cast["enschede.editor"])
    book = download(client, report)
    book[INFO_SHEET]["B1"] = other.pk
    response = upload(client, report, book)
    assert "hoort bij een andere rapportage" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("rapportage.xlsx", b"dit is geen spreadsheet", "niet te lezen als XLSX"),
        ("rapportage.csv", b"a,b", "Upload een XLSX-bestand"),
        ("rapportage.xlsx", b"PK\x03\x04 kapot zipbestand", "niet te lezen als XLSX"),
    ],
)
def test_a_file_that_is_no_spreadsheet_gets_a_clear_message(
    client, cast, report, name, content, message
):
    client.force_login(cast["enschede.editor"])
    response = client.post(
        reverse("monitoring:upload", args=[report.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert report_state(report.pk)[2] == []


def test_rows_left_out_keep_their_stored_value(client, cast):
    report = make_report("enschede", filled=True)
    before = {(c, i): n for c, i, n, _t in report_state(report.pk)[2]}
    client.force_login(cast["enschede.editor"])
    book = download(client, report)
    sheet, row = find_row(book, "signals")
    sheet.delete_rows(row[0].row)
    _sheet, row = find_row(book, "warm_handovers")
    row[5].value = 2
    assert upload(client, report, book).status_code == 302
    after = {(c, i): n for c, i, n, _t in report_state(report.pk)[2]}
    assert after[("warm_handovers", "")] == 2
    assert {k: v for k, v in after.items() if k != ("warm_handovers", "")} == {
        k: v for k, v in before.items() if k != ("warm_handovers", "")
    }


def test_a_submitted_report_cannot_be_uploaded_into(client, cast):
    report = make_report("enschede", Report.Status.SUBMITTED, filled=True)
    client.force_login(cast["enschede.editor"])
    book = download(client, report)
    before = report_state(report.pk)
    response = upload(client, report, book)
    assert response.status_code == 302
    assert report_state(report.pk) == before


def test_a_file_downloaded_before_a_colleagues_save_is_refused_with_the_conflict(
    client, cast, report
):
    client.force_login(cast["enschede.editor"])
    book = fill(download(client, report), report)
    # a colleague saves one value in the form after the download
    data = {"report": report.pk, "version": report.version, "action": "save"}
    data["v__waiting_days"] = "33"
    assert client.post(reverse("monitoring:report", args=[report.pk]), data).status_code == 302
    saved = report_state(report.pk)
    response = upload(client, report, book)
    assert response.status_code == 409
    html = response.content.decode()
    assert "iemand anders heeft deze rapportage gewijzigd" in html
    assert "Wachttijd tot eerste contact" in html
    assert report_state(report.pk) == saved, "the colleague's value is not overwritten"


def test_a_file_without_its_version_is_refused(client, cast, report):
    client.force_login(cast["enschede.editor"])
    book = fill(download(client, report), report)
    del book[VERSION_SHEET]
    response = upload(client, report, book)
    assert response.status_code == 200
    assert "niet uit welke versie van de rapportage" in response.content.decode()
    assert report_state(report.pk)[2] == []


@pytest.mark.parametrize("mark", ["", "abc", -1, 0, 2**40, 1.5, True])
def test_a_changed_version_mark_is_refused(client, cast, report, mark):
    client.force_login(cast["enschede.editor"])
    book = fill(download(client, report), report)
    book[VERSION_SHEET]["B1"] = mark
    response = upload(client, report, book)
    assert response.status_code == 200
    assert report_state(report.pk)[2] == []


def test_the_download_carries_the_version_it_was_made_at(client, cast, report):
    client.force_login(cast["enschede.editor"])
    services.save_values(report, {}, {"waiting_days": "Nog niet bekend"}, cast["enschede.editor"])
    report.refresh_from_db()
    book = download(client, report)
    assert book[VERSION_SHEET].sheet_state == "hidden"
    assert book[VERSION_SHEET]["B1"].value == report.version
