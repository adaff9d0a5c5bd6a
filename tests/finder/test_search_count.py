"""A finder search is counted in a transaction that does not wait for the disk."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from finder import services
from finder.models import FinderSearch, LifeSituation, SearchTally

pytestmark = pytest.mark.django_db


def test_a_count_commits_without_waiting_for_the_disk_on_postgresql(life_situations, enschede):
    situation = LifeSituation.objects.first()
    with CaptureQueriesContext(connection) as queries:
        search = services.count_search(
            enschede,
            situation,
            age_group="",
            preference="",
            language="nl",
            result_count=3,
            independent_found=False,
        )
    asked = [query["sql"] for query in queries.captured_queries]
    waiting_off = [sql for sql in asked if "synchronous_commit" in sql]
    if connection.vendor == "postgresql":
        # for this transaction only (LOCAL), before the count is written
        assert waiting_off == ["SET LOCAL synchronous_commit TO OFF"]
        first_write = next(i for i, sql in enumerate(asked) if sql.startswith("INSERT"))
        assert asked.index(waiting_off[0]) < first_write
    else:
        assert waiting_off == []
    assert FinderSearch.objects.filter(pk=search.pk).exists()
    tally = SearchTally.objects.get(municipality=enschede, situation=situation)
    assert (tally.searches, tally.without_match) == (1, 1)
