"""Reading uploaded spreadsheets without letting a file take the server down.

Both imports (the services of an organization, a monitoring report) read their
files here. An XLSX file is a zip archive: before anything is unpacked, its
table of contents is checked against limits on the number of parts, their
unpacked size and their compression ratio, so a small "zip bomb" is refused
without being inflated. Python's ``zipfile`` never unpacks more than the size a
part declares, so the declared sizes are a real bound. The sheets are then
read as a stream (openpyxl's read-only mode), row by row, and reading stops at
the row and column limits instead of building the whole sheet first.

Every refusal is an ``UploadRefused`` with a translated message for the form.
"""

import csv
import io
import warnings
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook

MAX_PARTS = 200  # a workbook of a few sheets has about 15
MAX_RATIO = 100  # text compresses 5 to 20 times; far beyond that is a bomb


class UploadRefused(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def unpacked_limit():
    return settings.UPLOAD_XLSX_MAX_UNPACKED


def not_readable():
    return UploadRefused(
        _(
            "The file cannot be read as an XLSX spreadsheet. Save it as an Excel "
            "workbook (.xlsx), or start again from a downloaded file."
        )
    )


def check_xlsx(content):
    """Refuse an XLSX file (bytes) whose parts are too many, too large or too compressed."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise not_readable() from None
    limit = unpacked_limit()
    too_large = UploadRefused(
        _(
            "The file is too large when unpacked (at most %(mb)d MB). Remove what the "
            "import does not need, such as other sheets or images."
        )
        % {"mb": limit // (1024 * 1024)}
    )
    if len(parts) > MAX_PARTS:
        raise too_large
    if sum(part.file_size for part in parts) > limit:
        raise too_large
    for part in parts:
        if part.file_size > 1024 * 1024 and part.file_size > MAX_RATIO * max(part.compress_size, 1):
            raise too_large


def open_xlsx(content):
    """The workbook of checked XLSX bytes, opened for streaming; or UploadRefused."""
    check_xlsx(content)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        except Exception:  # a damaged or foreign file: any error means "not readable"
            raise not_readable() from None


def too_many_rows(max_rows):
    return UploadRefused(_("The file has too many rows (at most %(max)d).") % {"max": max_rows})


def sheet_rows(sheet, *, max_rows, max_columns):
    """The values of a sheet's rows: a header and at most ``max_rows`` rows below it.

    Raises UploadRefused as soon as there are more rows with content, or content
    beyond ``max_columns``. Empty rows in between are kept (row numbers stay
    right); empty rows at the end are dropped.
    """
    rows, filled = [], 0
    most = 2 * max_rows + 1000  # empty but formatted rows count too, within reason
    try:
        for row in sheet.iter_rows(values_only=True):
            values = _limited(row, max_columns, empty=(None, ""))
            if values:
                filled += 1
                if filled > max_rows + 1:
                    raise too_many_rows(max_rows)
            rows.append(values)
            if len(rows) > most:
                raise too_many_rows(max_rows)
    except UploadRefused:
        raise
    except Exception:  # broken XML inside the archive
        raise not_readable() from None
    while rows and not rows[-1]:
        rows.pop()
    return rows


def _limited(row, max_columns, empty):
    """The row cut to ``max_columns``, or [] when it is empty; refuse content beyond."""
    if any(value not in empty for value in row[max_columns:]):
        raise UploadRefused(
            _("The file has too many columns (at most %(max)d).") % {"max": max_columns}
        )
    values = list(row[:max_columns])
    return values if any(value not in empty for value in values) else []


def xlsx_rows(content, *, max_rows, max_columns):
    """The first sheet of XLSX bytes as rows of values (see ``sheet_rows``)."""
    book = open_xlsx(content)
    try:
        if not book.worksheets:
            raise not_readable()
        return sheet_rows(book.worksheets[0], max_rows=max_rows, max_columns=max_columns)
    finally:
        book.close()


def csv_rows(text, *, max_rows, max_columns):
    """CSV text as rows of values, with ``;`` or ``,`` between them (from the first line).

    The same limits as ``sheet_rows``.
    """
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows, filled = [], 0
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            values = _limited([value.strip() for value in row], max_columns, empty=("",))
            if values:
                filled += 1
                if filled > max_rows + 1:
                    raise too_many_rows(max_rows)
            rows.append(row[:max_columns] if values else [])
    except csv.Error:
        raise UploadRefused(
            _("The file could not be read. Use the CSV or Excel format of the export.")
        ) from None
    while rows and not rows[-1]:
        rows.pop()
    return rows
