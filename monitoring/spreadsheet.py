"""Offline filling: a report as an XLSX file, and reading it back.

The workbook has an "Over dit bestand" sheet naming the report, a hidden sheet
with the version of the report the file was made from, and one sheet
per section with a row per cell of the form: the indicator's code, the
breakdown item's code (empty for the total), labels, unit, the value and a
comment. Reading it back checks everything exactly as the form does
(``validation.validate``) and reports every bad cell with sheet, row and
reason; the caller writes nothing unless there are no problems. Rows that are
left out keep the value already stored. The version lets the upload refuse a
file made before a colleague's save, as the form does (services.ConflictError).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl.styles import Font, PatternFill

from toolbox_site import exports
from toolbox_site.uploads import UploadRefused, open_xlsx, sheet_rows

from . import reading
from .validation import Cleaned, cells_of, validate

INFO_SHEET = "Over dit bestand"
VERSION_SHEET = "versie"
MAX_VERSION = 2**31 - 1
MAX_ROWS = 2000
MAX_COLUMNS = 50  # the sheet has 8; notes beside them are ignored
MAX_COMMENT = 2000
HEADER = [
    "code",
    "onderdeel",
    "indicator",
    "uitsplitsing",
    "eenheid",
    "waarde",
    "toelichting",
    "uitleg",
]
CODE, ITEM, VALUE, COMMENT = 1, 2, 6, 7


def sheet_title(section, position):
    return exports.sheet_title(f"{position}. {section.title}")


def cell_value(cleaned, indicator):
    if cleaned is None:
        return None
    if indicator.value_type == indicator.ValueType.YES_NO:
        return None if cleaned.number is None else ("ja" if cleaned.number else "nee")
    if cleaned.number is not None:
        number = cleaned.number
        return int(number) if number == number.to_integral() else number
    return cleaned.text or None


def write_report(report):
    structure = reading.format_structure(report.format_id)
    stored = reading.stored_values(report)
    book = exports.workbook()
    info = exports.add_sheet(book, INFO_SHEET)
    rows = [
        ("rapportage", report.pk),
        ("format", report.format_id),
        ("organisatie", str(report.organization)),
        ("periode", str(report.period)),
        ("formatnaam", str(report.format)),
        (
            "uitleg",
            "Vul per tabblad de kolom 'waarde' in (leeg = niet gerapporteerd, 0 = geen). "
            "Verander de codes niet en gebruik geen formules. Upload het bestand daarna "
            "bij de rapportage.",
        ),
    ]
    for row in rows:
        exports.append(info, row)
    info.column_dimensions["A"].width = 14
    info.column_dimensions["B"].width = 80
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE5F0")
    for position, (section, indicators) in enumerate(structure, start=1):
        sheet = exports.add_sheet(book, sheet_title(section, position), [HEADER])
        for cell in sheet[1]:
            cell.font = bold
        for indicator in indicators:
            items = [None]
            if indicator.dimension_id:
                items += list(indicator.dimension.items.all())
            for item in items:
                key = (indicator.code, item.code if item else "")
                value = stored.get(key)
                cleaned = Cleaned(value.number, value.text) if value else None
                exports.append(
                    sheet,
                    [
                        indicator.code,
                        item.code if item else "",
                        indicator.label,
                        item.label if item else "totaal",
                        indicator.unit,
                        cell_value(cleaned, indicator),
                        (value.comment if value and item is None else None),
                        indicator.help_text if item is None else None,
                    ],
                )
                sheet.cell(row=sheet.max_row, column=VALUE).fill = fill
        for column, width in zip("ABCDEFGH", [20, 18, 40, 30, 12, 12, 30, 50], strict=True):
            sheet.column_dimensions[column].width = width
        sheet.freeze_panes = "A2"
    marker = exports.add_sheet(  # last, out of the way of the sections
        book,
        VERSION_SHEET,
        [
            ("versie", report.version),
            (
                "uitleg",
                "Verander dit tabblad niet: zo overschrijft u geen wijzigingen van anderen.",
            ),
        ],
    )
    marker.sheet_state = "hidden"
    return exports.xlsx_bytes(book)


@dataclass
class Outcome:
    version: int | None = None  # of the report the file was downloaded from
    values: dict = field(default_factory=dict)
    comments: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)  # [(sheet, row, reason)]

    def problem(self, sheet, row, reason):
        self.problems.append({"sheet": sheet, "row": row, "reason": reason})


def as_raw(value):
    """A cell's value as the text the form would have received, or raise ValueError."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(_("This is not a number."))
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime.date | datetime.datetime | datetime.time | datetime.timedelta):
        raise ValueError(_("This is a date or time, not a value of this indicator."))
    return str(value)


PLAIN_VALUES = (str, int, float, Decimal, datetime.date, datetime.time, datetime.timedelta)


def is_formula(value):
    """A formula, as openpyxl reads it without computing: its text, or an object."""
    if value is None:
        return False
    if isinstance(value, str):
        return value.startswith("=")
    return not isinstance(value, PLAIN_VALUES)


def read_version(book):
    """The report version the file was made from, or None when it is missing or changed."""
    if VERSION_SHEET not in book.sheetnames:
        return None
    value = first_cell(book[VERSION_SHEET], 2)
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 11:
        value = int(value.strip())
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_VERSION:
        return None
    return value


def first_cell(sheet, column):
    """The value in row 1 of a column (read-only sheets are read row by row)."""
    for row in sheet.iter_rows(min_row=1, max_row=1, max_col=column, values_only=True):
        return row[column - 1] if len(row) >= column else None
    return None


def read_rows(sheet):
    """A sheet's rows as value lists (row 1 first), or UploadRefused when too many."""
    return [
        row[: len(HEADER)] + [None] * (len(HEADER) - len(row))
        for row in sheet_rows(sheet, max_rows=MAX_ROWS, max_columns=MAX_COLUMNS)
    ]


def read_report(report, upload):
    outcome = Outcome()
    upload.seek(0)
    try:
        book = open_xlsx(upload.read())
    except UploadRefused as refused:
        outcome.problem("", "", refused.message)
        return outcome
    try:
        return read_book(report, book, outcome)
    finally:
        book.close()


def read_book(report, book, outcome):
    structure = reading.format_structure(report.format_id)
    if INFO_SHEET not in book.sheetnames:
        outcome.problem(INFO_SHEET, "", _("This sheet is missing."))
    else:
        info = {
            row[0]: row[1] if len(row) > 1 else None
            for row in book[INFO_SHEET].iter_rows(max_row=2, max_col=2, values_only=True)
        }
        if str(info.get("rapportage")) != str(report.pk) or str(info.get("format")) != str(
            report.format_id
        ):
            outcome.problem(
                INFO_SHEET,
                1,
                _("This file belongs to another report. Download the file of this report."),
            )
    outcome.version = read_version(book)
    if outcome.version is None:
        outcome.problem(
            "",
            "",
            _(
                "This file does not say which version of the report it was made from, so "
                "it could overwrite a colleague's changes. Download the spreadsheet again "
                "and fill that one in."
            ),
        )
    locations = {}
    raw = reading.raw_from_values(structure, reading.stored_values(report))
    comments = {
        key[0]: value.comment
        for key, value in reading.stored_values(report).items()
        if key[1] == "" and value.comment
    }
    for position, (section, indicators) in enumerate(structure, start=1):
        title = sheet_title(section, position)
        if title not in book.sheetnames:
            outcome.problem(title, "", _("This sheet is missing."))
            continue
        try:
            rows = read_rows(book[title])
        except UploadRefused as refused:
            outcome.problem(title, "", refused.message)
            continue
        known = {}
        for indicator in indicators:
            known[(indicator.code, "")] = indicator
            if indicator.dimension_id:
                for item in indicator.dimension.items.all():
                    known[(indicator.code, item.code)] = indicator
        for number, row in enumerate(rows[1:], start=2):
            if all(value in (None, "") for value in row):
                continue
            if any(is_formula(value) for value in row):
                outcome.problem(
                    title, number, _("Formulas are not allowed: type the value itself.")
                )
                continue
            cells = {
                column: exports.readable(row[column - 1]) for column in (CODE, ITEM, VALUE, COMMENT)
            }
            code = str(cells[CODE] or "").strip()
            item_code = str(cells[ITEM] or "").strip()
            key = (code, item_code)
            if key not in known:
                outcome.problem(
                    title,
                    number,
                    _("Unknown code “%(code)s” on this sheet: do not change the codes.")
                    % {"code": "/".join(filter(None, key))[:60]},
                )
                continue
            if key in locations:
                outcome.problem(title, number, _("This code appears twice."))
                continue
            locations[key] = (title, number)
            try:
                raw[key] = as_raw(cells[VALUE])
            except ValueError as error:
                outcome.problem(title, number, str(error))
                raw[key] = ""
                locations[key] = None  # already reported
            if item_code == "":
                comment = cells[COMMENT]
                comment = "" if comment is None else str(comment).strip()
                if len(comment) > MAX_COMMENT or "\x00" in comment:
                    outcome.problem(
                        title,
                        number,
                        _("A comment has at most %(max)s characters.") % {"max": MAX_COMMENT},
                    )
                comments[code] = comment
    rules = list(report.format.rules.select_related("indicator", "other_indicator"))
    result = validate(structure, rules, raw, submitting=False)
    for key, _indicator, _item in cells_of(structure):
        for message in result.errors.get(key, []):
            location = locations.get(key, ("", ""))
            if location is None:
                continue
            outcome.problem(location[0], location[1], message)
    outcome.values = result.values
    outcome.comments = comments
    return outcome
