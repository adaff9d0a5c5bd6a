"""The finder left the network app with its tables and data: a database that had
life situations, search counts and residents' reports under the network app keeps
them all, and the permissions granted on them, after migrating forward (and its
searches are counted into the monthly tallies). Runs on
SQLite and on PostgreSQL (CI runs the suite on both)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("network", "0102_phone_and_contact_checks"), ("finder", None)]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    # The models as the migrations applied now have them.
    return MigrationExecutor(connection)._create_project_state(with_applied_migrations=True).apps


def latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.upgrade
@pytest.mark.django_db(transaction=True)
def test_rows_made_under_the_network_app_are_the_finders_after_migrating():
    old = migrate(BEFORE)
    try:
        Organization = old.get_model("toolbox_site", "Organization")
        Region = old.get_model("toolbox_site", "Region")
        Provider = old.get_model("network", "Provider")
        Role = old.get_model("network", "Role")
        Service = old.get_model("network", "Service")
        LifeSituation = old.get_model("network", "LifeSituation")
        FinderSearch = old.get_model("network", "FinderSearch")
        ServiceReport = old.get_model("network", "ServiceReport")
        ContentType = old.get_model("contenttypes", "ContentType")
        Permission = old.get_model("auth", "Permission")
        Group = old.get_model("auth", "Group")

        region = Region.objects.create(name="Oude regio", slug="oude-regio")
        town = Organization.objects.create(
            name="Oudedorp", slug="oudedorp", kind="municipality", region=region
        )
        # The reference lists may be gone: a transactional test before this one
        # flushed the database.
        RoleCategory = old.get_model("network", "RoleCategory")
        category = RoleCategory.objects.first() or RoleCategory.objects.create(
            name="Categorie", slug="categorie", code="Z"
        )
        role = Role.objects.first() or Role.objects.create(
            name="Rol", slug="rol", category=category
        )
        provider = Provider.objects.create(name="Aanbieder", maintained_by=town)
        service = Service.objects.create(
            name="Dienst", owning_organization=town, provider=provider, role=role
        )
        situation = LifeSituation.objects.create(
            name="Zorgen om geld (oud)", slug="oud-geld", question="Ik maak me zorgen"
        )
        situation.roles.add(role)
        FinderSearch.objects.create(
            municipality=town,
            situation=situation,
            result_count=0,
            independent_found=False,
            date=datetime.date(2026, 1, 2),
        )
        report = ServiceReport.objects.create(service=service, reason="contact", text="Oud")
        # A permission granted under the old label, as an installation may have done.
        ContentType.objects.filter(app_label="finder").delete()
        report_type, _ = ContentType.objects.get_or_create(
            app_label="network", model="servicereport"
        )
        permission, _ = Permission.objects.get_or_create(
            content_type=report_type, codename="view_servicereport", defaults={"name": "x"}
        )
        group = Group.objects.create(name="Meldingen lezen")
        group.permissions.add(permission)

        new = migrate(latest())

        NewSituation = new.get_model("finder", "LifeSituation")
        NewSearch = new.get_model("finder", "FinderSearch")
        NewReport = new.get_model("finder", "ServiceReport")
        NewGroup = new.get_model("auth", "Group")
        moved = NewSituation.objects.get(slug="oud-geld")
        assert list(moved.roles.values_list("pk", flat=True)) == [role.pk]
        assert NewSearch.objects.get(situation=moved).municipality_id == town.pk
        # ... and the searches so far are counted into the monthly tallies.
        tally = new.get_model("finder", "SearchTally").objects.get(situation=moved)
        assert (tally.municipality_id, tally.month) == (town.pk, datetime.date(2026, 1, 1))
        assert (tally.searches, tally.without_match) == (1, 1)
        assert NewReport.objects.get(pk=report.pk).text == "Oud"
        granted = NewGroup.objects.get(name="Meldingen lezen").permissions.get()
        assert (granted.content_type.app_label, granted.codename) == (
            "finder",
            "view_servicereport",
        )
        assert granted.content_type_id == report_type.pk
    finally:
        migrate(latest())
