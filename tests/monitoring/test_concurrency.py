"""Two people saving the same report at the same moment: exactly one wins, the other gets a
conflict; nothing is silently overwritten. (Real threads need PostgreSQL; on SQLite the
same rule is tested one save after the other in test_report_form.py and test_workflow.py.)"""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from monitoring import services
from monitoring.models import Report
from monitoring.validation import Cleaned

from .fixtures import make_report


@pytest.mark.django_db(transaction=True)
def test_of_two_simultaneous_saves_exactly_one_wins(cast):
    if connection.vendor != "postgresql":
        pytest.skip("needs a database with row locks between connections")
    report = make_report("enschede")
    version = report.version
    barrier = threading.Barrier(2)
    outcomes = []

    def save(number):
        try:
            barrier.wait()
            services.save_values(
                Report.objects.get(pk=report.pk),
                {("waiting_days", ""): Cleaned(number=Decimal(number))},
                {},
                cast["enschede.editor"],
                expected_version=version,
            )
            outcomes.append("saved")
        except services.ConflictError:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(n,)) for n in (5, 6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "saved"]
    report.refresh_from_db()
    assert report.version == version + 1
