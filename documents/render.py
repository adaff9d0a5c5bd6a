"""The demo's documents, made from the data files in documents/data/: PDF files rendered
by WeasyPrint from a Django template (documents/pdf/document.html) and a text
fragment, and the XLSX template made with openpyxl. Nothing is fetched."""

import json
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from openpyxl.styles import Alignment, Font
from weasyprint import CSS, HTML

from toolbox_site import exports

DATA = Path(__file__).parent / "data"
STYLES = Path(__file__).parent / "templates" / "documents" / "pdf" / "print.css"


def pdf(entry, version, number, date, region):
    """A PDF (bytes) of one version of a demo document."""
    body = (DATA / "texts" / version["text"]).read_text(encoding="utf-8")
    html = render_to_string(
        "documents/pdf/document.html",
        {
            "title": entry["title"],
            "summary": entry["summary"],
            # Our own data file, written for the demo: trusted markup.
            "body": mark_safe(body),
            "number": number,
            "date": date,
            "region": region.name,
        },
    )
    stylesheet = CSS(string=STYLES.read_text(encoding="utf-8"))
    return HTML(string=html).write_pdf(stylesheets=[stylesheet])


def xlsx(version):
    """An XLSX workbook (bytes) from a sheet's data file (columns, rows, widths, note),
    written through toolbox_site/exports.py like every spreadsheet of the site."""
    data = json.loads((DATA / version["sheet"]).read_text(encoding="utf-8"))
    book = exports.workbook()
    sheet = exports.add_sheet(
        book, data["sheet"], [data["columns"], *data["rows"], [], [data["note"]]]
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, width in enumerate(data["widths"], start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    return exports.xlsx_bytes(book)
