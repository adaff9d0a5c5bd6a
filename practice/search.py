"""What the site search finds in the practice exchange (search/registry.py): the
examples the visitor may read (members only), by title and what was done and brought."""

from django.utils.translation import gettext_lazy as _

from search import registry
from toolbox_site.addresses import slug_prefix

from .models import PracticeExample

# Written out in migration 0002_search_index as well: change both together.
FIELDS = registry.Fields(
    titles=("title",), texts=("what_was_done", "what_it_brought"), hit=("slug",)
)


def examples(user):
    prefix = slug_prefix("practice:detail")  # once per search, not per hit

    def example_hit(row):
        return registry.Hit(row.title, f"{prefix}{row.slug}/", row.summary)

    return registry.Source(PracticeExample.objects.for_user(user), FIELDS, example_hit)


def register():
    registry.add(_("Practice examples"), examples, order=65)
