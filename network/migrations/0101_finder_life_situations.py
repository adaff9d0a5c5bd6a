from django.db import migrations


def load_life_situations(apps, schema_editor):
    from network.finder_data import load

    load(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0100_finder_initial"),
    ]

    operations = [
        migrations.RunPython(load_life_situations, migrations.RunPython.noop),
    ]
