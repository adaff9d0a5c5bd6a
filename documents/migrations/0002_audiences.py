"""The four audiences a document can be for (documents.models.AudienceChoice at the
time, frozen here)."""

from django.db import migrations

CODES = ["municipality", "care_office", "residents", "client_supporters"]


def add(apps, schema_editor):
    Audience = apps.get_model("documents", "Audience")
    for code in CODES:
        Audience.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
