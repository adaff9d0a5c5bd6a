"""Where rows' data shows (toolbox_site/data_scope.py): the places whose data versions a
change raises."""

from network.models import Service
from toolbox_site import data_scope


def test_the_places_of_many_rows_are_each_rows_places_together(
    network, enschede, elsewhere, django_assert_num_queries
):
    network["enschede"]["oco"].municipalities.add(elsewhere)  # serves Winterswijk too
    services = list(Service.objects.all())
    one_by_one = set().union(*(data_scope.places(s, stored=True) for s in services))
    # A query a path (the owning organization, the municipalities served), then one for
    # the organizations found: not a query a row.
    with django_assert_num_queries(3):
        together = data_scope.places_of_rows(Service, [s.pk for s in services])
    assert together == one_by_one
    assert {region for _kind, _pk, region in together} == {enschede.region_id, elsewhere.region_id}
    assert data_scope.places_of_rows(Service, []) == set()
