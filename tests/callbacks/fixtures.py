"""Fixtures of the call-back requests (loaded by tests/conftest.py)."""

import pytest

from callbacks.models import CallbackRequest
from finder.models import LifeSituation
from toolbox_site.models import Organization


def make_callback(service, **fields):
    values = {
        "service": service,
        "municipality": Organization.objects.get(slug="enschede"),
        "situation": LifeSituation.objects.get(slug="geldzorgen"),
        "first_name": "Fatma",
        "phone": "+31612345678",
        "best_time": "morning",
        "consent": True,
        **fields,
    }
    return CallbackRequest.objects.create(**values)


@pytest.fixture
def callback_request(enschede_service):
    """A new request for Enschede's independent client support."""
    return make_callback(enschede_service)
