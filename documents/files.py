"""Checking an uploaded document: its kind by its content, not only by its name.

A file is accepted when it is not empty, not larger than ``DOCUMENT_MAX_BYTES``, its
content is a PDF, DOCX, XLSX or ODT document (the ``filetype`` package reads the first
bytes; the three office kinds are zip archives whose table of contents must be
readable), and its name ends in the extension of that kind. Every refusal is an
``UploadRefused`` (toolbox_site/uploads.py) with a translated message for the form.
"""

import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from toolbox_site.uploads import UploadRefused

# The kinds a document may be: extension -> content type.
KINDS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
}
ZIPPED = {"docx", "xlsx", "odt"}
# What filetype reads to recognise a kind.
HEAD = 8192


@dataclass(frozen=True)
class Checked:
    extension: str
    content_type: str
    size: int


def max_bytes():
    return settings.DOCUMENT_MAX_BYTES


def kinds_text():
    return _("PDF, DOCX, XLSX or ODT")


def check_upload(upload):
    """The kind of an uploaded file (Django's UploadedFile), or UploadRefused."""
    size = upload.size or 0
    if size == 0:
        raise UploadRefused(_("The file is empty. Choose the file again."))
    if size > max_bytes():
        raise UploadRefused(
            _(
                "The file is too large: %(size)s, and at most %(limit)s is allowed. Make it "
                "smaller (for example, save a PDF with smaller images) or share a link instead."
            )
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes())}
        )
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in KINDS:
        raise UploadRefused(
            _("Only %(kinds)s files can be uploaded; this file is called %(name)s.")
            % {"kinds": kinds_text(), "name": name[-80:] or "–"}
        )
    upload.seek(0)
    head = upload.read(HEAD)
    upload.seek(0)
    guessed = filetype.guess(head)
    found = guessed.extension if guessed is not None else None
    if found not in KINDS:
        raise UploadRefused(
            _(
                "The content of the file is not a %(kinds)s document, whatever its name says. "
                "Save it again as one of these kinds."
            )
            % {"kinds": kinds_text()}
        )
    if found != extension:
        raise UploadRefused(
            _(
                "The file's name ends in .%(name_kind)s, but its content is a %(content_kind)s "
                "document. Give it the right name or save it again as %(name_kind_upper)s."
            )
            % {
                "name_kind": extension,
                "content_kind": found.upper(),
                "name_kind_upper": extension.upper(),
            }
        )
    if found in ZIPPED:
        _check_archive(upload, found)
    return Checked(extension=found, content_type=KINDS[found], size=size)


def _check_archive(upload, kind):
    """An office document is a zip archive: its table of contents must be readable
    (only the table is read; nothing is unpacked)."""
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise UploadRefused(
            _("The file cannot be read as a %(kind)s document. Save it again and retry.")
            % {"kind": kind.upper()}
        ) from None
    finally:
        upload.seek(0)
