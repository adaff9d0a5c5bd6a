"""The finder becomes an app of its own: its models leave the network's state."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0102_phone_and_contact_checks"),
    ]

    # The finder's models moved to the finder app (finder/migrations/0001_initial).
    # Their tables stay as they are: this only takes them out of the network's state.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="historicallifesituation",
                    name="history_user",
                ),
                migrations.RemoveField(
                    model_name="lifesituation",
                    name="laws",
                ),
                migrations.RemoveField(
                    model_name="lifesituation",
                    name="life_domains",
                ),
                migrations.RemoveField(
                    model_name="lifesituation",
                    name="roles",
                ),
                migrations.RemoveField(
                    model_name="lifesituation",
                    name="target_groups",
                ),
                migrations.RemoveField(
                    model_name="servicereport",
                    name="closed_by",
                ),
                migrations.RemoveField(
                    model_name="servicereport",
                    name="service",
                ),
                migrations.DeleteModel(
                    name="FinderSearch",
                ),
                migrations.DeleteModel(
                    name="HistoricalLifeSituation",
                ),
                migrations.DeleteModel(
                    name="LifeSituation",
                ),
                migrations.DeleteModel(
                    name="ServiceReport",
                ),
            ],
            database_operations=[],
        ),
    ]
