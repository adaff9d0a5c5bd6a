"""The network's reference lists as they were when this migration was written.

The data is frozen beside the migration (data/0002_reference_data.json) and the
loader is a copy, so later changes to network/taxonomy.py or its data file never
change what this migration does.
"""

import json
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).parent / "data" / "0002_reference_data.json"


def load_reference_data(apps, schema_editor):
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    Law = apps.get_model("network", "Law")
    LifeDomain = apps.get_model("network", "LifeDomain")
    TargetGroup = apps.get_model("network", "TargetGroup")
    RoleCategory = apps.get_model("network", "RoleCategory")
    Role = apps.get_model("network", "Role")
    Step = apps.get_model("network", "Step")
    created = 0

    laws = {}
    for order, law in enumerate(data["laws"], start=1):
        laws[law["slug"]], new = Law.objects.get_or_create(
            slug=law["slug"],
            defaults={
                "name": law["name"],
                "abbreviation": law["abbreviation"],
                "description": law["description"],
                "order": order,
            },
        )
        created += new
    for model, rows in ((LifeDomain, data["life_domains"]), (TargetGroup, data["target_groups"])):
        for order, row in enumerate(rows, start=1):
            created += model.objects.get_or_create(
                slug=row["slug"], defaults={"name": row["name"], "order": order}
            )[1]
    categories = {}
    for order, category in enumerate(data["role_categories"], start=1):
        categories[category["code"]], new = RoleCategory.objects.get_or_create(
            slug=category["slug"],
            defaults={
                "code": category["code"],
                "name": category["name"],
                "description": category["description"],
                "order": order,
            },
        )
        created += new
    for order, row in enumerate(data["roles"], start=1):
        role, new = Role.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "category": categories[row["category"]],
                "name": row["name"],
                "order": order,
                "formality": row["formality"],
                "description": row["does"],
                "does_not": row["does_not"],
                "adds": row["adds"],
                "gives_support": "U" in row["functions"],
                "spots_and_refers": "V" in row["functions"],
                "decides_access": "T" in row["functions"],
            },
        )
        if new:
            role.laws.set([laws[law] for law in row["laws"]])
        created += new
    for step in data["steps"]:
        created += Step.objects.get_or_create(
            slug=step["slug"],
            defaults={
                "number": step["number"],
                "title": step["title"],
                "guidance": step["guidance"],
                "deliverables": step["deliverables"],
            },
        )[1]


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load_reference_data, migrations.RunPython.noop),
    ]
