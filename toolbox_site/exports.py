"""Every CSV and XLSX file the toolbox hands out is written here, so none can forget:

- **No formulas.** A text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
  carriage return gets a leading apostrophe (OWASP's rule against CSV injection):
  spreadsheet programs then show it as text instead of running it. Numbers and
  dates stay numbers and dates, and a text that is only a number ("-3", "-12,5 %")
  is left alone, since it cannot be a formula.
- **No characters a spreadsheet cannot hold.** Control characters other than tab,
  newline and carriage return are dropped. The forms refuse them, but a value
  stored before they did must never make an export fail.
- **One format.** CSV is UTF-8 with a byte-order mark and ``;`` between the
  columns, as Dutch spreadsheet programs open it; XLSX sheet titles are cut to
  what Excel allows.

``readable`` undoes the apostrophe for the imports, so a file exported and
imported again keeps its texts.
"""

import csv
import datetime
import io
import re
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
KEPT_AS_IS = (int, float, Decimal, datetime.date, datetime.datetime, datetime.time)
NOT_IN_TITLE = re.compile(r"[\[\]:*?/\\]")
ONLY_A_NUMBER = re.compile(r"-?[0-9][0-9.,]*( ?%)?")


def text(value):
    """A value as text that is safe in any cell: no formula, no forbidden character."""
    shown = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    if shown.startswith(FORMULA_START) and not ONLY_A_NUMBER.fullmatch(shown):
        return "'" + shown
    return shown


def cell(value):
    """A value for a cell: numbers and dates as they are, everything else as ``text``."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, KEPT_AS_IS):
        return value
    return text(value)


#: What follows the apostrophe once read back: an XLSX file stores a carriage
#: return as a newline (XML normalises line ends), so "'\r" comes back as "'\n".
READ_BACK_START = (*FORMULA_START, "\n")


def readable(value):
    """A cell read back from one of our exports: without the apostrophe ``text`` added."""
    if isinstance(value, str) and value[:1] == "'" and value[1:2] in READ_BACK_START:
        return value[1:]
    return value


def sheet_title(title):
    """A title Excel accepts: none of ``[]:*?/\\`` and at most 31 characters."""
    cleaned = NOT_IN_TITLE.sub(" ", ILLEGAL_CHARACTERS_RE.sub("", str(title)))
    return cleaned[:31].strip() or "-"


# --- CSV -------------------------------------------------------------------------------


def csv_bytes(rows):
    """Rows (lists of values) as CSV bytes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in rows:
        writer.writerow(["" if value is None else cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def open_data_csv(fields, rows):
    """Dicts as CSV for programs, not for spreadsheet users: a header of ``fields``,
    commas, CRLF, UTF-8 without a byte-order mark and values exactly as they are (no
    apostrophe before a leading ``=``, ``+`` or ``-``: a phone number "+31 …" must
    stay one), as open-data standards such as Frictionless' data packages expect.
    None is empty, booleans are ``true``/``false``."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({name: _open_data_value(row.get(name)) for name in fields})
    return buffer.getvalue().encode("utf-8")


def _open_data_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def csv_response(filename, rows):
    return _download(csv_bytes(rows), CSV_TYPE, f"{filename}.csv")


# --- XLSX ------------------------------------------------------------------------------


def workbook():
    """An empty workbook for ``add_sheet``."""
    book = Workbook()
    book.remove(book.active)
    return book


def add_sheet(book, title, rows=()):
    """A new sheet with the given rows, every value through ``cell``."""
    sheet = book.create_sheet(sheet_title(title))
    for row in rows:
        append(sheet, row)
    return sheet


def append(sheet, row):
    sheet.append([cell(value) for value in row])


def xlsx_bytes(book):
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename, sheets):
    """``sheets``: (title, rows) pairs, one sheet each."""
    book = workbook()
    for title, rows in sheets:
        add_sheet(book, title, rows)
    return _download(xlsx_bytes(book), XLSX_TYPE, f"{filename}.xlsx")


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
