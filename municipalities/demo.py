"""Demo data of the municipality pages (run by ``seed_demo``): named contact persons
for client support of some Twente municipalities, from data/contacts.json.
Idempotent: a municipality that has contacts keeps them."""

import json
from pathlib import Path

from toolbox_site.models import Organization

from .models import ContactPerson

DATA = Path(__file__).resolve().parent / "data" / "contacts.json"


def seed():
    rows = json.loads(DATA.read_text(encoding="utf-8"))
    municipalities = {
        municipality.slug: municipality
        for municipality in Organization.objects.municipalities().filter(
            slug__in={row["municipality"] for row in rows}
        )
    }
    having = set(
        ContactPerson.objects.filter(municipality__in=municipalities.values()).values_list(
            "municipality__slug", flat=True
        )
    )
    made = 0
    for row in rows:
        slug = row.pop("municipality")
        if slug in municipalities and slug not in having:
            ContactPerson.objects.create(municipality=municipalities[slug], **row)
            made += 1
    return f"{made} contact persons"
