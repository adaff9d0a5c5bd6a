"""Fixtures of the finder, loaded by ``tests/network/conftest.py`` (one import line).

They build on the network fixtures (``network``: the demo network of Enschede
and Hengelo, made by ``network.demo``'s functions, so inventory pages resolve
against demo and test data alike)."""

import pytest
from django.core.cache import cache

from finder import situations as finder_data
from finder.models import ServiceReport
from network.models import Service


@pytest.fixture
def life_situations(reference_lists):
    """The life situations (already there from the data migration, unless flushed)."""
    finder_data.load()


@pytest.fixture
def finder_network(network, life_situations, enschede, menzis):
    """The network with the contact details of Enschede's Wmo desk and the care office."""
    enschede.phone = "14 053"
    enschede.email = "wmo@enschede.example.org"
    enschede.website = "https://www.enschede.example.org"
    enschede.save()
    menzis.phone = "053 000 1234"
    menzis.email = "zorgkantoor@menzis.example.org"
    menzis.save()
    return network


@pytest.fixture
def enschede_service(finder_network):
    """An active service Enschede maintains: its independent client support."""
    return Service.objects.get(
        owning_organization__slug="enschede", role__slug="onafhankelijke-clientondersteuner"
    )


@pytest.fixture
def open_report(enschede_service):
    from finder.demo import seed_report

    seed_report()
    return ServiceReport.objects.get(service=enschede_service)


@pytest.fixture
def empty_cache():
    cache.clear()
    yield
    cache.clear()
