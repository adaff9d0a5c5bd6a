"""Data loaded once for a whole test module, for tests that only read it.

``loaded_once(fn)`` makes a module-scoped fixture: ``fn`` runs once inside an outer
transaction; each test then runs in its own savepoint (pytest-django's ``db``), and
the outer transaction is rolled back when the module is done. Seeding the demo data
takes seconds; doing it per test made these modules the slowest of the suite.

Mark such a module ``pytest.mark.xdist_group(name)``: the suite runs with
``--dist loadgroup``, so one test process takes the whole module and loads the data
once, not once in every process.
"""

import pytest
from django.db import transaction
from django.test.utils import override_settings


def loaded_once(fn, **settings):
    @pytest.fixture(scope="module")
    def fixture(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock(), override_settings(**settings), transaction.atomic():
            result = fn()
            yield result
            transaction.set_rollback(True)

    return fixture
