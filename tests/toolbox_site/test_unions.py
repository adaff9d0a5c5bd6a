"""toolbox_site.unions.tagged_rows: several lists in one statement, each row with its list."""

import pytest
from django.db.models import F, IntegerField, Value

from network.models import LifeDomain, TargetGroup
from toolbox_site.unions import tagged_rows

pytestmark = pytest.mark.django_db


def test_each_list_gets_its_own_rows_in_one_query(django_assert_num_queries):
    LifeDomain.objects.create(name="Test b", slug="test-b", order=2)
    LifeDomain.objects.create(name="Test a", slug="test-a", order=1)
    TargetGroup.objects.create(name="Test c", slug="test-c", order=1)
    domains = LifeDomain.objects.filter(slug__startswith="test-")
    groups = TargetGroup.objects.filter(slug__startswith="test-")
    with django_assert_num_queries(1):
        rows = tagged_rows(
            {
                "domains": (domains, {"ref": F("slug"), "rank": F("order")}),
                "groups": (groups, {"ref": F("slug"), "rank": F("order")}),
                "nothing": (
                    TargetGroup.objects.none(),
                    {"ref": F("slug"), "rank": Value(0, output_field=IntegerField())},
                ),
            },
            order_by=("rank",),
        )
    assert rows == {
        "domains": [("test-a", 1), ("test-b", 2)],
        "groups": [("test-c", 1)],
        "nothing": [],
    }
