"""Every page in the inventory answers as it should, and makes the same number of
queries whatever the amount of data behind it."""

from importlib import import_module

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client

from monitoring import reading
from toolbox_site import data_scope
from toolbox_site.audit import log_action
from toolbox_site.models import Membership

from ..factories import make_organization, make_user
from ..inventory import PAGES

# Each app may add ``tests/<app>/bulk.py`` with ``add_bulk_data(region, cast)``.
BULK_MODULES = [
    "tests.network.bulk",
    "tests.finder.bulk",
    "tests.criteria.bulk",
    "tests.monitoring.bulk",
    "tests.documents.bulk",
    "tests.practice.bulk",
]


EXTRA_MUNICIPALITIES = 4


def add_bulk_data(region, cast):
    """More organizations and memberships, so growing lists would show (a query a row
    shows as well with four more as with eighty); then each app's own bulk data."""
    for number in range(EXTRA_MUNICIPALITIES):
        organization = make_organization(region, f"Extra gemeente {number}")
        log_action(None, organization, "toolbox_site.organization.changed")
        make_user(organization=organization, role=Membership.Role.VIEWER)
        for user in cast.values():
            Membership.objects.create(
                user=user, organization=organization, role=Membership.Role.VIEWER
            )
    for name in BULK_MODULES:
        try:
            module = import_module(name)
        except ModuleNotFoundError as error:
            if not name.startswith(error.name):  # a missing import inside the module
                raise
            continue
        module.add_bulk_data(region, cast)


def fresh_caches():
    """The page parts and rate limits of the request before: gone, so both sizes of
    data are measured on a cache that holds nothing yet."""
    for alias in ("default", "limits"):
        caches[alias].clear()
    reading._STRUCTURES.clear()  # a report's format, kept per process once read


# The apps whose code takes a path of its own on PostgreSQL (search's full text).
POSTGRESQL_PATHS = ("search:",)


def sizes(page):
    """Both sizes on SQLite. On PostgreSQL the count is asserted with little data only,
    since whether it grows with the data is the ORM's doing and the same on both; except
    for the pages whose code takes a path of its own there. This halves the test's time
    on PostgreSQL (making the bulk data is most of it)."""
    if connection.vendor == "postgresql" and not page.name.startswith(POSTGRESQL_PATHS):
        return ("little data",)
    return ("little data", "much data")


@pytest.mark.parametrize("page", PAGES, ids=[page.id for page in PAGES])
def test_the_query_count_does_not_grow_with_data(
    cast, twente, page, django_assert_num_queries, request, monkeypatch
):
    """The page with its own fixtures, then again after much more data was added: the
    same number of queries both times. One test for both sizes, so the fixtures are
    made once."""
    for fixture in page.fixtures:
        request.getfixturevalue(fixture)
    url = page.url()
    for size in sizes(page):
        if size == "much data":
            # Every cache is emptied before the second request, so where each bulk row
            # belongs (which data versions its save raises) need not be worked out.
            with monkeypatch.context() as patched:
                patched.setattr(data_scope, "places", lambda *args, **kwargs: None)
                add_bulk_data(twente, cast)
            fresh_caches()
        client = Client()
        if page.user:
            client.force_login(cast[page.user])
        # Logged in: session, data versions, user, then the page's own (see inventory.py).
        with django_assert_num_queries(page.queries_on(connection.vendor), info=size):
            response = client.get(url)
        # Both sizes: the page answers as the inventory says (200, or a redirect, a 403).
        assert response.status_code == page.status, size
        if response.streaming:  # a file: read to its end, which closes it (and its handle)
            b"".join(response.streaming_content)
