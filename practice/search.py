"""What the site search finds in the practice exchange (search/registry.py): the
examples the visitor may read (members only), by title and what was done and brought."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from search import registry

from .models import PracticeExample

# Written out in migration 0002_search_index as well: change both together.
FIELDS = registry.Fields(
    titles=("title",), texts=("what_was_done", "what_it_brought"), hit=("slug",)
)


def examples(user):
    return registry.Source(PracticeExample.objects.for_user(user), FIELDS, example_hit)


def example_hit(row):
    url = reverse("practice:detail", kwargs={"slug": row.slug})
    return registry.Hit(row.title, url, row.summary)


def register():
    registry.add(_("Practice examples"), examples, order=65)
