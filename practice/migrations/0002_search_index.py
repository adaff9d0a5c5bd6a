"""A stored text-search vector and its GIN index for the site search
(search/registry.py), on PostgreSQL only: the same fields as practice/search.py."""

from django.db import migrations

from search.registry import AddSearchIndex


class Migration(migrations.Migration):
    dependencies = [
        ("practice", "0001_initial"),
    ]

    operations = [
        AddSearchIndex(
            "practiceexample",
            "practiceexample_search",
            ("title",),
            ("what_was_done", "what_it_brought"),
        ),
    ]
