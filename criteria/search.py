"""What the site search finds in the criteria app (search/registry.py): the criteria of
the current published framework and the trainings, of the visitor's region."""

from django.utils.translation import gettext_lazy as _

from search import registry

from .models import Criterion, Framework, Training

# Written out in migration 0002_search_indexes as well: change both together.
CRITERION_FIELDS = registry.Fields(
    titles=("code", "title"),
    texts=("explanation",),
    title="title",
    hit=("code", "framework__region__slug"),
)
TRAINING_FIELDS = registry.Fields(titles=("title",), texts=("description",), hit=("slug",))


def criteria(user, query):
    rows, total = query.find(
        Criterion.objects.filter(framework__status=Framework.Status.PUBLISHED)
        .filter(registry.in_home_region(user, "framework__region"))
        .select_related("framework__region"),
        CRITERION_FIELDS,
    )
    return [
        registry.Hit(
            row.search_title,
            f"{row.get_absolute_url()}?regio={row.framework.region.slug}",
            row.search_summary,
            detail=row.code,
        )
        for row in rows
    ], total


def trainings(user, query):
    rows, total = query.find(
        Training.objects.filter(registry.in_home_region(user, "region")), TRAINING_FIELDS
    )
    return [
        registry.Hit(row.search_title, row.get_absolute_url(), row.search_summary) for row in rows
    ], total


def register():
    registry.add(_("Quality criteria"), criteria, order=10)
    registry.add(_("Training"), trainings, order=20)
