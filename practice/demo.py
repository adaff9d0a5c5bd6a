"""Twente demo data for the practice exchange: a few examples of Twente municipalities,
one of them the Wmo→Wlz hand-over pilot with the care office. The texts are in
data/demo.json; criteria (by code, in the region's published framework) and roles
(by slug) are linked by their natural keys. Idempotent (``manage.py seed_demo``)."""

import datetime
import json
from pathlib import Path

from django.utils import timezone

from criteria.models import Criterion, Framework
from network import taxonomy
from network.models import Role
from toolbox_site.models import Region

from .models import PracticeExample
from .services import unique_slug

DATA = json.loads((Path(__file__).parent / "data" / "demo.json").read_text(encoding="utf-8"))


def seed_examples(region, rows=None):
    """The demo's examples of the region's municipalities that exist (the test suite
    has only a few of them); returns the number created."""
    taxonomy.load()
    criteria = {
        criterion.code: criterion
        for criterion in Criterion.objects.filter(
            framework__region=region, framework__status=Framework.Status.PUBLISHED
        )
    }
    roles = {role.slug: role for role in Role.objects.all()}
    organizations = {organization.slug: organization for organization in region.organizations.all()}
    now = timezone.now()
    created = 0
    for row in DATA["examples"] if rows is None else rows:
        municipality = organizations.get(row["municipality"])
        if municipality is None:
            continue
        if PracticeExample.objects.filter(municipality=municipality, title=row["title"]).exists():
            continue
        days = row["published_days_ago"]
        example = PracticeExample.objects.create(
            title=row["title"],
            slug=unique_slug(row["title"]),
            municipality=municipality,
            pillar=PracticeExample.Pillar(row["pillar"]),
            what_was_done=row["what_was_done"],
            what_it_brought=row["what_it_brought"],
            contact_organization=organizations.get(row["contact_organization"]),
            published=row["published"],
            published_at=now - datetime.timedelta(days=days) if days is not None else None,
        )
        example.criteria.set(criteria[code] for code in row["criteria"] if code in criteria)
        example.roles.set(roles[slug] for slug in row["roles"])
        created += 1
    return created


def seed():
    region = Region.objects.get(slug=DATA["region"])
    created = seed_examples(region)
    total = PracticeExample.objects.filter(municipality__region=region).count()
    return f"{total} practice examples ({created} new)"


def scale_rows():
    """The demo's examples, for the scale data of the benchmark (bench/scale/practice.py)."""
    return DATA["examples"]
