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


@pytest.fixture
def reference_lists(db):
    """The reference lists (already there from the data migration, unless flushed)."""
    taxonomy.load()


@pytest.fixture
def regional_services(reference_lists, enschede, hengelo, menzis, ggd):
    return seed_regional(menzis, ggd, [enschede, hengelo])


@pytest.fixture
def enschede_network(regional_services, enschede):
    return seed_municipality(enschede, regional_services, index=3)


@pytest.fixture
def hengelo_network(regional_services, hengelo):
    return seed_municipality(hengelo, regional_services, index=6)


@pytest.fixture
def network(enschede_network, hengelo_network):
    return {"enschede": enschede_network, "hengelo": hengelo_network}
