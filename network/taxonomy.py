"""The reference lists of the network map, from the region's domain facts.

The lists themselves are data: ``network/data/taxonomy.json`` (laws, life domains,
target groups, role categories, roles and the step plan). Loaded by ``network.demo.seed``
and the tests, so a flushed database gets them back; the data migration
``0002_reference_data`` loads a frozen copy of its own. Coordinators refine the
texts in the admin; loading again only adds what is missing and never overwrites
their edits.
"""

import json
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "taxonomy.json"
DATA = json.loads(DATA_FILE.read_text(encoding="utf-8"))
LAWS = DATA["laws"]
LIFE_DOMAINS = DATA["life_domains"]
TARGET_GROUPS = DATA["target_groups"]
ROLE_CATEGORIES = DATA["role_categories"]
ROLES = DATA["roles"]
STEPS = DATA["steps"]


def load(apps=None, data=DATA):
    """Create what is missing of the reference lists; never overwrite edits.

    ``apps`` is the migration state's app registry, or None for the live models.
    Returns the number of rows created.
    """
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
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
    return created
