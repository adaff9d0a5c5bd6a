"""Stored text-search vectors and their GIN indexes for the site search
(search/registry.py), on PostgreSQL only: the same fields as network/search.py."""

from django.db import migrations

from search.registry import AddSearchIndex


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0104_service_active_by_name"),
    ]

    operations = [
        AddSearchIndex("service", "service_search", ("name",), ("description",)),
        AddSearchIndex("role", "role_search", ("name",), ("description",)),
    ]
