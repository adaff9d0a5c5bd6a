"""Documents for the tests and the shared harnesses (inventory, permission matrix).

``documents_demo`` runs the app's own ``demo.seed()`` in the test cast's Twente, so the
pages the inventory names are the demo's (and the benchmark's). ``sample`` makes small
real files of each kind; ``make_document`` one document with such a file.
"""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from documents import demo
from documents.files import KINDS
from documents.models import Document, DocumentFile

# The demo's documents, by what the tests need of them.
PUBLIC = "folder-gratis-hulp-clientondersteuner"  # published, for residents
MEMBERS = "handleiding-monitoring"  # published, for municipalities and the care office
TWO_VERSIONS = "stappenplan-netwerkgericht-werken"
UNPUBLISHED = "businesscase-integrale-clientondersteuning"
LINK = "clientondersteuning-rijksoverheid"


def _zip(parts, first=None):
    """A zip of ``parts``; the same bytes every time (a fixed date in each entry), so
    a test may compare a stored file with a second sample."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if first:
            archive.writestr(zipfile.ZipInfo(first[0]), first[1])  # stored, first: ODF's rule
        for name, content in parts:
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 12, 0, 0)), content)
    return buffer.getvalue()


def sample(kind):
    """Bytes of a small, real file of ``kind`` (pdf, docx, xlsx, odt)."""
    if kind == "pdf":
        return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
    if kind == "docx":
        return _zip(
            [
                ("[Content_Types].xml", "<Types/>"),
                ("_rels/.rels", "<Relationships/>"),
                ("word/document.xml", "<w:document/>"),
            ]
        )
    if kind == "xlsx":
        buffer = io.BytesIO()
        Workbook().save(buffer)
        return buffer.getvalue()
    if kind == "odt":
        return _zip(
            [("content.xml", "<office:document-content/>")], first=("mimetype", KINDS["odt"])
        )
    raise ValueError(kind)


def upload(name, content=None):
    """An uploaded file called ``name`` (its content a sample of its own kind by default)."""
    if content is None:
        content = sample(name.rsplit(".", 1)[-1].lower())
    return SimpleUploadedFile(name, content, "application/octet-stream")


def make_document(
    region, slug="notulen", *, published=True, audiences=("municipality",), kind="pdf", link=""
):
    entry = {
        "slug": slug,
        "title": slug.replace("-", " ").capitalize(),
        "summary": "Een document voor de tests.",
        "pillar": "network",
        "audiences": list(audiences),
        "published": published,
    }
    if link:
        entry["external_url"] = link
    else:
        entry["versions"] = [{"days_ago": 3, "kind": kind}]
    return demo.add(region, entry, contents=lambda number, extension: sample(kind))


@pytest.fixture
def documents_demo(twente, coordinator):
    """The demo's documents in Twente (the test cast's region team keeps them)."""
    demo.seed()
    return {document.slug: document for document in Document.objects.all()}


def stored_names():
    return sorted(DocumentFile.objects.values_list("file", flat=True))
