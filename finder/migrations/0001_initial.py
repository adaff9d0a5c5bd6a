"""The finder's models, moved from the network app with their tables and data.

The content types (and with them the permissions granted to groups and users,
and the admin's log) move along: ``network.lifesituation`` becomes
``finder.lifesituation`` with the same id, so nothing that points at it breaks.
"""

import django.db.models.deletion
import simple_history.models
import uuid
from django.conf import settings
from django.db import migrations, models


MODELS = ("lifesituation", "historicallifesituation", "servicereport", "findersearch")


def _relabel(apps, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if ContentType.objects.filter(app_label=new, model=model).exists():
            continue  # made by an earlier run of post_migrate; leave both as they are
        ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def move_content_types(apps, schema_editor):
    _relabel(apps, "network", "finder")


def move_content_types_back(apps, schema_editor):
    _relabel(apps, "finder", "network")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("network", "0103_move_finder_to_its_app"),
        ("toolbox_site", "0004_phone_and_contact_checks"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The tables already exist (network/migrations/0100_finder_initial made them
        # when the finder lived in the network app): take the models into this app's
        # state without touching the database.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="HistoricalLifeSituation",
                    fields=[
                        (
                            "id",
                            models.BigIntegerField(
                                auto_created=True, blank=True, db_index=True, verbose_name="ID"
                            ),
                        ),
                        (
                            "uuid",
                            models.UUIDField(
                                db_index=True,
                                default=uuid.uuid4,
                                editable=False,
                                verbose_name="UUID",
                            ),
                        ),
                        (
                            "name",
                            models.CharField(db_index=True, max_length=150, verbose_name="name"),
                        ),
                        ("slug", models.SlugField(max_length=150, verbose_name="slug")),
                        (
                            "order",
                            models.PositiveSmallIntegerField(default=0, verbose_name="order"),
                        ),
                        (
                            "question",
                            models.CharField(
                                help_text="Short, in the resident's words, e.g. 'I worry about money'.",
                                max_length=200,
                                verbose_name="question as a resident puts it",
                            ),
                        ),
                        (
                            "explanation",
                            models.TextField(
                                blank=True,
                                help_text="One or two short sentences at B1 level.",
                                verbose_name="explanation",
                            ),
                        ),
                        (
                            "long_term_care",
                            models.BooleanField(
                                default=False,
                                help_text="Show the route to the care office and the CIZ.",
                                verbose_name="long-term care (Wlz)",
                            ),
                        ),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                                max_length=1,
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical life situation",
                        "verbose_name_plural": "historical life situations",
                        "db_table": "network_historicallifesituation",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="LifeSituation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "uuid",
                            models.UUIDField(
                                default=uuid.uuid4, editable=False, unique=True, verbose_name="UUID"
                            ),
                        ),
                        (
                            "name",
                            models.CharField(max_length=150, unique=True, verbose_name="name"),
                        ),
                        (
                            "slug",
                            models.SlugField(max_length=150, unique=True, verbose_name="slug"),
                        ),
                        (
                            "order",
                            models.PositiveSmallIntegerField(default=0, verbose_name="order"),
                        ),
                        (
                            "question",
                            models.CharField(
                                help_text="Short, in the resident's words, e.g. 'I worry about money'.",
                                max_length=200,
                                verbose_name="question as a resident puts it",
                            ),
                        ),
                        (
                            "explanation",
                            models.TextField(
                                blank=True,
                                help_text="One or two short sentences at B1 level.",
                                verbose_name="explanation",
                            ),
                        ),
                        (
                            "long_term_care",
                            models.BooleanField(
                                default=False,
                                help_text="Show the route to the care office and the CIZ.",
                                verbose_name="long-term care (Wlz)",
                            ),
                        ),
                        (
                            "laws",
                            models.ManyToManyField(
                                blank=True,
                                related_name="life_situations",
                                to="network.law",
                                verbose_name="laws",
                            ),
                        ),
                        (
                            "life_domains",
                            models.ManyToManyField(
                                blank=True,
                                related_name="life_situations",
                                to="network.lifedomain",
                                verbose_name="life domains",
                            ),
                        ),
                        (
                            "roles",
                            models.ManyToManyField(
                                blank=True,
                                help_text="Services in these roles rank higher for this situation.",
                                related_name="life_situations",
                                to="network.role",
                                verbose_name="roles that fit best",
                            ),
                        ),
                        (
                            "target_groups",
                            models.ManyToManyField(
                                blank=True,
                                related_name="life_situations",
                                to="network.targetgroup",
                                verbose_name="target groups",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "life situation",
                        "verbose_name_plural": "life situations",
                        "db_table": "network_lifesituation",
                        "ordering": ["order", "name"],
                        "abstract": False,
                    },
                ),
                migrations.CreateModel(
                    name="ServiceReport",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "uuid",
                            models.UUIDField(
                                default=uuid.uuid4, editable=False, unique=True, verbose_name="UUID"
                            ),
                        ),
                        (
                            "reason",
                            models.CharField(
                                choices=[
                                    ("verouderd", "The information is out of date"),
                                    ("gestopt", "This service no longer exists"),
                                    ("contact", "The phone number, e-mail or address is wrong"),
                                    ("anders", "Something else"),
                                ],
                                max_length=20,
                                verbose_name="what is wrong",
                            ),
                        ),
                        (
                            "text",
                            models.TextField(
                                blank=True, max_length=1000, verbose_name="explanation"
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[("open", "open"), ("closed", "closed")],
                                db_index=True,
                                default="open",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="received"),
                        ),
                        (
                            "closing_note",
                            models.TextField(blank=True, verbose_name="note on closing"),
                        ),
                        (
                            "led_to_change",
                            models.BooleanField(
                                default=False, verbose_name="led to a change of the entry"
                            ),
                        ),
                        (
                            "closed_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="closed"),
                        ),
                        (
                            "closed_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="closed by",
                            ),
                        ),
                        (
                            "service",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="reports",
                                to="network.service",
                                verbose_name="service",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "report about a service",
                        "verbose_name_plural": "reports about services",
                        "db_table": "network_servicereport",
                        "ordering": ["-created_at"],
                    },
                ),
                migrations.CreateModel(
                    name="FinderSearch",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "age_group",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("kind", "a child or young person (under 18)"),
                                    ("volwassene", "an adult (18 to 65)"),
                                    ("oudere", "an older person (65 or older)"),
                                ],
                                max_length=20,
                                verbose_name="age group",
                            ),
                        ),
                        (
                            "preference",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("vrijwilliger", "a volunteer"),
                                    ("beroepskracht", "a professional"),
                                ],
                                max_length=20,
                                verbose_name="preference",
                            ),
                        ),
                        (
                            "language",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("Engels", "English"),
                                    ("Turks", "Turkish"),
                                    ("Arabisch", "Arabic"),
                                    ("Pools", "Polish"),
                                    ("Tigrinya", "Tigrinya"),
                                    ("Duits", "German"),
                                    ("Nederlandse Gebarentaal", "Dutch Sign Language"),
                                ],
                                max_length=40,
                                verbose_name="language",
                            ),
                        ),
                        (
                            "result_count",
                            models.PositiveIntegerField(verbose_name="number of results"),
                        ),
                        (
                            "independent_found",
                            models.BooleanField(verbose_name="independent client support found"),
                        ),
                        ("date", models.DateField(db_index=True, verbose_name="date")),
                        (
                            "municipality",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="finder_searches",
                                to="toolbox_site.organization",
                                verbose_name="municipality",
                            ),
                        ),
                        (
                            "situation",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="searches",
                                to="finder.lifesituation",
                                verbose_name="life situation",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "finder search",
                        "verbose_name_plural": "finder searches",
                        "db_table": "network_findersearch",
                        "ordering": ["-date"],
                        "indexes": [
                            models.Index(
                                fields=["municipality", "date"],
                                name="network_fin_municip_4a66fa_idx",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back, elidable=False),
    ]
