"""Criteria data for tests, made by the same functions as the demo data
(``criteria/demo.py``), so the page inventory resolves the same objects in
the tests and in the benchmark. Registered for the whole suite in
``tests/conftest.py`` (the page inventory and browser tests use them)."""

import random

import pytest


@pytest.fixture
def criteria_framework(twente):
    """The Twente framework of the demo: 10 themes, 41 criteria, published."""
    from criteria.demo import seed_framework

    framework, _count = seed_framework(twente)
    return framework


@pytest.fixture
def criteria_agreements(criteria_framework, cast, twente):
    """Agreements of Enschede and Hengelo, as the demo makes them."""
    from criteria.demo import seed_agreements

    seed_agreements(twente, criteria_framework, random.Random(8))
    return criteria_framework


@pytest.fixture
def criteria_trainings(criteria_framework, twente):
    from criteria.demo import seed_trainings

    seed_trainings(twente, criteria_framework, random.Random(8))
