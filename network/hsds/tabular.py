"""The whole directory at once, in HSDS's tabular form: a zip of CSV files, one per
table of the specification's ``datapackage.json`` (vendored next to this file, see
SOURCE.txt), with that ``datapackage.json`` describing them.

The rows are the API's own documents, flattened: a service's phones, languages,
cost options, schedules, service areas and attributes become rows of their tables
(with ``service_id`` or ``link_id`` pointing back), its address a location, an
address and a service at location. Tables the directory has no data for (programs,
contacts, fundings…) are there with their header only, so a consumer finds every
table the specification names.

Built in a fixed number of queries, whatever the number of services: all public
services with provider and role, their municipalities, life domains and target
groups (one query each), the providers and the three taxonomies' terms.
"""

import io
import json
import zipfile
from functools import cache
from pathlib import Path

from toolbox_site import exports

from ..models import Provider
from .documents import (
    TAXONOMIES,
    absolute,
    organization_document,
    public_services,
    service_at_location_document,
    service_document,
    taxonomy_document,
    term_document,
    with_related,
)

#: What each service document holds in a list of rows of another table.
NESTED = {
    "phones": "phone",
    "languages": "language",
    "cost_options": "cost_option",
    "schedules": "schedule",
    "service_areas": "service_area",
    "attributes": "attribute",
}


@cache
def datapackage():
    """The specification's tabular data package (tables, their fields and order)."""
    return json.loads((Path(__file__).parent / "datapackage.json").read_text(encoding="utf-8"))


def rows(request):
    """Every table's rows (dicts keyed by field name), by resource name."""
    tables = {resource["name"]: [] for resource in datapackage()["resources"]}
    services = list(public_services())
    with_related(services, every_public=True)
    for provider in Provider.objects.order_by("name", "pk"):
        tables["organization"].append(organization_document(provider, request))
    for service in services:
        document = service_document(service, request)
        tables["service"].append(document)
        for field, table in NESTED.items():
            tables[table] += document[field]
        if service.visiting_address:
            located = service_at_location_document(service, request)
            location = located["location"]
            tables["service_at_location"].append(located)
            tables["location"].append(location)
            tables["address"] += location["addresses"]
    for key, info in TAXONOMIES.items():
        tables["taxonomy"].append(taxonomy_document(key, request))
        tables["taxonomy_term"] += [
            term_document(term, key) for term in info["model"].objects.order_by("order", "name")
        ]
    # A term shared by many services is one row of its table; attributes keep its id.
    for row in tables["attribute"]:
        row.pop("taxonomy_term", None)
    return tables


def _csv(resource, table_rows):
    return exports.open_data_csv(
        [field["name"] for field in resource["schema"]["fields"]], table_rows
    )


def package(request):
    """The zip's bytes: ``datapackage.json`` and one CSV per table."""
    spec = datapackage()
    tables = rows(request)
    descriptor = {
        "name": "toolbox-clientondersteuning-hsds",
        "title": "Toolbox Cliëntondersteuning: de sociale kaart als open data (HSDS 3.0)",
        "description": (
            "Alle openbare diensten, aanbieders en taxonomieën van de sociale kaart, "
            "in de tabelvorm van Open Referral HSDS 3.0."
        ),
        "profile": spec["profile"],
        "version": spec["version"],
        "homepage": absolute(request, "hsds:index"),
        "resources": spec["resources"],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        _add(archive, "datapackage.json", json.dumps(descriptor, ensure_ascii=False, indent=2))
        for resource in spec["resources"]:
            _add(archive, resource["path"], _csv(resource, tables[resource["name"]]))
    return buffer.getvalue()


def _add(archive, name, data):
    # A fixed date in the entries: the same data gives the same bytes (and ETag).
    info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)
