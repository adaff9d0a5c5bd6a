"""Fixtures of the monitoring tests."""

from .dashboard_fixtures import figures, other_region  # noqa: F401
