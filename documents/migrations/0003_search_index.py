"""A stored text-search vector and its GIN index for the site search
(search/registry.py), on PostgreSQL only: the same fields as documents/search.py."""

from django.db import migrations

from search.registry import AddSearchIndex


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0002_audiences"),
    ]

    operations = [
        AddSearchIndex("document", "document_search", ("title",), ("summary",)),
    ]
