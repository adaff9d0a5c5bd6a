"""The directory as open data: a read-only Open Referral HSDS 3.0 API.

Mapping (ids are the models' stable UUIDs; ids of parts that have no row of
their own, such as a phone number, are derived with uuid5 from the owner's UUID,
so they are stable too):

- Provider → organization;
- active Service → service (phones, e-mail, url, languages, a "free" cost
  option, status, ``assured_date`` from ``verified_on``); archived services are
  not public and are left out everywhere (lists, details, organizations);
- municipalities served → service areas (the CBS code in ``extent``);
- roles, life domains and target groups → taxonomy terms in three taxonomies,
  attached to services through attributes.

Open-data manners: ``Access-Control-Allow-Origin: *`` and a CORS preflight
(``OPTIONS``, 204) on every URL, an ``ETag`` with
conditional GET (304), JSON errors (400 for bad parameters, 404 for unknown
ids), never a 500.
"""

import datetime
import hashlib
import json
import math
import re
import uuid
from functools import cache, wraps
from pathlib import Path

from django.core.cache import cache as django_cache
from django.db.models import Prefetch, Q
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.timezone import is_naive, make_aware
from django.views.decorators.csrf import csrf_exempt

from toolbox_site import freshness
from toolbox_site.models import Organization

from .models import LifeDomain, Provider, Role, Service, TargetGroup

HSDS_VERSION = "3.0"
PROFILE_URL = "https://docs.openreferral.org/en/latest/hsds/"
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
MAX_PAGE = 1_000_000
MAX_SEARCH = 200

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


class BadRequest(Exception):
    pass


def error(status, message):
    response = JsonResponse({"error": {"status": status, "message": message}}, status=status)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def preflight():
    """The answer to a browser's CORS preflight (``OPTIONS``), for every API URL:
    any origin may read, with GET or HEAD and the conditional-request headers."""
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Allow-Headers"] = (
        "Accept, Accept-Language, Content-Language, If-None-Match, If-Modified-Since"
    )
    response["Access-Control-Max-Age"] = "86400"
    response["Allow"] = "GET, HEAD, OPTIONS"
    return response


def api_view(view=None, *, versioned=True):
    """GET (and HEAD) only; JSON with CORS and an ETag; 304 on a matching
    If-None-Match; bad parameters become a JSON 400. Documents are cached by
    data version (toolbox_site/freshness.py): a repeated request costs one query.
    ``versioned=False`` for documents that show no data (built every time)."""
    if view is None:
        return lambda view: api_view(view, versioned=versioned)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            response = error(405, "Only GET is supported.")
            response["Allow"] = "GET, HEAD, OPTIONS"
            return response
        if request.method == "OPTIONS":
            return preflight()
        # The documents hold absolute addresses: the host and scheme are part of the key.
        asked = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        key = versioned and "hsds:{}:{}".format(
            freshness.versions("network", "toolbox_site"),
            hashlib.sha256(asked.encode()).hexdigest(),
        )
        cached = django_cache.get(key) if key else None
        if cached is None:
            try:
                result = view(request, *args, **kwargs)
            except BadRequest as problem:
                return error(400, str(problem))
            if isinstance(result, HttpResponse):
                return result
            body = json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode()
            cached = (body, f'"{hashlib.sha256(body).hexdigest()[:40]}"')
            if key:
                django_cache.set(key, cached, freshness.TIMEOUT)
        body, etag = cached
        response = get_conditional_response(request, etag=etag)
        if response is None:
            response = HttpResponse(body, content_type="application/json")
        response["ETag"] = etag
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag"
        response["Cache-Control"] = "public, max-age=60"
        patch_vary_headers(response, ["Accept-Encoding"])
        return response

    wrapped.csrf_exempt = True
    return wrapped


# --- Parameters ----------------------------------------------------------------------------


def _text_param(request, name, max_length=MAX_SEARCH):
    value = request.GET.get(name, "")
    if "\x00" in value or "\ufffd" in value:
        raise BadRequest(f"Parameter '{name}' contains characters that are not allowed.")
    if len(value) > max_length:
        raise BadRequest(f"Parameter '{name}' is longer than {max_length} characters.")
    return value.strip()


def _int_param(request, name, default, low, high):
    raw = request.GET.get(name, "")
    if raw == "":
        return default
    if not re.fullmatch(r"\d{1,9}", raw):
        raise BadRequest(f"Parameter '{name}' must be a whole number from {low} to {high}.")
    value = int(raw)
    if not low <= value <= high:
        raise BadRequest(f"Parameter '{name}' must be a whole number from {low} to {high}.")
    return value


def _uuid_param(request, name):
    raw = _text_param(request, name, 64)
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise BadRequest(f"Parameter '{name}' must be a UUID.") from None


def _datetime_param(request, name):
    raw = _text_param(request, name, 40)
    if not raw:
        return None
    try:
        moment = parse_datetime(raw)
        if moment is None:
            day = parse_date(raw)
            if day is None:
                raise ValueError
            moment = datetime.datetime.combine(day, datetime.time.min)
    except ValueError:
        raise BadRequest(
            f"Parameter '{name}' must be a date (2025-01-31) or a date and time "
            "(2025-01-31T12:00:00Z)."
        ) from None
    return make_aware(moment, datetime.UTC) if is_naive(moment) else moment


def _page(request, queryset):
    """Slice a queryset into an HSDS page; returns (items, page fields)."""
    page = _int_param(request, "page", 1, 1, MAX_PAGE)
    per_page = _int_param(request, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    total = queryset.count()
    total_pages = max(1, math.ceil(total / per_page))
    offset = (page - 1) * per_page
    items = list(queryset[offset : offset + per_page]) if offset < total else []
    return items, {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(items),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not items,
    }


# --- Documents ------------------------------------------------------------------------------


def _absolute(request, name, **kwargs):
    return request.build_absolute_uri(reverse(name, kwargs=kwargs or None))


def organization_document(provider, request):
    # The organizations' address once per request (reverse() per row is slow).
    base = getattr(request, "_hsds_organizations", None)
    if base is None:
        base = request._hsds_organizations = _absolute(request, "hsds:organizations")
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
        "uri": _absolute(request, "hsds:taxonomies") + f"#{key}",
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


def _services():
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


# --- Views ------------------------------------------------------------------------------------


@api_view(versioned=False)
def index(request):
    return {
        "version": HSDS_VERSION,
        "profile": PROFILE_URL,
        "openapi_url": _absolute(request, "hsds:openapi"),
    }


@cache
def _openapi():
    return json.loads((Path(__file__).parent / "hsds" / "openapi.json").read_text())


@api_view(versioned=False)
def openapi(request):
    return _openapi()


@api_view
def services(request):
    queryset = _services()
    municipality = _text_param(request, "municipality", 6)
    if municipality:
        if not CBS_CODE.match(municipality):
            raise BadRequest("Parameter 'municipality' must be a CBS code such as GM0164.")
        queryset = queryset.filter(
            pk__in=Service.municipalities.through.objects.filter(
                organization__cbs_code=municipality
            ).values("service_id")
        )
    term = _uuid_param(request, "taxonomy_term_id")
    if term:
        queryset = queryset.filter(
            Q(role__uuid=term)
            | Q(
                pk__in=Service.life_domains.through.objects.filter(lifedomain__uuid=term).values(
                    "service_id"
                )
            )
            | Q(
                pk__in=Service.target_groups.through.objects.filter(targetgroup__uuid=term).values(
                    "service_id"
                )
            )
        )
    search = _text_param(request, "search")
    if search:
        queryset = queryset.filter(Q(name__icontains=search) | Q(description__icontains=search))
    modified_after = _datetime_param(request, "modified_after")
    if modified_after:
        queryset = queryset.filter(updated_at__gt=modified_after)
    items, page = _page(request, queryset)
    return {**page, "contents": [service_document(service, request) for service in items]}


def _lookup(queryset, raw_id):
    try:
        return queryset.get(uuid=uuid.UUID(str(raw_id)))
    except (ValueError, queryset.model.DoesNotExist):
        return None


@api_view
def service_detail(request, id):
    service = _lookup(_services(), id)
    if service is None:
        return error(404, "There is no public service with this id.")
    return service_document(service, request)


@api_view
def organizations(request):
    queryset = Provider.objects.order_by("name", "pk")
    search = _text_param(request, "search")
    if search:
        queryset = queryset.filter(name__icontains=search)
    items, page = _page(request, queryset)
    return {**page, "contents": [organization_document(p, request) for p in items]}


@api_view
def organization_detail(request, id):
    provider = _lookup(Provider.objects.all(), id)
    if provider is None:
        return error(404, "There is no organization with this id.")
    document = organization_document(provider, request)
    document["services"] = [
        {"id": str(service.uuid), "name": service.name, "status": "active"}
        for service in provider.services.active()
        .order_by("name", "pk")
        .only("uuid", "name", "provider")
    ]
    return document


@api_view
def taxonomies(request):
    documents = [taxonomy_document(key, request) for key in TAXONOMIES]
    search = _text_param(request, "search").lower()
    if search:
        documents = [d for d in documents if search in d["name"].lower()]
    page = _int_param(request, "page", 1, 1, MAX_PAGE)
    _int_param(request, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    contents = documents if page == 1 else []
    return {
        "total_items": len(documents),
        "total_pages": 1,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": True,
        "empty": not contents,
        "contents": contents,
    }


@api_view
def taxonomy_terms(request):
    wanted = _uuid_param(request, "taxonomy_id")
    keys = [key for key in TAXONOMIES if wanted is None or taxonomy_id(key) == str(wanted)]
    search = _text_param(request, "search")
    terms = []
    for key in keys:  # three small reference lists: one query each
        queryset = TAXONOMIES[key]["model"].objects.order_by("order", "name")
        if search:
            queryset = queryset.filter(name__icontains=search)
        terms += [(term, key) for term in queryset]
    page = _int_param(request, "page", 1, 1, MAX_PAGE)
    per_page = _int_param(request, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    total_pages = max(1, math.ceil(len(terms) / per_page))
    chunk = terms[(page - 1) * per_page : page * per_page]
    return {
        "total_items": len(terms),
        "total_pages": total_pages,
        "page_number": page,
        "size": len(chunk),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not chunk,
        "contents": [term_document(term, key) for term, key in chunk],
    }


@api_view(versioned=False)
@csrf_exempt
def not_found(request, rest=""):
    return error(404, "There is no such resource in this API.")
