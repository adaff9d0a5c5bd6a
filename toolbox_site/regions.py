"""Which region a page that spans municipalities shows.

Nothing assumes there is only one region. A page shows the region chosen with
``?regio=<slug>``, else the logged-in user's own region (where they coordinate,
else where they are a member), else the site's default region
(``settings.DEFAULT_REGION``), else the first region; with all regions for the
region choice (:func:`all_regions`).
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404

from . import freshness
from .models import Organization, Region
from .permissions import access_for

REGION_PARAMETER = "regio"


@dataclass(frozen=True)
class RegionChoice:
    region: Region | None  # None only when there is no region at all
    regions: list  # every region, for the choice (shown where there are several)
    unknown: bool = False  # an unknown slug was asked for; the page says so

    @property
    def several(self):
        return len(self.regions) > 1


def region_for(request, parameter=REGION_PARAMETER):
    regions = all_regions(request.user)
    by_slug = {region.slug: region for region in regions}
    by_id = {region.pk: region for region in regions}
    asked = request.GET.get(parameter, "")
    if asked in by_slug:
        return RegionChoice(by_slug[asked], regions)
    access = access_for(request.user)
    own = sorted(access.coordinated_regions) or sorted(access.member_regions)
    region = (
        next((by_id[pk] for pk in own if pk in by_id), None)
        or by_slug.get(settings.DEFAULT_REGION)
        or (regions[0] if regions else None)
    )
    return RegionChoice(region, regions, unknown=bool(asked))


def all_regions(user):
    """Every region, by name. For a logged-in user kept under the version of the data
    that belongs to no region (a region's change raises it): their request reads it
    with the versions of their own region, in one query (freshness._first_read). An
    anonymous visitor's first read cannot know the region yet, so for them the
    query is cheaper than a second read of versions."""

    def read():
        return list(Region.objects.order_by("name"))

    if not user.is_authenticated:
        return read()
    return freshness.cached(freshness.part("regions", "toolbox_site", shared=True), read)


def own_region_id(user):
    """The one region of the user's organizations, for the cached parts of pages that
    show their own data (toolbox_site/freshness.py); None, the whole country, for who
    belongs to several regions or to none."""
    access = access_for(user)
    regions = access.coordinated_regions | access.member_regions
    return next(iter(regions)) if len(regions) == 1 else None


def municipality_or_404(slug):
    """The municipality named in the address, with its region; 404 if there is none.
    Kept under the versions (freshness.cached_row): checked in the page's first read
    of them, which takes the municipality's own at the same time."""
    municipality = freshness.cached_row(
        "municipality",
        Organization.objects.municipalities().select_related("region").filter(slug=slug),
        lambda municipality: {"municipality": municipality},
        slug,
    )
    if municipality is None:
        raise Http404
    return municipality
