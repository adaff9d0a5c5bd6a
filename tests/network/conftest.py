"""The network of the cast: the demo's network for Enschede and Hengelo, built
with the same functions as ``network.demo`` so inventory pages resolve alike."""

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


from .finder_fixtures import *  # noqa: E402, F403  (the finder's fixtures)
