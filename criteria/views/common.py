"""What the criteria pages share: the region in links, a criterion's address,
the data versions and what is remembered under them, and status labels."""

import hashlib

from django.urls import reverse
from django.utils.text import capfirst

from toolbox_site import freshness

from ..models import (
    Framework,
)

REVIEW_SOON_DAYS = 60


RECENT_CHANGES = 10


PUBLISHED = Framework.Status.PUBLISHED


def region_query(choice):
    """``?regio=`` to keep the chosen region in links, where there are several."""
    return f"?regio={choice.region.slug}" if choice.several and choice.region else ""


def criterion_url(code, query="", prefix=None):
    # Codes match the URL converter's pattern, so no reverse() per criterion.
    return f"{prefix or reverse('criteria:index')}{code}/{query}"


def page_versions():
    """The data versions the cached parts of these pages depend on (one query):
    criteria, and the regions, municipalities and users of toolbox_site."""
    return freshness.versions("criteria", "toolbox_site")


def remembered(name, versions, parts, compute):
    """``compute()``, remembered under the data versions (like the cached fragments):
    for the little that a page needs outside its cached fragment."""
    digest = hashlib.sha256(":".join(str(part) for part in parts).encode()).hexdigest()
    return freshness.cached(f"criteria:{name}:{versions}:{digest}", compute)


def filters_valid(name, versions, request, page, region=None):
    """Whether the page's GET filters were valid, without building the page when
    the answer is known. Only asked when there are filters (a warning says they
    were ignored; messages cannot be part of a cached fragment)."""
    parts = (getattr(region, "pk", None), request.get_full_path())
    return remembered(f"valid-{name}", versions, parts, lambda: bool(page["valid"]))


def labels(choices):
    return {value: str(capfirst(label)) for value, label in choices}
