"""What the criteria pages share: the region in links, a criterion's address,
the data versions and what is remembered under them, and status labels."""

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


#: A cached part of a criteria page (toolbox_site/freshness.py): the criteria and the
#: organizations' names, in the page's region or municipality.
page_part = freshness.parts_for("criteria", "toolbox_site")


def remembered(name, region, vary, compute):
    """``compute()``, kept like a cached part: for the little that a page needs
    outside its cached part."""
    return freshness.cached(page_part(name, region=region, vary=vary), compute)


def filters_valid(name, request, page, region=None):
    """Whether the page's GET filters were valid, without building the page when
    the answer is known. Only asked when there are filters (a warning says they
    were ignored; messages cannot be part of a cached fragment)."""
    part = page_part(f"valid-{name}", request, region)
    return freshness.cached(part, lambda: bool(page["valid"]))


def labels(choices):
    return {value: str(capfirst(label)) for value, label in choices}
