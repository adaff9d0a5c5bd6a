"""What the site search finds in the documents (search/registry.py): the documents the
visitor may read, by title and summary."""

from django.utils.translation import gettext_lazy as _

from search import registry
from toolbox_site.addresses import slug_prefix

from .models import Document

# Written out in migration 0003_search_index as well: change both together.
FIELDS = registry.Fields(titles=("title",), texts=("summary",), hit=("slug",))


def documents(user):
    prefix = slug_prefix("documents:detail")  # once per search, not per hit

    def document_hit(row):
        return registry.Hit(row.title, f"{prefix}{row.slug}/", row.summary)

    return registry.Source(Document.objects.for_user(user), FIELDS, document_hit)


def register():
    registry.add(_("Documents"), documents, order=60)
