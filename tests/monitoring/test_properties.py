"""Property-based: arbitrary input to the report form and the upload never gives a 5xx,
and either everything valid is saved or nothing at all."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from monitoring.models import Report
from monitoring.spreadsheet import VERSION_SHEET

from .fixtures import make_report, report_state

FIELDS = [
    "v__clients_total",
    "v__clients_total__0_17",
    "v__clients_new",
    "v__clients_new__gp",
    "v__waiting_days",
    "v__registered_pct",
    "v__training_followed",
    "v__registration_system",
    "v__signals",
    "c__clients_total",
    "version",
    "report",
    "action",
]

value = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "0", "12", "12,5", "-1", "101", "1e9", "ja", "nee", "１２", "\x00"]),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
)


@pytest.fixture
def report(cast):
    return make_report("enschede")


@given(data=st.dictionaries(st.sampled_from(FIELDS), value, max_size=len(FIELDS)))
def test_arbitrary_posts_to_the_report_form_never_fail_or_write_partially(
    client, cast, report, data
):
    client.force_login(cast["enschede.editor"])
    current = Report.objects.get(pk=report.pk)
    data.setdefault("version", str(current.version))
    data.setdefault("report", str(report.pk))
    before = report_state(report.pk)
    response = client.post(reverse("monitoring:report", args=[report.pk]), data)
    assert response.status_code < 500
    after = report_state(report.pk)
    if response.status_code != 302:
        assert after == before  # refused: nothing written
    else:
        assert after[0] in (Report.Status.DRAFT, Report.Status.SUBMITTED)


# Lone surrogates cannot be put in an address (the test client fails on them too).
@given(
    check=st.one_of(
        st.text(
            st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=20
        ),
        st.just("submit"),
    )
)
def test_any_check_parameter_on_the_report_page_renders_it(client, cast, report, check):
    client.force_login(cast["enschede.editor"])
    response = client.get(reverse("monitoring:report", args=[report.pk]), {"check": check})
    assert response.status_code == 200


cell = st.one_of(
    st.none(),
    st.text(max_size=20),
    st.integers(min_value=-(10**18), max_value=10**18),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.sampled_from(["=SUM(A1:A3)", "12", "ja", "1.5"]),
)


class Download(bytes):
    def __repr__(self):
        return f"<download of {len(self)} bytes>"


@pytest.fixture
def download(client, cast, report):
    client.force_login(cast["enschede.editor"])
    response = client.get(reverse("monitoring:download", args=[report.pk]))
    return Download(response.content)


@given(
    cells=st.lists(
        st.tuples(st.integers(min_value=1, max_value=7), st.integers(2, 30), cell), max_size=12
    ),
    drop_sheet=st.booleans(),
    version_mark=st.one_of(st.none(), cell),
)
def test_arbitrary_spreadsheets_never_fail_or_write_partially(
    client, cast, report, download, cells, drop_sheet, version_mark
):
    book = load_workbook(BytesIO(download))
    if version_mark is not None:
        try:
            book[VERSION_SHEET]["B1"] = version_mark
        except Exception:  # openpyxl refuses some characters, and leaves the cell half-set
            book[VERSION_SHEET]["B1"] = None
    for sheet_index, row, value in cells:
        sheet = book.worksheets[min(sheet_index, len(book.worksheets) - 1)]
        try:
            sheet.cell(row=row, column=6).value = value
        except Exception:  # openpyxl refuses some characters itself
            continue
    if drop_sheet:
        del book[[name for name in book.sheetnames if book[name].sheet_state == "visible"][-1]]
    output = BytesIO()
    book.save(output)
    before = report_state(report.pk)
    response = client.post(
        reverse("monitoring:upload", args=[report.pk]),
        {"file": SimpleUploadedFile("rapportage.xlsx", output.getvalue())},
    )
    assert response.status_code < 500
    if response.status_code != 302:
        assert report_state(report.pk) == before


@given(rows=st.lists(st.lists(cell, max_size=8), max_size=10))
def test_a_foreign_workbook_is_refused_without_failing(client, cast, report, rows):
    client.force_login(cast["enschede.editor"])
    book = Workbook()
    for row in rows:
        try:
            book.active.append(row)
        except Exception:  # openpyxl refuses some characters itself
            continue
    output = BytesIO()
    book.save(output)
    before = report_state(report.pk)
    response = client.post(
        reverse("monitoring:upload", args=[report.pk]),
        {"file": SimpleUploadedFile("rapportage.xlsx", output.getvalue())},
    )
    assert response.status_code == 200
    assert report_state(report.pk) == before


@given(
    data=st.dictionaries(
        st.sampled_from(["organization", "period", "comment", "version"]), value, max_size=4
    ),
    endpoint=st.sampled_from(["start", "return", "approve", "reopen"]),
)
def test_arbitrary_posts_to_the_workflow_urls_never_fail(client, cast, report, data, endpoint):
    client.force_login(cast["twente.coordinator" if endpoint != "start" else "enschede.editor"])
    before = report_state(report.pk)
    if endpoint == "start":
        url = reverse("monitoring:start")
    else:
        url = reverse(f"monitoring:{endpoint}", args=[report.pk])
    response = client.post(url, data)
    assert response.status_code < 500
    # The report is a draft: none of the reviews applies, so nothing changes.
    assert report_state(report.pk) == before
