import json

import pytest
from django.urls import reverse

from network.filters import LISTS, reference_lists
from network.models import Role, RoleCategory, Service
from network.rows import roles_with_categories

from .once import on_the_module_network

pytestmark = on_the_module_network(__name__)


def map_url(slug="enschede"):
    return reverse("network:map", kwargs={"slug": slug})


def test_the_map_groups_the_services_by_role_category(client, network, enschede):
    response = client.get(map_url())
    groups = response.context["page"]["groups"]
    assert len(groups) == 5
    shown = {service.pk for group in groups for service in group["services"]}
    assert shown == set(Service.objects.active().serving(enschede).values_list("pk", flat=True))
    for group in groups:
        assert all(s.role.category_id == group["category"].pk for s in group["services"])


def test_the_map_lists_the_missing_roles_with_what_they_would_add(client, network, enschede):
    response = client.get(map_url())
    missing = response.context["page"]["missing"]
    present = Service.objects.active().serving(enschede).values("role")
    assert {role.pk for role in missing} == set(
        Role.objects.exclude(pk__in=present).values_list("pk", flat=True)
    )
    assert missing[0].adds in response.content.decode()


def test_archived_services_are_not_on_the_map(client, network):
    stopped = Service.objects.get(name="Formulierenspreekuur Enschede (gestopt)")
    assert stopped.name not in client.get(map_url()).content.decode()


def test_the_map_marks_entries_not_checked_for_a_year(client, network):
    response = client.get(map_url())
    assert response.context["page"]["stale_count"] > 0
    assert "meer dan 12 maanden geleden" in response.content.decode()


def test_the_map_feeds_the_graph_through_json_script(client, network):
    response = client.get(map_url())
    content = response.content.decode()
    assert 'id="network-graph-data"' in content
    assert "<script>" not in content  # nothing inline under the CSP
    graph = response.context["page"]["graph"]
    nodes = {node["id"] for node in graph["nodes"]}
    assert graph["edges"]
    assert all(edge["source"] in nodes and edge["target"] in nodes for edge in graph["edges"])
    assert any(edge["line"] == "dotted" for edge in graph["edges"])  # a hand-over
    json.dumps(graph)


def test_the_graph_and_its_legend_take_colours_shapes_and_lines_from_one_place(client, network):
    page = client.get(map_url()).context["page"]
    legend = page["legend"]
    styles = {(item["colour"], item["shape"]) for item in legend["categories"]}
    assert {(node["colour"], node["shape"]) for node in page["graph"]["nodes"]} <= styles
    assert len(styles) == len(legend["categories"])  # each category its own
    assert {edge["line"] for edge in page["graph"]["edges"]} <= {
        item["line"] for item in legend["lines"]
    }
    html = client.get(map_url()).content.decode()
    assert 'id="network-graph-legend"' in html
    assert "draagt over aan" in html


def test_the_filters_narrow_the_services_and_the_links(client, network):
    response = client.get(map_url(), {"categorie": "toegang", "soort": "formal"})
    services = response.context["page"]["services"]
    assert services
    assert all(service.role.category.slug == "toegang" for service in services)
    shown = {service.pk for service in services}
    assert all(
        link.from_service_id in shown and link.to_service_id in shown
        for link in response.context["page"]["links"]
    )


@pytest.mark.parametrize(
    "query",
    [
        {"categorie": "bestaat-niet"},
        {"wet": "x" * 5000},
        {"levensgebied": "wonen\x01"},
        {"soort": "halfslachtig"},
        {"doelgroep": ["jeugd", "bestaat-niet"]},
    ],
)
def test_a_malformed_filter_gets_a_message_not_an_error(client, network, query):
    response = client.get(map_url(), query)
    assert response.status_code == 200
    assert "die we niet kennen" in response.content.decode()


def test_an_unknown_municipality_is_not_found(client, network):
    assert client.get(map_url("bestaat-niet")).status_code == 404


def test_a_care_office_has_no_map(client, network, menzis):
    assert client.get(map_url(menzis.slug)).status_code == 404


def test_the_maps_rows_keep_the_order_of_the_models(network):
    # The roles, their categories and the filters' lists come as rows from one UNION
    # (network/filters.py), sorted in Python as the models' orderings sort them.
    lists = reference_lists()
    roles = list(Role.objects.values_list("pk", flat=True))
    assert [role.pk for role in lists.roles] == roles
    assert [role.pk for role in roles_with_categories()] == roles
    assert [category.pk for category in lists.categories] == list(
        RoleCategory.objects.values_list("pk", flat=True)
    )
    for key, model in LISTS.items():
        assert [slug for slug, _label in lists.choices[key]] == list(
            model.objects.values_list("slug", flat=True)
        )
    assert all(
        str(role.category) == str(Role.objects.get(pk=role.pk).category) for role in lists.roles
    )
