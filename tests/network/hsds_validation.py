"""Validate documents against the official HSDS 3.0 JSON Schemas (vendored in
``hsds_schemas/``, see SOURCE.txt), with format checking
(UUIDs among them). The schema files refer to each other by file name; a
``referencing`` registry resolves those references."""

import gzip
import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMAS = Path(__file__).parent / "hsds_schemas"
BASE = "https://hsds.schemas.test/"


@cache
def registry():
    resources = []
    for path in SCHEMAS.glob("*.json"):
        contents = json.loads(path.read_text())
        resources.append(
            (BASE + path.name, Resource.from_contents(contents, default_specification=DRAFT202012))
        )
    for path in (SCHEMAS / "compiled").glob("*.json*"):
        # The large compiled files (refs inlined, megabytes of repeats) are kept gzipped.
        raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        contents = json.loads(raw)
        resources.append(
            (
                BASE + "compiled/" + path.name.removesuffix(".gz"),
                Resource.from_contents(contents, default_specification=DRAFT202012),
            )
        )
    # The response schemas the OpenAPI document gives inline: the index and a Page.
    openapi = json.loads((SCHEMAS / "openapi.json").read_text())
    index = openapi["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"]
    inline = {"index": index["schema"], "page": openapi["components"]["schemas"]["Page"]}
    for name, contents in inline.items():
        resources.append(
            (
                BASE + f"openapi/{name}.json",
                Resource.from_contents(contents, default_specification=DRAFT202012),
            )
        )
    return Registry().with_resources(resources)


@cache
def validator(name):
    """A validator for one schema file, e.g. "service.json" or "compiled/service_list.json"."""
    return Draft202012Validator(
        {"$ref": BASE + name},
        registry=registry(),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def errors(document, name):
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator(name).iter_errors(document)
    ]


def assert_valid(document, name):
    problems = errors(document, name)
    assert not problems, problems


PAGE_FIELDS = {
    "total_items": int,
    "total_pages": int,
    "page_number": int,
    "size": int,
    "first_page": bool,
    "last_page": bool,
    "empty": bool,
    "contents": list,
}


def assert_valid_page(document, item_schema):
    """A paged list: the page fields of the OpenAPI ``Page`` (each there, of its
    type, and valid against the ``Page`` schema), each item valid."""
    for field, kind in PAGE_FIELDS.items():
        assert isinstance(document[field], kind), field
    assert_valid(document, "openapi/page.json")
    assert document["size"] == len(document["contents"])
    for item in document["contents"]:
        assert_valid(item, item_schema)
