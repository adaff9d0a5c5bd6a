"""Every page in the inventory answers as it should, and makes the same number of
queries whatever the amount of data behind it."""

from importlib import import_module

import pytest

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


def add_bulk_data(region, cast):
    """Many more organizations and memberships, so growing lists would show;
    then each app's own bulk data."""
    for number in range(25):
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


def client_for(client, cast, username):
    if username:
        client.force_login(cast[username])
    return client


@pytest.mark.parametrize("bulk", [False, True], ids=["little data", "much data"])
@pytest.mark.parametrize("page", PAGES, ids=[page.id for page in PAGES])
def test_the_query_count_does_not_grow_with_data(
    client, cast, twente, page, bulk, django_assert_num_queries, request
):
    for fixture in page.fixtures:
        request.getfixturevalue(fixture)
    if bulk:
        add_bulk_data(twente, cast)
    client = client_for(client, cast, page.user)
    url = page.url()
    # Logged in: session, data versions, user, then the page's own (see inventory.py).
    with django_assert_num_queries(page.queries):
        response = client.get(url)
    # Both sizes: the page answers as the inventory says (200, or a redirect, a 403).
    assert response.status_code == page.status
    if response.streaming:  # a file: read to its end, which closes it (and its handle)
        b"".join(response.streaming_content)
