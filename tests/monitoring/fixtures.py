"""Monitoring data for the tests and the shared harnesses (inventory, permission matrix).

``monitoring_demo`` runs the app's own ``demo.seed()`` on the test cast, so the
pages the inventory names resolve to the same objects as in the benchmark's
demo data (the current quarter's report of Enschede, and so on).
"""

import datetime

import pytest

from monitoring import demo
from monitoring.models import Period, Report


def current_quarter_start(today=None):
    today = today or datetime.date.today()
    return datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)


def current_report(slug):
    """The report of the organization for the current quarter."""
    return Report.objects.get(
        organization__slug=slug,
        period__type=Period.Type.QUARTER,
        period__start=current_quarter_start(),
    )


def previous_report(slug):
    return (
        Report.objects.filter(
            organization__slug=slug,
            period__type=Period.Type.QUARTER,
            period__start__lt=current_quarter_start(),
        )
        .order_by("-period__start")
        .first()
    )


def seed(cast=None):
    """The demo's formats, periods and reports for the organizations of the cast's region."""
    demo.seed()


@pytest.fixture
def monitoring_demo(cast, ggd):
    demo.seed()
    return {
        "enschede": current_report("enschede"),
        "enschede_previous": previous_report("enschede"),
        "hengelo": current_report("hengelo"),
    }
