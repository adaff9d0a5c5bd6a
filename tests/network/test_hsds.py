"""The directory as open data: Open Referral HSDS 3.0 at /api/hsds/."""

import csv
import io
import json
import re
import uuid
import zipfile
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from network.hsds import urls
from network.hsds.documents import (
    NAMESPACE,
    service_at_location_id,
    service_uuid_at_location,
    taxonomy_id,
)
from network.hsds.tabular import datapackage
from network.models import LifeDomain, Provider, Role, Service, TargetGroup

from ..inventory import PAGES
from .hsds_validation import assert_valid, assert_valid_page, errors
from .once import on_the_module_network

pytestmark = on_the_module_network(__name__)


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
    assert index["download_url"].endswith("/api/hsds/hsds-tabular.zip")
    assert_valid(index, "openapi/index.json")
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
    assert_valid(document, "compiled/service.json")
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
    assert_valid(document, "compiled/organization.json")
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
        {"minimum_age": "-1"},
        {"minimum_age": "121"},
        {"maximum_age": "tien"},
        {"minimum_age": "30", "maximum_age": "20"},
    ],
)
@pytest.mark.parametrize("path", ["services", "service_at_locations"])
def test_bad_parameters_get_a_json_400(client, finder_network, params, path):
    response, body = get_json(client, f"/api/hsds/{path}", **params)
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
        "/api/hsds/service_at_locations/not-a-uuid",
        "/api/hsds/service_at_locations/5c0b6e2a-8d4f-4a1e-9b3c-7f6e5d4c3b2a",
        "/api/hsds/taxonomies/not-a-uuid",
        "/api/hsds/taxonomies/1e2d3c4b-5a69-4788-97a6-b5c4d3e2f100",
        "/api/hsds/taxonomy_terms/not-a-uuid",
        "/api/hsds/taxonomy_terms/7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d",
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
                "minimum_age",
                "maximum_age",
                "postcode",
                "proximity",
                "page",
                "per_page",
                "x",
            ]
        ),
        st.one_of(
            st.text(max_size=120),
            st.integers(min_value=-(2**40), max_value=2**40).map(str),
            st.sampled_from(["7511 AB", "7511ab", "0000 XX", "7511", "75 11", "1234 A"]),
        ),
        max_size=5,
    ),
    path=st.sampled_from(
        ["services", "service_at_locations", "organizations", "taxonomies", "taxonomy_terms"]
    ),
)
def test_arbitrary_query_strings_never_break_the_api(client, finder_network, params, path):
    response = client.get(f"/api/hsds/{path}?" + urlencode(params))
    assert response.status_code in (200, 400)
    assert response["Content-Type"] == "application/json"


@given(
    ident=st.one_of(st.text(max_size=80), st.uuids().map(str)),
    path=st.sampled_from(["services", "service_at_locations", "taxonomies", "taxonomy_terms"]),
)
def test_arbitrary_ids_never_break_the_api(client, finder_network, ident, path):
    from urllib.parse import quote

    response = client.get(f"/api/hsds/{path}/" + quote(ident, safe=""))
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
    from network.hsds.documents import derived_id

    name = ":".join(str(part) for part in parts)
    assert derived_id(*parts) == str(uuid.uuid5(NAMESPACE, name))


# --- Services at locations, the taxonomies' details, ages ---------------------------------


def test_taxonomy_and_term_details_are_valid(client, finder_network):
    _, taxonomies = get_json(client, "/api/hsds/taxonomies")
    for taxonomy in taxonomies["contents"]:
        response, document = get_json(client, f"/api/hsds/taxonomies/{taxonomy['id']}")
        assert response.status_code == 200
        assert document == taxonomy
        assert_valid(document, "taxonomy.json")
    for model in (Role, LifeDomain, TargetGroup):
        term = model.objects.first()
        response, document = get_json(client, f"/api/hsds/taxonomy_terms/{term.uuid}")
        assert response.status_code == 200
        assert document["id"] == str(term.uuid) and document["name"] == term.name
        assert_valid(document, "taxonomy_term.json")


def test_services_at_locations_are_the_services_with_an_address(client, finder_network):
    located = Service.objects.active().exclude(visiting_address="")
    service = located.order_by("name").first()
    Service.objects.filter(pk=service.pk).update(visiting_address="")
    _, page = get_json(client, "/api/hsds/service_at_locations", per_page=100)
    assert page["total_items"] == located.count() > 0
    assert_valid_page(page, "compiled/service_at_location_list.json")
    assert str(service.uuid) not in {item["service_id"] for item in page["contents"]}
    first = page["contents"][0]
    response, document = get_json(client, f"/api/hsds/service_at_locations/{first['id']}")
    assert response.status_code == 200
    assert_valid(document, "compiled/service_at_location.json")
    assert document["id"] == first["id"]
    assert document["service"]["id"] == first["service_id"]
    assert document["service"]["attributes"]  # the whole service, as /services/{id}
    address = document["location"]["addresses"][0]
    shown = Service.objects.get(uuid=first["service_id"])
    assert address["address_1"] == shown.visiting_address
    assert address["postal_code"] == shown.postal_code
    assert address["country"] == "NL"


def test_service_at_location_ids_are_stable_and_derived_from_the_service(client, finder_network):
    service = Service.objects.active().exclude(visiting_address="").first()
    expected = service_at_location_id(service)
    # A valid UUID of the service's version, other than the service's, read back to it.
    found = uuid.UUID(expected)
    assert found.version == service.uuid.version and found != service.uuid
    assert service_uuid_at_location(found) == service.uuid
    Service.objects.filter(pk=service.pk).update(visiting_address="Nieuwe straat 1")
    response, document = get_json(client, f"/api/hsds/service_at_locations/{expected}")
    assert response.status_code == 200
    assert document["service_id"] == str(service.uuid)
    assert document["location"]["addresses"][0]["address_1"] == "Nieuwe straat 1"
    # An upper-case id is the same id.
    response, _ = get_json(client, f"/api/hsds/service_at_locations/{expected.upper()}")
    assert response.status_code == 200
    service.refresh_from_db()
    service.archived = True
    service.save()  # with its signals: the data versions go up
    response, _ = get_json(client, f"/api/hsds/service_at_locations/{expected}")
    assert response.status_code == 404


@pytest.mark.parametrize("asked", ["7511 AB", "7511ab", " 7511AB ", "7511"])
def test_the_postcode_filter_reads_dutch_postcodes_any_way(client, finder_network, asked):
    service = Service.objects.active().exclude(visiting_address="").first()
    Service.objects.filter(pk=service.pk).update(postal_code="7511 ab")
    Service.objects.exclude(pk=service.pk).update(postal_code="7522 CD")
    _, page = get_json(client, "/api/hsds/service_at_locations", postcode=asked)
    assert [item["service_id"] for item in page["contents"]] == [str(service.uuid)]
    _, other = get_json(client, "/api/hsds/service_at_locations", postcode="7512 AB")
    assert other["total_items"] == 0


@pytest.mark.parametrize("postcode", ["75", "ABCD", "7511 ABC", "75111", "7511-AB", "x" * 20])
def test_a_bad_postcode_gets_a_json_400(client, finder_network, postcode):
    response, body = get_json(client, "/api/hsds/service_at_locations", postcode=postcode)
    assert response.status_code == 400
    assert "postcode" in body["error"]["message"]


def test_proximity_says_geocoding_is_not_supported(client, finder_network):
    response, body = get_json(
        client, "/api/hsds/service_at_locations", postcode="7511 AB", proximity="1000"
    )
    assert response.status_code == 400
    assert "geocod" in body["error"]["message"]
    _, openapi = get_json(client, "/api/hsds/openapi.json")
    assert "geocode" in openapi["components"]["parameters"]["proximity"]["description"]


def _ages(name, low, high):
    service = Service.objects.active().filter(name=name).get()
    Service.objects.filter(pk=service.pk).update(minimum_age=low, maximum_age=high)
    return str(service.uuid)


@pytest.mark.parametrize("path", ["services", "service_at_locations"])
def test_the_age_filters_find_the_services_for_an_age_range(client, finder_network, path):
    youth = _ages("Jongerenwerk Enschede", 12, 23)
    elderly = _ages("Ouderenadvies Enschede", 65, None)
    toddlers = _ages("Centrum voor Jeugd en Gezin Enschede", None, 4)
    everyone = Service.objects.active().filter(minimum_age=None, maximum_age=None)
    if path == "service_at_locations":
        everyone = everyone.exclude(visiting_address="")
    everyone = {str(u) for u in everyone.values_list("uuid", flat=True)}
    key = "service_id" if path == "service_at_locations" else "id"

    def found(**params):
        _, page = get_json(client, f"/api/hsds/{path}", per_page=100, **params)
        return {item[key] for item in page["contents"]}

    ids = found(minimum_age=30)  # someone of 30 or older
    assert elderly in ids and youth not in ids and toddlers not in ids
    assert everyone <= ids  # no limits: for every age
    ids = found(maximum_age=10)  # someone of 10 or younger
    assert toddlers in ids and youth not in ids and elderly not in ids
    assert everyone <= ids
    ids = found(minimum_age=16, maximum_age=18)
    assert youth in ids and elderly not in ids and toddlers not in ids
    ids = found(minimum_age=4, maximum_age=4)
    assert toddlers in ids and youth not in ids


def test_a_service_document_names_its_ages(client, finder_network):
    youth = _ages("Jongerenwerk Enschede", 12, 23)
    _, document = get_json(client, f"/api/hsds/services/{youth}")
    assert (document["minimum_age"], document["maximum_age"]) == (12, 23)
    assert_valid(document, "compiled/service.json")
    elderly = _ages("Ouderenadvies Enschede", 65, None)
    _, document = get_json(client, f"/api/hsds/services/{elderly}")
    assert document["minimum_age"] == 65 and "maximum_age" not in document


# --- The OpenAPI document --------------------------------------------------------------


def _api_paths():
    """The URLconf's API addresses as OpenAPI paths ("services/<str:id>" → "/services/{id}")."""

    paths = set()
    for pattern in urls.urlpatterns:
        if pattern.name == "not_found":
            continue
        route = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(pattern.pattern))
        paths.add("/" + route)
    return paths


def test_the_openapi_document_describes_exactly_what_is_implemented(client, finder_network):
    _, openapi = get_json(client, "/api/hsds/openapi.json")
    assert set(openapi["paths"]) == _api_paths()
    text = str(openapi)
    for placeholder in ("HERE", "REQUIRED --", "YOUR ", "example.invalid"):
        assert placeholder not in text
    assert openapi["servers"] == [
        {"url": "http://testserver/api/hsds", "description": "This site."}
    ]
    assert openapi["info"]["contact"]["email"] == settings.CONTACT_EMAIL
    # every parameter the document names is one the views read, and the other way round
    names = {p["name"] for p in openapi["components"]["parameters"].values() if p["in"] == "query"}
    assert names == {
        "search",
        "page",
        "per_page",
        "modified_after",
        "taxonomy_term_id",
        "taxonomy_id",
        "municipality",
        "minimum_age",
        "maximum_age",
        "postcode",
        "proximity",
    }


def test_every_path_of_the_openapi_document_answers(client, finder_network):
    _, openapi = get_json(client, "/api/hsds/openapi.json")
    service = Service.objects.active().exclude(visiting_address="").first()
    ids = {
        "/services/{id}": service.uuid,
        "/service_at_locations/{id}": service_at_location_id(service),
        "/organizations/{id}": service.provider.uuid,
        "/taxonomies/{id}": taxonomy_id("roles"),
        "/taxonomy_terms/{id}": service.role.uuid,
    }
    for path in openapi["paths"]:
        url = "/api/hsds" + path.replace("{id}", str(ids.get(path, "")))
        assert client.get(url).status_code == 200, url


# --- The bulk download -------------------------------------------------------------------


def _download(client):

    response = client.get("/api/hsds/hsds-tabular.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Access-Control-Allow-Origin"] == "*"
    return response, zipfile.ZipFile(io.BytesIO(response.content))


ADDRESS_GAPS = ("city", "postal_code", "state_province")


def test_the_download_holds_every_table_of_the_datapackage(client, finder_network):

    _, archive = _download(client)
    descriptor = json.loads(archive.read("datapackage.json"))
    assert descriptor["resources"] == datapackage()["resources"]
    assert set(archive.namelist()) == {"datapackage.json"} | {
        resource["path"] for resource in descriptor["resources"]
    }
    tables = {}
    for resource in descriptor["resources"]:
        reader = csv.DictReader(io.StringIO(archive.read(resource["path"]).decode("utf-8")))
        assert reader.fieldnames == [field["name"] for field in resource["schema"]["fields"]]
        tables[resource["name"]] = list(reader)
        for field in resource["schema"]["fields"]:
            if field.get("constraints", {}).get("required"):
                # An address may lack what editors left empty (and the province, which
                # the directory does not hold); every other required field is filled.
                optional = ADDRESS_GAPS if resource["name"] == "address" else ()
                assert all(
                    row[field["name"]] != "" or field["name"] in optional
                    for row in tables[resource["name"]]
                ), (resource["name"], field["name"])
    public = Service.objects.active()
    assert sorted(row["id"] for row in tables["service"]) == sorted(
        str(u) for u in public.values_list("uuid", flat=True)
    )
    assert len(tables["organization"]) == Provider.objects.count()
    assert len(tables["service_at_location"]) == public.exclude(visiting_address="").count()
    assert len(tables["taxonomy"]) == 3
    service_ids = {row["id"] for row in tables["service"]}
    for name in ("phone", "language", "cost_option", "schedule", "service_area"):
        assert {row["service_id"] for row in tables[name]} <= service_ids, name
    assert {row["link_id"] for row in tables["attribute"]} == service_ids
    term_ids = {row["id"] for row in tables["taxonomy_term"]}
    assert {row["taxonomy_term_id"] for row in tables["attribute"]} <= term_ids


def test_the_download_leaves_archived_services_out(client, finder_network):

    service = Service.objects.active().first()
    Service.objects.filter(pk=service.pk).update(archived=True)
    _, archive = _download(client)
    rows = csv.DictReader(io.StringIO(archive.read("services.csv").decode("utf-8")))
    assert str(service.uuid) not in {row["id"] for row in rows}


def test_the_download_makes_a_fixed_number_of_queries(
    client, finder_network, django_assert_num_queries
):

    # the data versions, the services with provider and role, their municipalities,
    # life domains and target groups, the providers, three taxonomies' terms
    with django_assert_num_queries(9):
        first, _ = _download(client)
    for number in range(5):  # more services, with municipalities, domains and groups
        service = Service.objects.active().exclude(visiting_address="").first()
        municipalities = list(service.municipalities.all())
        domains, groups = list(service.life_domains.all()), list(service.target_groups.all())
        service.pk, service.uuid, service.name = None, uuid.uuid4(), f"Extra {number}"
        service.save()
        service.municipalities.set(municipalities)
        service.life_domains.set(domains)
        service.target_groups.set(groups)
    with django_assert_num_queries(9):
        _download(client)
    again = client.get("/api/hsds/hsds-tabular.zip", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code in (200, 304)
