"""The cast: two municipalities, the care office and the region team of Twente,
and a region team elsewhere, with one user for each role we test."""

import pytest
from django.utils import translation
from hypothesis import HealthCheck, settings

from toolbox_site import freshness
from toolbox_site.models import Membership, Organization, Region

from .factories import make_cast_organization, make_organization, make_region, make_user
from .network import once

# Fixtures of the pillar apps that the shared harnesses (inventory, permission matrix) name.
pytest_plugins = [
    "tests.network.fixtures",
    "tests.finder.fixtures",
    "tests.criteria.fixtures",
    "tests.monitoring.fixtures",
    "tests.municipalities.fixtures",
    "tests.documents.fixtures",
    "tests.practice.fixtures",
    "tests.callbacks.fixtures",
]

# Property-based tests (hypothesis): no example database on disk, no deadline (CI
# machines are slow and shared); function-scoped fixtures such as ``client`` and
# ``db`` are shared by the examples of one test on purpose.
settings.register_profile(
    "toolbox",
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile("toolbox")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Under ``--dist loadgroup`` a test worker finds every ``xdist_group`` test renamed
    ``…@group`` (that is how pytest-xdist keeps a group on one worker). If an upgrade
    breaks this, the groups' data would be loaded on every worker: stop at once."""
    if not getattr(config.option, "loadgroup", False):
        return
    for item in items:
        if item.get_closest_marker("xdist_group") and "@" not in item.nodeid:
            raise pytest.UsageError(
                f"{item.nodeid} is not kept with its xdist_group: pytest and pytest-xdist "
                "no longer agree on node ids (see pyproject.toml)."
            )


@pytest.fixture(autouse=True)
def dutch():
    """Tests run with Dutch active, like the site."""
    with translation.override("nl"):
        yield


# Every test runs in a transaction that is never committed: raise data versions at
# the next read, not on commit, so cached parts follow the data within a test.
freshness.DEFER = False


@pytest.fixture
def django_assert_num_queries(django_assert_num_queries):
    """pytest-django's, after raising the versions of the writes made before it (the
    suite raises them at the next read: tests/conftest.py, freshness.DEFER)."""

    def assert_num_queries(*args, **kwargs):
        freshness.flush()
        return django_assert_num_queries(*args, **kwargs)

    return assert_num_queries


@pytest.fixture(autouse=True)
def empty_cache():
    """Page parts and rate limits (password reset) are cached: every test starts empty."""
    from django.core.cache import caches

    for alias in ("default", "limits"):
        caches[alias].clear()
    freshness._unraised.clear()  # another test's writes, never read
    freshness._lookups.clear()
    yield
    for alias in ("default", "limits"):
        caches[alias].clear()


@pytest.fixture
def twente(db, request):
    if kept := once.kept(request):
        return Region.objects.get(pk=kept["region"])
    return make_region("Twente")


def _cast_organization(request, twente, key):
    if kept := once.kept(request):
        return Organization.objects.get(pk=kept["organizations"][key])
    return make_cast_organization(twente, key)


@pytest.fixture
def enschede(request, twente):
    return _cast_organization(request, twente, "enschede")


@pytest.fixture
def hengelo(request, twente):
    return _cast_organization(request, twente, "hengelo")


@pytest.fixture
def menzis(request, twente):
    return _cast_organization(request, twente, "menzis")


@pytest.fixture
def ggd(request, twente):
    return _cast_organization(request, twente, "ggd")


@pytest.fixture
def elsewhere(db):
    """A municipality and region team in another region."""
    region = make_region("Achterhoek")
    return make_organization(region, "Winterswijk", cbs_code="GM0294", inhabitants=29000)


@pytest.fixture
def enschede_editor(enschede):
    return make_user("enschede.editor", enschede, Membership.Role.EDITOR)


@pytest.fixture
def enschede_viewer(enschede):
    return make_user("enschede.viewer", enschede, Membership.Role.VIEWER)


@pytest.fixture
def hengelo_editor(hengelo):
    return make_user("hengelo.editor", hengelo, Membership.Role.EDITOR)


@pytest.fixture
def menzis_adviser(menzis):
    return make_user("menzis.adviser", menzis, Membership.Role.EDITOR)


@pytest.fixture
def coordinator(ggd):
    return make_user("twente.coordinator", ggd, Membership.Role.COORDINATOR, is_staff=True)


@pytest.fixture
def cast(enschede_editor, enschede_viewer, hengelo_editor, menzis_adviser, coordinator):
    return {
        "enschede.editor": enschede_editor,
        "enschede.viewer": enschede_viewer,
        "hengelo.editor": hengelo_editor,
        "menzis.adviser": menzis_adviser,
        "twente.coordinator": coordinator,
    }


@pytest.fixture
def audit_events(cast, enschede, hengelo):
    """A few entries of the audit trail (/audit/) in Twente."""
    from toolbox_site.audit import log_action

    editor = cast["enschede.editor"]
    log_action(
        editor,
        enschede,
        "toolbox_site.organization.changed",
        {"changes": {"phone": {"old": "053 481 00 00", "new": "053 481 11 11"}}},
    )
    log_action(cast["hengelo.editor"], hengelo, "toolbox_site.organization.changed")
    log_action(cast["twente.coordinator"], enschede, "toolbox_site.organization.changed")
