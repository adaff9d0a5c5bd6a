"""The HSDS documents: how a provider, a service, a taxonomy and a term of the
network read as Open Referral HSDS 3.0 objects (see the package's docstring for
the mapping)."""

import re
import uuid

from django.db.models import Prefetch
from django.urls import reverse

from toolbox_site.models import Organization

from ..models import LifeDomain, Role, Service, TargetGroup

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


def derived_id(*parts):
    return str(uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


def taxonomy_id(key):
    return derived_id("taxonomy", key)


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
        "description": provider.get_kind_display().capitalize(),
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


def _attribute(service, term, key):
    return {
        "id": derived_id(service.uuid, "attribute", term.uuid),
        "link_id": str(service.uuid),
        "link_type": TAXONOMIES[key]["name"],
        "link_entity": "service",
        "taxonomy_term_id": str(term.uuid),
        "taxonomy_term": term_document(term, key),
    }


def service_document(service, request):
    sid = str(service.uuid)
    document = {
        "id": sid,
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
    attributes = [_attribute(service, service.role, "roles")]
    attributes += [
        _attribute(service, term, "life_domains") for term in _related(service, "life_domains")
    ]
    attributes += [
        _attribute(service, term, "target_groups") for term in _related(service, "target_groups")
    ]
    document["attributes"] = attributes
    document["organization"] = organization_document(service.provider, request)
    return document


def _related(service, name):
    """The prefetched list (``to_attr``: no related manager per row), else a query."""
    prefetched = getattr(service, f"hsds_{name}", None)
    return prefetched if prefetched is not None else list(getattr(service, name).all())


def public_services():
    """Public services with everything a document needs, in a fixed number of
    queries (the page, then one prefetch per relation)."""
    return (
        Service.objects.active()
        .select_related("provider", "role")
        .prefetch_related(
            Prefetch(
                "municipalities",
                queryset=Organization.objects.only("pk", "name", "cbs_code").order_by("name"),
                to_attr="hsds_municipalities",
            ),
            Prefetch("life_domains", to_attr="hsds_life_domains"),
            Prefetch("target_groups", to_attr="hsds_target_groups"),
        )
        .order_by("name", "pk")
    )
