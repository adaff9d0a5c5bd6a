"""What the material says about one municipality: its texts from the data files
(material/data/, Dutch and English) and its contacts from the network map, read in
two queries whatever the size of the network."""

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

from network.models import Service
from toolbox_site.models import Organization

DATA = Path(__file__).parent / "data"
TEXTS = json.loads((DATA / "texts.json").read_text(encoding="utf-8"))
REFERRAL = json.loads((DATA / "referral.json").read_text(encoding="utf-8"))["rows"]
#: Changes with the data files, so kept PDFs of older texts are never served.
TEXTS_DIGEST = hashlib.sha256(
    b"".join(path.read_bytes() for path in sorted(DATA.glob("*.json")))
).hexdigest()[:12]
LANGUAGES = tuple(TEXTS)  # "nl", "en"
ROLE_SLUGS = sorted({slug for row in REFERRAL for slug in row["roles"]})


@dataclass(frozen=True)
class Item:
    slug: str  # in the address: poster-nl.pdf
    template: str
    size: str  # the paper size, for the preview and the file's name


ITEMS = {
    item.slug: item
    for item in (
        Item("poster", "material/print/poster.html", "A4"),
        Item("flyer", "material/print/flyer.html", "A5"),
        Item("verwijskaart", "material/print/card.html", "A5"),
    )
}


@dataclass(frozen=True)
class Contact:
    """Whom to reach: a service of the network, or an organization itself."""

    name: str
    detail: str = ""  # the provider of a service
    phone: str = ""
    email: str = ""
    website: str = ""

    @property
    def reachable(self):
        return bool(self.phone or self.email)


def _service_contact(service):
    provider = service.provider.name
    return Contact(
        name=service.name,
        detail="" if provider == service.name else provider,
        phone=service.phone,
        email=service.email,
        website=service.website,
    )


def _organization_contact(organization):
    return Contact(
        name=organization.name,
        phone=organization.phone,
        email=organization.email,
        website=organization.website,
    )


def texts(language):
    return TEXTS.get(language, TEXTS["nl"])


def material_for(municipality, finder_url, language):
    """Everything the poster, the flyer and the referral card show."""
    services = list(
        Service.objects.active()
        .serving(municipality)
        .filter(role__slug__in=ROLE_SLUGS)
        .select_related("provider", "role")
        .order_by("name", "pk")
    )
    regional = list(
        Organization.objects.filter(
            region_id=municipality.region_id,
            kind__in=[Organization.Kind.CARE_OFFICE, Organization.Kind.REGION_TEAM],
        ).order_by("name", "pk")
    )
    care_office = next((o for o in regional if o.kind == Organization.Kind.CARE_OFFICE), None)
    region_team = next((o for o in regional if o.kind == Organization.Kind.REGION_TEAM), None)
    rows = []
    for row in REFERRAL:
        contacts = [
            _service_contact(service)
            for service in services
            if service.role.slug in row["roles"]
            and (row["independent"] is None or service.independent == row["independent"])
        ]
        if not contacts and row.get("municipality_fallback"):
            contacts = [_organization_contact(municipality)]
        if not contacts and row.get("care_office_fallback") and care_office is not None:
            contacts = [_organization_contact(care_office)]
        rows.append(
            {
                "key": row["key"],
                "question": row["question"].get(language, row["question"]["nl"]),
                "whom": row["whom"].get(language, row["whom"]["nl"]),
                "contacts": contacts,
            }
        )
    by_key = {row["key"]: row["contacts"] for row in rows}
    # The one place to start: independent client support, else the Wmo desk.
    start = next(
        (c for c in [*by_key["support"], *by_key["wmo"]] if c.reachable),
        _organization_contact(municipality),
    )
    return {
        "municipality": municipality,
        "language": language,
        "texts": texts(language),
        "rows": rows,
        "start": start,
        "region_contact": _organization_contact(region_team) if region_team else None,
        "finder_url": finder_url,
        "made_on": timezone.localdate(),
    }
