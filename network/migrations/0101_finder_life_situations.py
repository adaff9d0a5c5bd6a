"""The finder's life situations as they were when this migration was written: the
data frozen beside it (data/0101_finder_life_situations.json), the loader a copy."""

import json
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).parent / "data" / "0101_finder_life_situations.json"


def load_life_situations(apps, schema_editor):
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    LifeSituation = apps.get_model("network", "LifeSituation")
    LifeDomain = apps.get_model("network", "LifeDomain")
    TargetGroup = apps.get_model("network", "TargetGroup")
    Law = apps.get_model("network", "Law")
    Role = apps.get_model("network", "Role")
    created = 0
    for order, row in enumerate(data["life_situations"], start=1):
        situation, new = LifeSituation.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "name": row["question"],
                "question": row["question"],
                "explanation": row["explanation"],
                "order": order,
                "long_term_care": row["long_term_care"],
            },
        )
        if new:
            situation.life_domains.set(LifeDomain.objects.filter(slug__in=row["life_domains"]))
            situation.target_groups.set(TargetGroup.objects.filter(slug__in=row["target_groups"]))
            situation.laws.set(Law.objects.filter(slug__in=row["laws"]))
            situation.roles.set(Role.objects.filter(slug__in=row["roles"]))
        created += new


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0100_finder_initial"),
    ]

    operations = [
        migrations.RunPython(load_life_situations, migrations.RunPython.noop),
    ]
