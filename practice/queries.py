"""What other pages show of the practice exchange: the examples of a municipality
(or their number), those of a criterion. Each is one query. The number and the
criterion's examples are kept under the practice data's versions
(toolbox_site/freshness.py): the network map and the criterion page show them outside
their own cached parts. The municipality's page keeps its list inside its own part."""

from toolbox_site import freshness
from toolbox_site.addresses import slug_prefix
from toolbox_site.choices import Pillar
from toolbox_site.permissions import visibility_key

from .models import PracticeExample
from .rules import is_member

# What a short list of examples needs.
LIST_FIELDS = (
    "title",
    "slug",
    "pillar",
    "published",
    "published_at",
    "municipality__name",
    "municipality__slug",
)


def _rows(queryset):
    prefix = slug_prefix("practice:detail")
    pillars = dict(Pillar.choices)
    return [
        {
            "title": row["title"],
            "url": f"{prefix}{row['slug']}/",
            "municipality": row["municipality__name"],
            "municipality_slug": row["municipality__slug"],
            "published": row["published"],
            "published_at": row["published_at"],
            "pillar": str(pillars.get(row["pillar"], row["pillar"])),
        }
        for row in queryset.values(*LIST_FIELDS)
    ]


def examples_for_municipality(user, municipality):
    """The examples of ``municipality`` the user may read (its members also see its
    drafts), newest first, as dicts (title, url, municipality, published,
    published_at, pillar). None for an anonymous visitor: members only."""
    if not user.is_authenticated:
        return []
    return _rows(
        PracticeExample.objects.for_user(user)
        .filter(municipality=municipality)
        .order_by("-published", "-published_at", "-created_at")
    )


def example_count_for_municipality(user, municipality):
    """The number of examples of ``municipality`` the user may read, as
    :func:`examples_for_municipality` lists them: for the line on the network map,
    which shows only how many there are. 0 for an anonymous visitor."""
    if not user.is_authenticated:
        return 0
    part = freshness.part(
        "practice-municipality-count",
        "practice",
        municipality=municipality,
        vary=(municipality.pk, visibility_key(user)),
    )
    return freshness.cached(
        part,
        lambda: PracticeExample.objects.for_user(user).filter(municipality=municipality).count(),
    )


def examples_for_criterion(user, criterion):
    """The published examples linked to ``criterion`` (to the criterion of the same
    code in its region's frameworks: a new framework version keeps them), newest
    first, as dicts like :func:`examples_for_municipality`. Members only."""
    if not is_member(user):
        return []
    region_id = criterion.framework.region_id
    part = freshness.part(
        "practice-criterion",
        "practice",
        "toolbox_site",
        region=region_id,
        vary=(criterion.code,),
    )
    linked = PracticeExample.criteria.through.objects.filter(
        criterion__code=criterion.code, criterion__framework__region_id=region_id
    ).values("practiceexample_id")
    return freshness.cached(
        part,
        lambda: _rows(
            PracticeExample.objects.published().filter(pk__in=linked).order_by("-published_at")
        ),
    )
