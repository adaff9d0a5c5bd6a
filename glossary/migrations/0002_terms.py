"""The glossary's terms (glossary/data/terms.json at the time), from the copy frozen
beside this migration (data/0002_terms.json); the loader a copy of glossary/terms.py.
Only adds what is missing, so terms coordinators changed are kept."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).parent / "data" / "0002_terms.json"


def load(apps, schema_editor):
    Term = apps.get_model("glossary", "Term")
    existing = set(Term.objects.values_list("slug", flat=True))
    for row in json.loads(DATA.read_text(encoding="utf-8"))["terms"]:
        if row["slug"] not in existing:
            Term.objects.create(
                slug=row["slug"],
                name=row["name"],
                also=", ".join(row["also"]),
                explanation=row["explanation"],
                name_en=row["name_en"],
                explanation_en=row["explanation_en"],
            )


class Migration(migrations.Migration):
    dependencies = [("glossary", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
