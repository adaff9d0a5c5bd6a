"""Uploaded spreadsheets are checked before they are read (toolbox_site/uploads.py): a zip
bomb renamed to .xlsx, a sheet with too many rows or columns is refused with a message,
for both imports, without inflating the worker and without writing anything."""

import io
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from network.importing import COLUMNS
from network.models import Service, ServiceImport
from toolbox_site import exports, uploads

from ..monitoring.fixtures import make_report, report_state

BOMB_SIZE = 60 * 1024 * 1024


def zip_bomb():
    """About 60 KB that unpacks to 60 MB: one part full of zeros, named like a sheet."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w") as part:
            chunk = b"0" * (1024 * 1024)
            for _ in range(BOMB_SIZE // len(chunk)):
                part.write(chunk)
        archive.writestr("[Content_Types].xml", "<Types/>")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def bomb():
    return zip_bomb()


def workbook_with_rows(count, columns=COLUMNS):
    book = exports.workbook()
    sheet = exports.add_sheet(book, "Diensten", [columns])
    for number in range(count):
        exports.append(sheet, [""] + [f"dienst {number}"] + [""] * (len(columns) - 2))
    return exports.xlsx_bytes(book)


def test_the_check_refuses_a_zip_bomb_from_its_table_of_contents(bomb):
    assert len(bomb) < 200 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(uploads.UploadRefused) as refused:
            uploads.xlsx_rows(bomb, max_rows=10, max_columns=10)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "te groot" in refused.value.message
    assert peak < 5 * 1024 * 1024, "the bomb must not be unpacked"


def test_a_normal_workbook_passes_the_check():
    rows = uploads.xlsx_rows(workbook_with_rows(3), max_rows=10, max_columns=30)
    assert rows[0] == COLUMNS
    assert len(rows) == 4


def test_reading_stops_at_the_row_limit():
    with pytest.raises(uploads.UploadRefused) as refused:
        uploads.xlsx_rows(workbook_with_rows(30), max_rows=20, max_columns=30)
    assert "te veel regels" in refused.value.message
    with pytest.raises(uploads.UploadRefused):
        uploads.csv_rows("a;b\n" + "1;2\n" * 30, max_rows=20, max_columns=5)


def test_content_beyond_the_column_limit_is_refused():
    with pytest.raises(uploads.UploadRefused) as refused:
        uploads.csv_rows("a;b;c\n1;2;3\n", max_rows=20, max_columns=2)
    assert "te veel kolommen" in refused.value.message


# --- The service import ------------------------------------------------------------------


@pytest.fixture
def editor(client, network, enschede_editor):
    client.force_login(enschede_editor)
    return client


def import_file(client, content, name):
    return client.post(
        reverse("network:import", kwargs={"slug": "enschede"}),
        {"file": SimpleUploadedFile(name, content)},
    )


def test_the_service_import_refuses_a_zip_bomb(editor, bomb):
    before = Service.objects.count()
    response = import_file(editor, bomb, "diensten.xlsx")
    assert response.status_code == 200
    assert "uitgepakt te groot" in response.content.decode()
    assert Service.objects.count() == before
    assert not ServiceImport.objects.exists()


def test_the_service_import_refuses_too_many_rows(editor, settings):
    response = import_file(editor, workbook_with_rows(2001), "diensten.xlsx")
    assert response.status_code == 200
    assert "te veel regels (hoogstens 2000)" in response.content.decode()
    assert not ServiceImport.objects.exists()


@given(content=st.binary(max_size=2000), name=st.sampled_from(["d.xlsx", "d.csv", "d"]))
def test_any_bytes_to_the_service_import_never_fail_or_write(editor, content, name):
    before = Service.objects.count()
    response = import_file(editor, content, name)
    assert response.status_code in (200, 302)
    assert Service.objects.count() == before


# --- The report upload -------------------------------------------------------------------


@pytest.fixture
def report(cast):
    return make_report("enschede")


def upload_report(client, report, content, name="rapportage.xlsx"):
    return client.post(
        reverse("monitoring:upload", args=[report.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )


def test_the_report_upload_refuses_a_zip_bomb(client, cast, report, bomb):
    client.force_login(cast["enschede.editor"])
    before = report_state(report.pk)
    response = upload_report(client, report, bomb)
    assert response.status_code == 200
    assert "uitgepakt te groot" in response.content.decode()
    assert report_state(report.pk) == before


def test_the_report_upload_refuses_a_sheet_with_too_many_rows(client, cast, report):
    from openpyxl import load_workbook

    client.force_login(cast["enschede.editor"])
    content = client.get(reverse("monitoring:download", args=[report.pk])).content
    book = load_workbook(io.BytesIO(content))
    sheet = book.worksheets[1]
    for number in range(2100):
        sheet.append(["extra", "", "", "", "", number])
    buffer = io.BytesIO()
    book.save(buffer)
    response = upload_report(client, report, buffer.getvalue())
    assert response.status_code == 200
    assert "te veel regels" in response.content.decode()
    assert report_state(report.pk)[2] == []


@given(content=st.binary(max_size=2000))
def test_any_bytes_to_the_report_upload_never_fail_or_write(client, cast, report, content):
    client.force_login(cast["enschede.editor"])
    before = report_state(report.pk)
    response = upload_report(client, report, content)
    assert response.status_code == 200
    assert report_state(report.pk) == before
