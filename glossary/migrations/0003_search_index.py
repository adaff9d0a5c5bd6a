"""A stored text-search vector and its GIN index for the site search
(search/registry.py), on PostgreSQL only: the same fields as glossary/search.py."""

from django.db import migrations

from search.registry import AddSearchIndex


class Migration(migrations.Migration):
    dependencies = [
        ("glossary", "0002_terms"),
    ]

    operations = [
        AddSearchIndex(
            "term", "term_search", ("name", "also", "name_en"), ("explanation", "explanation_en")
        ),
    ]
