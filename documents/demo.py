"""Twente demo documents (documents/data/documents.json and the texts beside it): PDF
files rendered at seed time (documents/render.py), an XLSX template, one external link;
one document has a second version, so its history shows. Idempotent: a document that
exists is left as it is."""

import datetime
import json
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone

from toolbox_site.models import Region

from . import render
from .files import KINDS
from .models import Audience, Document, DocumentFile

DATA = json.loads((Path(__file__).parent / "data" / "documents.json").read_text(encoding="utf-8"))


def seed():
    region = Region.objects.filter(slug=DATA["region"]).first()
    if region is None:
        return "no region"
    made = 0
    for entry in DATA["documents"]:
        if Document.objects.filter(slug=entry["slug"]).exists():
            continue
        add(region, entry)
        made += 1
    return f"{made} documents"


def add(region, entry, contents=None):
    """One document of ``entry`` (a row of the data file) in ``region``. ``contents``
    (number -> bytes) skips the rendering: the scale data's small files."""
    now = timezone.now()
    Audience.objects.add_missing()
    document = Document.objects.create(
        region=region,
        slug=entry["slug"],
        title=entry["title"],
        summary=entry["summary"],
        pillar=entry["pillar"],
        external_url=entry.get("external_url", ""),
        published=entry["published"],
        published_at=now if entry["published"] else None,
    )
    document.audiences.set(entry["audiences"])
    for number, version in enumerate(entry.get("versions", []), start=1):
        date = now - datetime.timedelta(days=version["days_ago"])
        extension = version.get("kind") or ("xlsx" if "sheet" in version else "pdf")
        if contents is not None:
            content = contents(number, extension)
        elif extension == "xlsx":
            content = render.xlsx(version)
        else:
            content = render.pdf(entry, version, number, date, region)
        stored = DocumentFile(
            document=document,
            number=number,
            original_name=f"{entry['slug']}.{extension}",
            content_type=KINDS[extension],
            size=len(content),
        )
        stored.file.save(f"demo.{extension}", ContentFile(content), save=False)
        stored.save()
        # The demo's history: versions dated in the past.
        DocumentFile.objects.filter(pk=stored.pk).update(uploaded_at=date)
    if entry.get("versions"):
        Document.objects.filter(pk=document.pk).update(
            version=len(entry["versions"]),
            updated_at=date,
            published_at=date if entry["published"] else None,
        )
    return document
