"""What the site search finds in the documents (search/registry.py): the documents the
visitor may read, by title and summary."""

from django.utils.translation import gettext_lazy as _

from search import registry

from .models import Document

# Written out in migration 0003_search_index as well: change both together.
FIELDS = registry.Fields(titles=("title",), texts=("summary",), hit=("slug",))


def documents(user, query):
    rows, total = query.find(Document.objects.for_user(user), FIELDS)
    return [
        registry.Hit(row.search_title, row.get_absolute_url(), row.search_summary) for row in rows
    ], total


def register():
    registry.add(_("Documents"), documents, order=60)
