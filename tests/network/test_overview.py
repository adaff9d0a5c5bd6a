from django.urls import reverse

from network.models import Role, Service

from .once import on_the_module_network

pytestmark = on_the_module_network(__name__)


def test_the_overview_counts_services_missing_roles_and_stale_entries(client, network, enschede):
    response = client.get(reverse("network:index"))
    assert response.status_code == 200
    row = next(row for row in response.context["page"]["rows"] if row["municipality"] == enschede)
    serving = Service.objects.active().serving(enschede)
    assert row["services"] == serving.count()
    assert row["stale"] == serving.stale().count() > 0
    present = serving.values("role").distinct().count()
    assert row["missing"] == Role.objects.count() - present > 0
    assert sum(row["per_category"]) == row["services"]


def test_the_overview_sorts_without_javascript(client, network):
    response = client.get(reverse("network:index"), {"sorteer": "-diensten"})
    counts = [row["services"] for row in response.context["page"]["rows"]]
    assert counts == sorted(counts, reverse=True)
    assert 'aria-sort="descending"' in response.content.decode()


def test_the_overview_ignores_an_unknown_sort_key(client, network):
    response = client.get(reverse("network:index"), {"sorteer": "drop table\x01"})
    assert response.status_code == 200
    names = [row["municipality"].name for row in response.context["page"]["rows"]]
    assert names == sorted(names)


def test_the_overview_shows_only_the_chosen_region(client, network, elsewhere):
    response = client.get(reverse("network:index"), {"regio": elsewhere.region.slug})
    assert [row["municipality"] for row in response.context["page"]["rows"]] == [elsewhere]
    assert "Enschede" not in response.content.decode()


def test_the_overview_says_so_when_the_region_is_unknown(client, network):
    response = client.get(reverse("network:index"), {"regio": "bestaat-niet"})
    assert response.status_code == 200
    assert "bestaat niet" in response.content.decode()
