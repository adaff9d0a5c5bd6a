"""Stored text-search vectors and their GIN indexes for the site search
(search/registry.py), on PostgreSQL only: the same fields as criteria/search.py."""

from django.db import migrations

from search.registry import AddSearchIndex


class Migration(migrations.Migration):
    dependencies = [
        ("criteria", "0001_initial"),
    ]

    operations = [
        AddSearchIndex("criterion", "criterion_search", ("code", "title"), ("explanation",)),
        AddSearchIndex("training", "training_search", ("title",), ("description",)),
    ]
