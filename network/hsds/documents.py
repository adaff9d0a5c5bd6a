"""The HSDS documents: how a provider, a service, a taxonomy and a term of the
network read as Open Referral HSDS 3.0 objects (see the package's docstring for
the mapping)."""

import datetime
import functools
import hashlib
import re
import uuid
from collections import namedtuple

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst

from ..capacity import State, capacity_of
from ..models import LifeDomain, Provider, Role, Service, TargetGroup

HSDS_VERSION = "3.0"
PROFILE_URL = "https://docs.openreferral.org/en/latest/hsds/"
#: Namespace for the UUIDs derived from a row's UUID (phones, areas, attributes…).
NAMESPACE = uuid.UUID("6f2a3c1e-5b7d-4e1a-9c3f-2d8e7a1b0c4d")

TAXONOMIES = {
    "roles": {
        "model": Role,
        "name": "Rollen in de cliëntondersteuning",
        "description": "De 24 rollen in het netwerk van cliëntondersteuning, in vijf categorieën.",
    },
    "life_domains": {
        "model": LifeDomain,
        "name": "Levensgebieden",
        "description": "De levensgebieden waarop een dienst inwoners helpt.",
    },
    "target_groups": {
        "model": TargetGroup,
        "name": "Doelgroepen",
        "description": "De groepen inwoners voor wie een dienst er vooral is.",
    },
}

LANGUAGE_CODES = {
    "nederlands": "nl",
    "engels": "en",
    "duits": "de",
    "frans": "fr",
    "turks": "tr",
    "arabisch": "ar",
    "pools": "pl",
    "tigrinya": "ti",
    "spaans": "es",
    "papiaments": "pap",
    "nederlandse gebarentaal": "dse",
}

CBS_CODE = re.compile(r"^GM\d{4}$")
#: A Dutch postcode, "7511 AB", or its four digits alone.
POSTCODE = re.compile(r"(?P<digits>\d{4})\s?(?P<letters>[A-Za-z]{2})?")


def derived_id(*parts):
    """A stable id for a record that has none of its own: ``uuid5(NAMESPACE, "a:b")``,
    written without building a UUID object (a page of services derives hundreds)."""
    name = ":".join(str(part) for part in parts)
    digest = bytearray(hashlib.sha1(NAMESPACE.bytes + name.encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    text = digest.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def taxonomy_id(key):
    return _TAXONOMY_IDS[key]


_TAXONOMY_IDS = {key: derived_id("taxonomy", key) for key in TAXONOMIES}
# What get_kind_display() says, without its dictionary of every choice per call.
_PROVIDER_KINDS = dict(Provider.Kind.choices)


def absolute(request, name, **kwargs):
    return request.build_absolute_uri(reverse(name, kwargs=kwargs or None))


def organization_document(provider, request):
    # The organizations' address once per request (reverse() per row is slow).
    base = getattr(request, "_hsds_organizations", None)
    if base is None:
        base = request._hsds_organizations = absolute(request, "hsds:organizations")
    document = {
        "id": str(provider.uuid),
        "name": provider.name,
        "description": str(_PROVIDER_KINDS.get(provider.kind, provider.kind)).capitalize(),
        "uri": f"{base}/{provider.uuid}",
    }
    if provider.website:
        document["website"] = provider.website
    return document


def taxonomy_document(key, request):
    info = TAXONOMIES[key]
    return {
        "id": taxonomy_id(key),
        "name": info["name"],
        "description": info["description"],
        "uri": absolute(request, "hsds:taxonomies") + f"#{key}",
        "version": "1",
    }


def term_document(term, key):
    description = getattr(term, "description", "") or term.name
    document = {
        "id": str(term.uuid),
        "code": term.slug,
        "name": term.name,
        "description": description,
        "taxonomy": TAXONOMIES[key]["name"],
        "taxonomy_id": taxonomy_id(key),
        "language": "nl",
    }
    return document


def _attribute(service, term, key, request):
    # Each term's document once per request: a page of services shares a few dozen.
    terms = getattr(request, "_hsds_terms", None)
    if terms is None:
        terms = request._hsds_terms = {}
    document = terms.get((key, term.pk))
    if document is None:
        document = terms[key, term.pk] = term_document(term, key)
    return {
        "id": derived_id(service.uuid, "attribute", term.uuid),
        "link_id": str(service.uuid),
        "link_type": TAXONOMIES[key]["name"],
        "link_entity": "service",
        "taxonomy_term_id": document["id"],
        "taxonomy_term": document,
    }


def service_fields(service):
    """The service's own fields, without the lists of related records (the form a
    service has inside a list of services at locations)."""
    document = {
        "id": str(service.uuid),
        "organization_id": str(service.provider.uuid),
        "name": service.name,
        "description": service.description,
        "status": "inactive" if service.archived else "active",
        "last_modified": service.updated_at.isoformat(),
    }
    if service.website:
        document["url"] = service.website
    if service.email:
        document["email"] = service.email
    if service.verified_on:
        document["assured_date"] = service.verified_on.isoformat()
    # HSDS 3.0 service.minimum_age / maximum_age; left out when there is no limit.
    if service.minimum_age is not None:
        document["minimum_age"] = service.minimum_age
    if service.maximum_age is not None:
        document["maximum_age"] = service.maximum_age
    return document


def service_document(service, request):
    sid = str(service.uuid)
    document = service_fields(service)
    if service.free:
        document["fees_description"] = "Gratis"
        document["cost_options"] = [
            {
                "id": derived_id(sid, "cost", "free"),
                "service_id": sid,
                "option": "Gratis",
                "amount": 0,
                "currency": "EUR",
            }
        ]
    else:
        document["cost_options"] = []
    document["phones"] = (
        [{"id": derived_id(sid, "phone"), "service_id": sid, "number": service.phone}]
        if service.phone
        else []
    )
    document["languages"] = []
    for name in service.language_list:
        language = {
            "id": derived_id(sid, "language", name.lower()),
            "service_id": sid,
            "name": name,
        }
        code = LANGUAGE_CODES.get(name.lower())
        if code:
            language["code"] = code
        document["languages"].append(language)
    document["schedules"] = (
        [
            {
                "id": derived_id(sid, "schedule"),
                "service_id": sid,
                "description": service.opening_hours,
            }
        ]
        if service.opening_hours
        else []
    )
    document["service_areas"] = [
        {
            "id": derived_id(sid, "area", municipality.cbs_code or municipality.pk),
            "service_id": sid,
            "name": municipality.name,
            "description": f"Gemeente {municipality.name}",
            "extent": municipality.cbs_code,
            "extent_type": "cbs_gemeentecode",
        }
        for municipality in _related(service, "municipalities")
    ]
    attributes = [_attribute(service, service.role, "roles", request)]
    attributes += [
        _attribute(service, term, "life_domains", request)
        for term in _related(service, "life_domains")
    ]
    attributes += [
        _attribute(service, term, "target_groups", request)
        for term in _related(service, "target_groups")
    ]
    document["attributes"] = attributes
    document["service_capacity"] = capacity_documents(service, sid)
    document["organization"] = organization_document(service.provider, request)
    return document


#: The bits of a UUID that say its version and variant: a service at a location's id
#: keeps the service's.
_VERSION_AND_VARIANT = (0xF << 76) | (0x3 << 62)
#: Flipped in the service's UUID to make its service at a location's id.
_SERVICE_AT_LOCATION_MASK = uuid.UUID(derived_id("service_at_location")).int & ~_VERSION_AND_VARIANT


def service_at_location_id(service):
    """A service at its visiting address has no row of its own. Its id is the service's
    UUID with fixed bits flipped, so it can be read back (:func:`service_uuid_at_location`:
    one indexed lookup, whatever the directory's size); its location's and address's ids
    are uuid5 of the service's UUID. All stay while the service exists; a changed address
    keeps them."""
    return str(uuid.UUID(int=service.uuid.int ^ _SERVICE_AT_LOCATION_MASK))


def service_uuid_at_location(sal_id):
    """The service's UUID of a service at a location's id (a :class:`uuid.UUID`)."""
    return uuid.UUID(int=sal_id.int ^ _SERVICE_AT_LOCATION_MASK)


def location_document(service):
    sid = str(service.uuid)
    location_id = derived_id(sid, "location")
    place = ", ".join(part for part in (service.visiting_address, service.city) if part)
    return {
        "id": location_id,
        "location_type": "physical",
        "name": place,
        "addresses": [
            {
                "id": derived_id(sid, "address"),
                "location_id": location_id,
                "address_1": service.visiting_address,
                "city": service.city,
                # The directory holds no provinces; HSDS requires the field.
                "state_province": "",
                "postal_code": service.postal_code,
                "country": "NL",
                "address_type": "physical",
            }
        ],
    }


def service_at_location_document(service, request, full=False):
    """A service at its visiting address. ``full``: with the whole service (the
    detail); otherwise the service's own fields only (lists)."""
    location = location_document(service)
    return {
        "id": service_at_location_id(service),
        "service_id": str(service.uuid),
        "location_id": location["id"],
        "location": location,
        "service": service_document(service, request) if full else service_fields(service),
    }


def normalise_postcode(value):
    """A Dutch postcode as ``1234AB`` (or the four digits alone), or None when the
    value is not one: "7511 ab", "7511AB" and " 7511 AB " all read "7511AB"."""
    match = POSTCODE.fullmatch(value.strip())
    if match is None:
        return None
    return match["digits"] + (match["letters"] or "").upper()


#: The one unit of ``service_capacity`` (see SOURCE.txt): room for a new client.
CAPACITY_UNIT = {
    "id": derived_id("unit", "toolbox-capacity"),
    "name": "Plek voor een nieuwe cliënt",
    "scheme": "toolbox-capacity",
    "identifier": "new_client",
}


@functools.cache
def _capacity_words():
    """The editors' words for each known state (network/capacity.py), in Dutch, the
    language of the open data: "Neemt nieuwe cliënten aan", "Wachtlijst", …"""
    with translation.override("nl"):
        return {state: capfirst(str(state.label)) for state in State if state != State.UNKNOWN}


def capacity_documents(service, sid):
    """Room for new clients in the shape of HSDS 3.1's ``service_capacity`` (an extra
    property of the 3.0 service): ``available`` 1 when the service takes new clients
    now, else 0; a waiting time in ``waiting_weeks``. Empty when unknown (never
    stated, or stated more than three months ago: network/capacity.py)."""
    capacity = capacity_of(service)
    if not capacity.known:
        return []
    description = _capacity_words()[capacity.state]
    if capacity.weeks is not None:
        description += f", wachttijd ongeveer {capacity.weeks} weken"
    document = {
        "id": derived_id(sid, "capacity"),
        "service_id": sid,
        "unit": CAPACITY_UNIT,
        "unit_id": CAPACITY_UNIT["id"],
        "available": 1 if capacity.state == State.YES else 0,
        "description": description,
        # The day it was stated, from midnight in the Netherlands.
        "updated": timezone.make_aware(
            datetime.datetime.combine(capacity.stated_on, datetime.time())
        ).isoformat(),
        "status": capacity.state,
    }
    if capacity.weeks is not None:
        document["waiting_weeks"] = capacity.weeks
    return [document]


def _related(service, name):
    """The prefetched list (``to_attr``: no related manager per row), else a query."""
    prefetched = getattr(service, f"hsds_{name}", None)
    return prefetched if prefetched is not None else list(getattr(service, name).all())


def public_services():
    """Public services with their provider and role; :func:`with_related` adds the
    rest once the page is sliced."""
    return Service.objects.active().select_related("provider", "role").order_by("name", "pk")


def located_services():
    """Public services that have a visiting address: the services at locations."""
    return public_services().exclude(visiting_address="")


#: A related row as the documents read it: tuples, not a model instance per row.
Area = namedtuple("Area", "pk name cbs_code")
Term = namedtuple("Term", "pk uuid name slug description")
# relation: (the through table's field, its order, the row, the fields read)
_RELATED = {
    "municipalities": ("organization", ("organization__name", "organization_id"), Area),
    "life_domains": ("lifedomain", ("lifedomain__order", "lifedomain__name"), Term),
    "target_groups": ("targetgroup", ("targetgroup__order", "targetgroup__name"), Term),
}


def with_related(services, every_public=False):
    """Set each service's municipalities, life domains and target groups: one query
    each, whatever the number of services (a page of fifty holds some hundreds).
    ``every_public``: the services are all public ones (the bulk download), so the
    rows are chosen by a subquery rather than a list of ids."""
    by_id = {service.pk: service for service in services}
    for name, (target, order, row) in _RELATED.items():
        for service in services:
            setattr(service, f"hsds_{name}", [])
        if not by_id:
            continue
        through = getattr(Service, name).through
        fields = [f"{target}__{field}" for field in row._fields[1:]]
        chosen = Service.objects.active().values("pk") if every_public else by_id
        rows = (
            through.objects.filter(service_id__in=chosen)
            .order_by(*order, "pk")
            .values_list("service_id", f"{target}_id", *fields)
        )
        for service_id, *values in rows:
            service = by_id.get(service_id)  # None: made public since the services were read
            if service is not None:
                getattr(service, f"hsds_{name}").append(row(*values))
    return services
