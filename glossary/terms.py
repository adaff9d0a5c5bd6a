"""The glossary's terms as data: ``glossary/data/terms.json``.

Loaded by the data migration ``0002_terms`` (from its own frozen copy) and the tests;
coordinators refine them in the admin. Loading again only adds what is missing."""

import json
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "terms.json"


def read(path=DATA_FILE):
    return json.loads(Path(path).read_text(encoding="utf-8"))["terms"]


def load(apps=None, rows=None):
    """Create the terms that are missing; returns how many were created."""
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    Term = apps.get_model("glossary", "Term")
    existing = set(Term.objects.values_list("slug", flat=True))
    created = 0
    for row in read() if rows is None else rows:
        if row["slug"] in existing:
            continue
        # One by one, not in bulk: a save raises the glossary's data version.
        Term.objects.create(
            slug=row["slug"],
            name=row["name"],
            also=", ".join(row["also"]),
            explanation=row["explanation"],
            name_en=row["name_en"],
            explanation_en=row["explanation_en"],
        )
        created += 1
    return created
