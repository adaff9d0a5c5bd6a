"""The data versions as one row a scope with a counter per app (toolbox_site/freshness.py),
instead of one row a counter: a page's first read took 25 of the national 3,600 rows,
enough for PostgreSQL to scan them all; now it takes about five rows by primary key.
The counters keep their numbers, so no cached part is built from numbers used before."""

from django.db import migrations, models

APPS = ("toolbox_site", "network", "finder", "criteria", "monitoring")
NATIONAL = "all"


def to_scopes(apps, schema_editor):
    DataVersion = apps.get_model("toolbox_site", "DataVersion")
    ScopeVersions = apps.get_model("toolbox_site", "ScopeVersions")
    rows = {}
    for name, number in DataVersion.objects.values_list("name", "number").iterator():
        app, _, scope = name.partition("@")
        if app in APPS:
            rows.setdefault(scope or NATIONAL, {})[app] = number
    ScopeVersions.objects.bulk_create(
        ScopeVersions(scope=scope, **numbers) for scope, numbers in rows.items()
    )


def to_names(apps, schema_editor):
    DataVersion = apps.get_model("toolbox_site", "DataVersion")
    ScopeVersions = apps.get_model("toolbox_site", "ScopeVersions")
    DataVersion.objects.bulk_create(
        DataVersion(name=app if row.scope == NATIONAL else f"{app}@{row.scope}", number=number)
        for row in ScopeVersions.objects.iterator()
        for app in APPS
        if (number := getattr(row, app))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("toolbox_site", "0005_session"),
    ]

    operations = [
        migrations.CreateModel(
            name="ScopeVersions",
            fields=[
                ("scope", models.CharField(max_length=20, primary_key=True, serialize=False)),
                ("toolbox_site", models.PositiveBigIntegerField(default=0)),
                ("network", models.PositiveBigIntegerField(default=0)),
                ("finder", models.PositiveBigIntegerField(default=0)),
                ("criteria", models.PositiveBigIntegerField(default=0)),
                ("monitoring", models.PositiveBigIntegerField(default=0)),
            ],
            options={
                "verbose_name": "versions of a scope",
                "verbose_name_plural": "versions of the scopes",
            },
        ),
        migrations.RunPython(to_scopes, to_names),
        migrations.DeleteModel(name="DataVersion"),
    ]
