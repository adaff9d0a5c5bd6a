"""What the site search finds in the criteria app (search/registry.py): the criteria of
the current published framework and the trainings, of the visitor's region."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from search import registry
from toolbox_site.addresses import slug_prefix

from .models import Criterion, Framework, Training

# Written out in migration 0002_search_indexes as well: change both together.
CRITERION_FIELDS = registry.Fields(
    titles=("code", "title"),
    texts=("explanation",),
    title="title",
    hit=("code", "framework__region__slug"),
)
TRAINING_FIELDS = registry.Fields(titles=("title",), texts=("description",), hit=("slug",))


def criteria(user):
    return registry.Source(
        Criterion.objects.filter(framework__status=Framework.Status.PUBLISHED).filter(
            registry.in_home_region(user, "framework__region")
        ),
        CRITERION_FIELDS,
        criterion_hit,
    )


def criterion_hit(row):
    page = reverse("criteria:detail", kwargs={"code": row.code})
    return registry.Hit(
        row.title, f"{page}?regio={row.framework_region_slug}", row.summary, detail=row.code
    )


def trainings(user):
    prefix = slug_prefix("training:detail")  # once per search, not per hit

    def training_hit(row):
        return registry.Hit(row.title, f"{prefix}{row.slug}/", row.summary)

    return registry.Source(
        Training.objects.filter(registry.in_home_region(user, "region")),
        TRAINING_FIELDS,
        training_hit,
    )


def register():
    registry.add(_("Quality criteria"), criteria, order=10)
    registry.add(_("Training"), trainings, order=20)
