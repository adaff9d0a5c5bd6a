"""What the site search finds in the documents (search/registry.py): the documents the
visitor may read, by title and summary."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from search import registry

from .models import Document

# Written out in migration 0003_search_index as well: change both together.
FIELDS = registry.Fields(titles=("title",), texts=("summary",), hit=("slug",))


def documents(user):
    return registry.Source(Document.objects.for_user(user), FIELDS, document_hit)


def document_hit(row):
    url = reverse("documents:detail", kwargs={"slug": row.slug})
    return registry.Hit(row.title, url, row.summary)


def register():
    registry.add(_("Documents"), documents, order=60)
