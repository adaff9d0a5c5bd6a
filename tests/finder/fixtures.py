"""Fixtures of the finder, loaded by ``tests/network/conftest.py`` (one import line).

They build on the network fixtures (``network``: the demo network of Enschede
and Hengelo, made by ``network.demo``'s functions, so inventory pages resolve
against demo and test data alike)."""

import pytest
from django.core.cache import cache

from finder import situations as finder_data
from finder.models import ServiceReport
from network.models import Service

from ..factories import add_contact_details
from ..network import once


@pytest.fixture
def life_situations(request, reference_lists):
    """The life situations (already there from the data migration, unless flushed)."""
    if once.kept(request) is None:
        finder_data.load()


@pytest.fixture
def finder_network(request, network, life_situations, enschede, menzis):
    """The network with the contact details of Enschede's Wmo desk and the care office."""
    if once.kept(request) is None:
        add_contact_details(enschede, menzis)
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
