"""Cached page fragments are rebuilt as soon as the data under them changes."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from toolbox_site import freshness
from toolbox_site.models import ScopeVersions

pytestmark = pytest.mark.django_db


@pytest.fixture
def deferred(monkeypatch):
    """As in production: versions go up when the transaction commits."""
    monkeypatch.setattr(freshness, "DEFER", True)


@pytest.mark.django_db(transaction=True)
def test_a_save_raises_the_version_of_its_app_after_the_commit(deferred, enschede):
    from django.db import transaction

    before = freshness.versions("toolbox_site", "network")
    with transaction.atomic():
        enschede.name = "Enschede (gewijzigd)"
        enschede.save()
        assert freshness.versions("toolbox_site", "network") == before  # not yet
    after = freshness.versions("toolbox_site", "network")
    assert after != before
    assert after.endswith("network.0")


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_raises_nothing(deferred, enschede):
    from django.db import transaction

    before = freshness.versions("toolbox_site")
    with pytest.raises(RuntimeError), transaction.atomic():
        enschede.name = "Weg"
        enschede.save()
        raise RuntimeError
    assert freshness.versions("toolbox_site") == before


def test_many_to_many_changes_and_deletes_raise_the_version(network, enschede):
    service = network["enschede"]["oco"]
    before = freshness.versions("network")
    service.municipalities.remove(enschede)
    after_remove = freshness.versions("network")
    assert after_remove != before
    network["enschede"]["maatjes"].delete()
    assert freshness.versions("network") != after_remove


def test_a_login_changes_no_version(enschede):
    user = get_user_model().objects.create_user("iemand", password="x" * 20)
    before = freshness.versions("toolbox_site")
    user.last_login = timezone.now()
    user.save(update_fields=["last_login"])
    assert freshness.versions("toolbox_site") == before
    assert not ScopeVersions.objects.filter(network__gt=0).exists()


def test_an_edited_service_shows_on_the_map_at_once(client, cast, network):
    service = network["enschede"]["oco"]
    url = reverse("network:map", kwargs={"slug": "enschede"})
    assert service.name in client.get(url).content.decode()
    client.force_login(cast["enschede.editor"])
    assert service.name in client.get(url).content.decode()  # the editor's copy is cached too
    service.name = "Onafhankelijke cliëntondersteuning Enschede-Zuid"
    service.save()
    assert "Enschede-Zuid" in client.get(url).content.decode()
    client.logout()
    assert "Enschede-Zuid" in client.get(url).content.decode()


def test_a_new_link_between_services_shows_at_once(client, network):
    from network.models import Link

    url = reverse("network:map", kwargs={"slug": "enschede"})
    client.get(url)
    Link.objects.create(
        from_service=network["enschede"]["maatjes"],
        to_service=network["enschede"]["thuisadministratie"],
        kind="works_with",
        note="Samen op huisbezoek",
        municipality=network["enschede"]["maatjes"].municipalities.first(),
    )
    assert "Samen op huisbezoek" in client.get(url).content.decode()


CACHE_BLOCK = re.compile(r"{%\s*cached\b.*?{%\s*endcached\s*%}", re.S)


def test_no_cached_fragment_holds_a_per_request_secret():
    """A CSRF token or CSP nonce in a cached fragment would be served to others."""
    roots = [Path(settings.BASE_DIR)]
    offenders = []
    for template in sorted(roots[0].glob("*/templates/**/*.html")):
        if ".venv" in template.parts or "node_modules" in template.parts:
            continue
        for block in CACHE_BLOCK.findall(template.read_text()):
            if re.search(r"csrf_token|csp_nonce|request\.user|messages", block):
                offenders.append(str(template))
    assert offenders == []


@pytest.mark.django_db(transaction=True)
def test_many_changes_in_one_transaction_raise_the_version_once(deferred, enschede, hengelo):
    from django.db import connection, transaction

    def number():
        return ScopeVersions.objects.get(scope="all").toolbox_site

    start = number()
    with transaction.atomic():
        for organization in (enschede, hengelo, enschede):
            organization.save()
        assert len(connection.run_on_commit) == 1
    assert number() == start + 1
    with pytest.raises(RuntimeError), transaction.atomic():
        enschede.save()
        raise RuntimeError
    with transaction.atomic():  # the rolled-back queue is gone: this one queues again
        hengelo.save()
    assert number() == start + 2


def test_a_finder_search_changes_no_version(network, life_situations):
    before = freshness.versions("network", "toolbox_site")
    from finder.models import LifeSituation
    from finder.services import count_search

    count_search(  # the search and its month's tally
        network["enschede"]["oco"].municipalities.first(),
        LifeSituation.objects.first(),
        age_group="",
        preference="",
        language="",
        result_count=3,
        independent_found=True,
    )
    assert freshness.versions("network", "toolbox_site") == before


def test_a_switched_off_account_is_refused_at_the_next_request(client, cast):
    user = cast["enschede.editor"]
    client.force_login(user)
    assert client.get(reverse("account")).status_code == 200  # the user is cached now
    user.is_active = False
    user.save()
    assert client.get(reverse("account")).status_code == 302  # to the login page


def test_a_new_password_ends_the_other_sessions(client, cast):
    user = cast["enschede.editor"]
    client.force_login(user)
    assert client.get(reverse("account")).status_code == 200
    user.set_password("een heel ander wachtwoord 2026")
    user.save()
    assert client.get(reverse("account")).status_code == 302


def test_a_removed_membership_counts_at_the_next_request(client, cast, enschede):
    from toolbox_site.models import Membership

    user = cast["enschede.editor"]
    client.force_login(user)
    url = reverse("organization_edit", kwargs={"slug": "enschede"})
    assert client.get(url).status_code == 200
    Membership.objects.filter(user=user, organization=enschede).delete()
    assert client.get(url).status_code == 404


def test_freshness_is_the_only_way_to_cache():
    """No cache calls, template cache tags or hand-built keys outside freshness (and the
    rate limits' own cache in toolbox_site/security.py)."""
    root = Path(settings.BASE_DIR)
    allowed = {
        root / "toolbox_site" / name for name in ("freshness.py", "security.py", "settings.py")
    }
    offenders = []
    for app in ("toolbox_site", "network", "finder", "criteria", "monitoring", "templates"):
        for path in sorted((root / app).rglob("*")):
            if path.suffix not in (".py", ".html") or "migrations" in path.parts:
                continue
            text = path.read_text()
            if path not in allowed and re.search(
                r"django\.core\.cache|\bcaches?\[|\bcache\.(get|set|add|incr|delete)\(", text
            ):
                offenders.append(str(path))
            if re.search(r"{%\s*load[^%]*\bcache\b|{%\s*cache\s", text):
                offenders.append(str(path))
    assert offenders == []


def test_every_app_has_its_counter_in_a_scope_row():
    columns = {field.name for field in ScopeVersions._meta.fields}
    assert set(freshness.APPS) <= columns


def test_a_change_raises_each_scope_row_once(enschede, hengelo):
    freshness.versions("toolbox_site")  # raises what the fixtures queued
    before = dict(ScopeVersions.objects.values_list("scope", "toolbox_site"))
    freshness._bump({"toolbox_site", "toolbox_site@m1", "network@m1", "toolbox_site@r9"})
    after = {row.scope: row for row in ScopeVersions.objects.all()}
    assert after["all"].toolbox_site == before["all"] + 1
    assert after["m1"].toolbox_site == before.get("m1", 0) + 1
    assert after["m1"].network >= 1 and after["r9"].network == 0


def test_a_page_reads_every_scope_it_shows_in_one_query(django_assert_num_queries, enschede, rf):
    freshness.flush()
    request = rf.get("/")
    freshness._request.memo, freshness._request.request = {}, request
    try:
        with django_assert_num_queries(1):
            network = freshness.versions("network", municipality=enschede)
            finder = freshness.versions("finder", region=enschede.region_id)
            national = freshness.versions("criteria", "monitoring")
    finally:
        freshness._request.memo = freshness._request.request = None
    assert network.startswith("network@*.") and f"network@m{enschede.pk}." in network
    assert finder and national


def with_old_counters(action):
    """``action(DataVersion)`` with the database as before migration 0006 (the model of
    that state), then migrated forward again; its result."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = ("toolbox_site", "0005_session")
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    try:
        state = executor.loader.project_state(before)
        return action(state.apps.get_model("toolbox_site", "DataVersion"))
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.upgrade
@pytest.mark.django_db(transaction=True)
def test_the_upgrade_keeps_every_counter(enschede):
    """Migration 0006 moves the counters to one row a scope with their numbers, so no
    part is built again from numbers used before; going back restores them."""
    names = {"network": 7, "network@m4": 3, "finder@m4": 2, "toolbox_site@*": 5, "x@r1": 9}

    def write(DataVersion):
        DataVersion.objects.all().delete()
        DataVersion.objects.bulk_create(DataVersion(name=n, number=v) for n, v in names.items())

    with_old_counters(write)
    rows = {row.scope: row for row in ScopeVersions.objects.all()}
    assert set(rows) == {"all", "m4", "*"}
    assert (rows["all"].network, rows["m4"].network, rows["m4"].finder) == (7, 3, 2)
    assert rows["*"].toolbox_site == 5 and rows["m4"].criteria == 0
    back = with_old_counters(
        lambda DataVersion: dict(DataVersion.objects.values_list("name", "number"))
    )
    assert back == {n: v for n, v in names.items() if not n.startswith("x@")}


def organization_queries(queries):
    return [q["sql"] for q in queries if 'FROM "toolbox_site_organization"' in q["sql"]]


def test_the_municipality_in_the_address_is_kept_and_read_with_its_versions(
    client, network, enschede
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("network:map", kwargs={"slug": "enschede"})
    client.get(url)
    with CaptureQueriesContext(connection) as second:
        assert enschede.name in client.get(url).content.decode()
    assert organization_queries(second.captured_queries) == []
    versions = [q for q in second.captured_queries if "scopeversions" in q["sql"]]
    assert len(versions) == 1  # the check and the page's own versions in one read


def test_a_renamed_municipality_shows_at_the_next_request(client, network, enschede):
    old = reverse("network:map", kwargs={"slug": "enschede"})
    assert client.get(old).status_code == 200
    enschede.name, enschede.slug = "Enschede-Stad", "enschede-stad"
    enschede.save()
    assert client.get(old).status_code == 404
    page = client.get(reverse("network:map", kwargs={"slug": "enschede-stad"}))
    assert "Enschede-Stad" in page.content.decode()
    enschede.region.name = "Twente-Noord"
    enschede.region.save()
    kept = freshness.cached_row(
        "municipality",
        type(enschede).objects.filter(slug="enschede-stad").select_related("region"),
        lambda row: {"municipality": row},
        "enschede-stad",
    )
    assert kept.region.name == "Twente-Noord"


def test_a_kept_row_holds_the_counter_it_was_read_with(enschede):
    from toolbox_site.models import Organization

    freshness.flush()
    row = freshness.cached_row(
        "test", Organization.objects.filter(pk=enschede.pk), lambda row: {}, enschede.pk
    )
    assert row == enschede
    assert row.freshness_guard == ScopeVersions.objects.get(scope="*").toolbox_site
    missing = freshness.cached_row(
        "test", Organization.objects.filter(slug="nergens"), lambda row: {}, "nergens"
    )
    assert missing is None
