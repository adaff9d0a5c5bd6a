"""The directory as open data: Open Referral HSDS 3.0 at /api/hsds/."""

import uuid
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from network.models import LifeDomain, Provider, Role, Service, TargetGroup

from ..inventory import PAGES
from .hsds_validation import assert_valid, assert_valid_page, errors

pytestmark = pytest.mark.django_db


def get_json(client, path, **params):
    response = client.get(path + ("?" + urlencode(params) if params else ""))
    assert response["Content-Type"] == "application/json", response.content[:200]
    assert response["Access-Control-Allow-Origin"] == "*"
    return response, response.json()


def test_the_validation_checks_uuid_formats():
    """The schemas are really applied, with format checking: a bad id fails."""
    assert errors({"id": "not-a-uuid", "name": "x", "status": "active"}, "service.json")
    assert not errors({"id": str(uuid.uuid4()), "name": "x", "status": "active"}, "service.json")


def test_the_index_names_version_profile_and_openapi(client, finder_network):
    response, index = get_json(client, "/api/hsds/")
    assert response.status_code == 200
    assert index["version"] == "3.0"
    assert index["profile"].startswith("https://")
    assert index["openapi_url"].endswith("/api/hsds/openapi.json")
    response, openapi = get_json(client, "/api/hsds/openapi.json")
    assert response.status_code == 200
    assert "/services" in openapi["paths"]


def test_the_services_list_is_a_valid_hsds_page(client, finder_network):
    response, page = get_json(client, "/api/hsds/services", per_page=10)
    assert response.status_code == 200
    assert page["total_items"] == Service.objects.active().count()
    assert page["size"] == 10 and page["first_page"] and not page["last_page"]
    assert_valid_page(page, "compiled/service_list.json")
    for item in page["contents"]:
        assert_valid(item, "service.json")


def test_a_service_maps_contact_cost_areas_and_taxonomy(client, finder_network, enschede):
    service = Service.objects.get(name="Onafhankelijke cliëntondersteuning Enschede")
    response, document = get_json(client, f"/api/hsds/services/{service.uuid}")
    assert response.status_code == 200
    assert_valid(document, "service.json")
    assert document["id"] == str(service.uuid)
    assert document["organization_id"] == str(service.provider.uuid)
    assert document["status"] == "active"
    assert document["assured_date"] == service.verified_on.isoformat()
    assert document["phones"][0]["number"] == service.phone
    assert document["email"] == service.email
    assert document["url"] == service.website
    assert document["cost_options"][0]["amount"] == 0
    assert {area["extent"] for area in document["service_areas"]} == {"GM0153"}
    terms = {attribute["taxonomy_term_id"] for attribute in document["attributes"]}
    assert str(service.role.uuid) in terms
    assert {str(d.uuid) for d in service.life_domains.all()} <= terms
    assert {str(g.uuid) for g in service.target_groups.all()} <= terms
    assert document["languages"][0]["name"] == "Nederlands"


def test_ids_are_stable(client, finder_network):
    service = Service.objects.get(name="Onafhankelijke cliëntondersteuning Enschede")
    first = get_json(client, f"/api/hsds/services/{service.uuid}")[1]
    Service.objects.filter(pk=service.pk).update(phone="053 011 2222")
    second = get_json(client, f"/api/hsds/services/{service.uuid}")[1]
    assert first["phones"][0]["id"] == second["phones"][0]["id"]
    assert [a["id"] for a in first["attributes"]] == [a["id"] for a in second["attributes"]]


def test_archived_services_are_left_out_everywhere(client, finder_network):
    service = Service.objects.get(name="Onafhankelijke cliëntondersteuning Enschede")
    Service.objects.filter(pk=service.pk).update(archived=True)
    response, _ = get_json(client, f"/api/hsds/services/{service.uuid}")
    assert response.status_code == 404
    _, page = get_json(
        client, "/api/hsds/services", search="Onafhankelijke cliëntondersteuning Enschede"
    )
    assert page["total_items"] == 0
    _, organization = get_json(client, f"/api/hsds/organizations/{service.provider.uuid}")
    assert str(service.uuid) not in {s["id"] for s in organization["services"]}


def test_filters_combine_with_and(client, finder_network):
    role = Role.objects.get(slug="onafhankelijke-clientondersteuner")
    _, hengelo = get_json(client, "/api/hsds/services", municipality="GM0164", per_page=100)
    assert (
        hengelo["total_items"]
        == Service.objects.active().filter(municipalities__cbs_code="GM0164").count()
    )
    _, both = get_json(
        client, "/api/hsds/services", municipality="GM0164", taxonomy_term_id=str(role.uuid)
    )
    assert both["total_items"] == 1
    assert both["contents"][0]["name"] == "Onafhankelijke cliëntondersteuning Hengelo"
    _, none = get_json(
        client,
        "/api/hsds/services",
        municipality="GM0164",
        taxonomy_term_id=str(role.uuid),
        search="Enschede",
    )
    assert none["total_items"] == 0 and none["empty"]


def test_filter_by_life_domain_and_target_group_terms(client, finder_network):
    domain = LifeDomain.objects.get(slug="geld-en-schulden")
    group = TargetGroup.objects.get(slug="mantelzorgers")
    _, by_domain = get_json(client, "/api/hsds/services", taxonomy_term_id=str(domain.uuid))
    assert by_domain["total_items"] == Service.objects.active().filter(life_domains=domain).count()
    _, by_group = get_json(client, "/api/hsds/services", taxonomy_term_id=str(group.uuid))
    assert by_group["total_items"] == Service.objects.active().filter(target_groups=group).count()


def test_modified_after_filters_on_the_last_change(client, finder_network):
    _, future = get_json(client, "/api/hsds/services", modified_after="2999-01-01")
    assert future["total_items"] == 0
    _, past = get_json(client, "/api/hsds/services", modified_after="2000-01-01T00:00:00Z")
    assert past["total_items"] == Service.objects.active().count()


def test_paging_walks_through_every_service(client, finder_network):
    seen = []
    page_number = 1
    while True:
        _, page = get_json(client, "/api/hsds/services", per_page=7, page=page_number)
        seen += [item["id"] for item in page["contents"]]
        if page["last_page"]:
            break
        page_number += 1
    assert len(seen) == len(set(seen)) == Service.objects.active().count()
    _, beyond = get_json(client, "/api/hsds/services", per_page=7, page=page_number + 5)
    assert beyond["empty"] and beyond["contents"] == []


def test_organizations_are_valid(client, finder_network):
    _, page = get_json(client, "/api/hsds/organizations", per_page=100)
    assert page["total_items"] == Provider.objects.count()
    assert_valid_page(page, "compiled/organization_list.json")
    provider = Provider.objects.get(name="Menzis zorgkantoor")
    response, document = get_json(client, f"/api/hsds/organizations/{provider.uuid}")
    assert response.status_code == 200
    assert_valid(document, "organization.json")
    assert len(document["services"]) == provider.services.active().count()


def test_taxonomies_and_terms_are_valid(client, finder_network):
    _, taxonomies = get_json(client, "/api/hsds/taxonomies")
    assert taxonomies["total_items"] == 3
    assert_valid_page(taxonomies, "taxonomy.json")
    _, terms = get_json(client, "/api/hsds/taxonomy_terms", per_page=100)
    expected = Role.objects.count() + LifeDomain.objects.count() + TargetGroup.objects.count()
    assert terms["total_items"] == expected
    assert_valid_page(terms, "taxonomy_term.json")
    roles_taxonomy = next(t for t in taxonomies["contents"] if t["name"].startswith("Rollen"))
    _, roles = get_json(
        client, "/api/hsds/taxonomy_terms", taxonomy_id=roles_taxonomy["id"], per_page=100
    )
    assert roles["total_items"] == Role.objects.count()


@pytest.mark.parametrize(
    "params",
    [
        {"page": "-1"},
        {"page": "0"},
        {"page": "99999999999999999999"},
        {"per_page": "1000"},
        {"per_page": "abc"},
        {"municipality": "Enschede"},
        {"taxonomy_term_id": "not-a-uuid"},
        {"modified_after": "yesterday"},
        {"search": "a\x00b"},
        {"search": "x" * 500},
    ],
)
def test_bad_parameters_get_a_json_400(client, finder_network, params):
    response, body = get_json(client, "/api/hsds/services", **params)
    assert response.status_code == 400
    assert body["error"]["status"] == 400 and body["error"]["message"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/hsds/services/not-a-uuid",
        # Fixed ids: parallel test processes must collect the same test names.
        "/api/hsds/services/3f2a8c1e-5b7d-4e9a-8c61-2d4f6a8b0c1e",
        "/api/hsds/organizations/9b1d7e3c-2a4f-4c8e-b5d6-7e8f9a0b1c2d",
        "/api/hsds/organizations/%C3%A9",
        "/api/hsds/nothing-here",
    ],
)
def test_unknown_ids_get_a_json_404(client, finder_network, path):
    response, body = get_json(client, path)
    assert response.status_code == 404
    assert body["error"]["status"] == 404


def test_conditional_get_answers_304(client, finder_network):
    response = client.get("/api/hsds/services")
    etag = response["ETag"]
    again = client.get("/api/hsds/services", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"
    service = Service.objects.active().first()
    service.name = "Aaa nieuw"
    service.save()
    changed = client.get("/api/hsds/services", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert "Aaa nieuw" in changed.content.decode()


def test_the_api_is_read_only(client, finder_network):
    response = client.post("/api/hsds/services", {})
    assert response.status_code == 405
    assert response.json()["error"]["status"] == 405


def test_the_service_list_makes_a_fixed_number_of_queries(
    client, finder_network, django_assert_num_queries
):
    # the data versions, count, the page of services with provider and role, their
    # municipalities, life domains and target groups
    with django_assert_num_queries(6):
        client.get("/api/hsds/services", {"per_page": 5})
    with django_assert_num_queries(6):
        client.get("/api/hsds/services", {"per_page": 100})
    # the same page again: the data versions, then the cached document
    with django_assert_num_queries(1):
        client.get("/api/hsds/services", {"per_page": 100})


@given(
    params=st.dictionaries(
        st.sampled_from(
            [
                "municipality",
                "taxonomy_term_id",
                "search",
                "modified_after",
                "page",
                "per_page",
                "x",
            ]
        ),
        st.text(max_size=120),
        max_size=5,
    ),
    path=st.sampled_from(["services", "organizations", "taxonomies", "taxonomy_terms"]),
)
def test_arbitrary_query_strings_never_break_the_api(client, finder_network, params, path):
    response = client.get(f"/api/hsds/{path}?" + urlencode(params))
    assert response.status_code in (200, 400)
    assert response["Content-Type"] == "application/json"


@given(ident=st.text(max_size=80))
def test_arbitrary_ids_never_break_the_api(client, finder_network, ident):
    from urllib.parse import quote

    response = client.get("/api/hsds/services/" + quote(ident, safe=""))
    # A control character in the path is refused by the site (a JSON 400 under /api/).
    assert response.status_code in (200, 404, 400)
    assert response["Content-Type"] == "application/json"


def test_the_index_resolves_by_name():
    assert reverse("hsds:index") == "/api/hsds/"
    assert reverse("hsds:services") == "/api/hsds/services"


HSDS_PAGES = [page for page in PAGES if page.name.startswith("hsds:")]


@pytest.mark.parametrize("page", HSDS_PAGES, ids=[page.id for page in HSDS_PAGES])
def test_every_api_url_answers_a_cors_preflight(client, cast, page, request):
    for fixture in page.fixtures:
        request.getfixturevalue(fixture)
    response = client.options(
        page.url(),
        HTTP_ORIGIN="https://data.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert set(response["Access-Control-Allow-Methods"].replace(" ", "").split(",")) == {
        "GET",
        "HEAD",
        "OPTIONS",
    }
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]
    assert int(response["Access-Control-Max-Age"]) > 0
    assert response.content == b""
    assert not response.cookies


@given(rest=st.text(max_size=80))
def test_a_preflight_for_any_api_path_never_fails(client, db, rest):
    from urllib.parse import quote

    response = client.options("/api/hsds/" + quote(rest, safe="/"))
    assert response.status_code in (204, 400)


def test_other_pages_still_refuse_options(client, db):
    assert client.options("/privacy/").status_code == 405


@given(
    st.lists(
        st.one_of(st.text(st.characters(exclude_categories=("Cs",))), st.integers(), st.uuids()),
        min_size=1,
        max_size=4,
    )
)
def test_derived_ids_are_the_uuid5_of_their_parts(parts):
    from network.hsds.documents import NAMESPACE, derived_id

    name = ":".join(str(part) for part in parts)
    assert derived_id(*parts) == str(uuid.uuid5(NAMESPACE, name))
