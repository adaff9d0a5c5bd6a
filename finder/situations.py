"""The life situations of the resident finder, from the region's domain facts.

The situations themselves are data: ``finder/data/life_situations.json``. Loaded
by ``finder.demo.seed`` and the tests; the data migration
``network/migrations/0101_finder_life_situations`` loads a frozen copy of its own.
Coordinators refine them in the admin; loading again only adds what is missing.
"""

import json
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "life_situations.json"
DATA = json.loads(DATA_FILE.read_text(encoding="utf-8"))
SITUATIONS = DATA["life_situations"]


def load(apps=None, data=DATA):
    """Create the life situations that are missing; returns how many were created."""
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    LifeSituation = apps.get_model("finder", "LifeSituation")
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
    return created
