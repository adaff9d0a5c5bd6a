"""Fixtures for the network app, registered for the whole suite (``pytest_plugins``
in tests/conftest.py), because the inventory's pages name them and the page,
query-count and browser tests live outside tests/network.

The network of the cast: the demo's network for Enschede and Hengelo, built
with the same functions as ``network.demo`` (and the same municipality index,
so the same roles are left out), so inventory pages resolve alike against the
demo data in the benchmark."""

import pytest

from network import taxonomy
from network.demo import seed_municipality, seed_regional

from . import once

# Built once for a module that uses it (tests/network/once.py).
module_network = once.module_network


@pytest.fixture
def reference_lists(db, request):
    """The reference lists (already there from the data migration, unless flushed)."""
    if once.kept(request) is None:
        taxonomy.load()


@pytest.fixture
def regional_services(request, reference_lists, enschede, hengelo, menzis, ggd):
    kept = once.services(request, "regional")
    return kept if kept is not None else seed_regional(menzis, ggd, [enschede, hengelo])


def _municipality_network(request, key, regional_services, municipality):
    kept = once.services(request, key)
    if kept is not None:
        return kept
    return seed_municipality(municipality, regional_services, index=once.NETWORK_INDEX[key])


@pytest.fixture
def enschede_network(request, regional_services, enschede):
    return _municipality_network(request, "enschede", regional_services, enschede)


@pytest.fixture
def hengelo_network(request, regional_services, hengelo):
    return _municipality_network(request, "hengelo", regional_services, hengelo)


@pytest.fixture
def network(enschede_network, hengelo_network):
    return {"enschede": enschede_network, "hengelo": hengelo_network}
