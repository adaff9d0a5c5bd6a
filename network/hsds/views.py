"""The API's addresses: the index, the OpenAPI description, services,
organizations, taxonomies and their terms, and a JSON 404 for the rest."""

import copy
import hashlib
import json
import math
import uuid
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db.models import Q, Value
from django.db.models.functions import Replace, Upper
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.views.decorators.csrf import csrf_exempt

from toolbox_site import freshness

from ..models import MAX_AGE, Provider, Service
from . import tabular
from .documents import (
    CBS_CODE,
    HSDS_VERSION,
    PROFILE_URL,
    TAXONOMIES,
    absolute,
    located_services,
    normalise_postcode,
    organization_document,
    public_services,
    service_at_location_document,
    service_document,
    service_uuid_at_location,
    taxonomy_document,
    taxonomy_id,
    term_document,
    with_related,
)
from .http import (
    DEFAULT_PER_PAGE,
    MAX_PAGE,
    MAX_PER_PAGE,
    BadRequest,
    api_view,
    datetime_param,
    error,
    int_param,
    page_of,
    preflight,
    text_param,
    uuid_param,
)

#: The bulk download's file name.
DOWNLOAD_NAME = "hsds-tabular.zip"


@api_view(versioned=False)
def index(request):
    return {
        "version": HSDS_VERSION,
        "profile": PROFILE_URL,
        "openapi_url": absolute(request, "hsds:openapi"),
        # Not in HSDS's index: the whole directory at once, as CSV files in a zip.
        "download_url": absolute(request, "hsds:download"),
    }


@cache
def _openapi():
    return json.loads((Path(__file__).parent / "openapi.json").read_text())


@api_view(versioned=False)
def openapi(request):
    """The OpenAPI document, with this site's address as its server and the site's
    contact (settings.CONTACT_EMAIL)."""
    document = copy.deepcopy(_openapi())
    document["servers"] = [
        {"url": absolute(request, "hsds:index").rstrip("/"), "description": "This site."}
    ]
    document["info"]["contact"] = {
        "name": "Toolbox Cliëntondersteuning",
        "url": request.build_absolute_uri("/"),
        "email": settings.CONTACT_EMAIL,
    }
    return document


def _filtered(request, queryset):
    """The filters the lists of services and of services at locations share; they
    combine with AND. Bad values raise :class:`BadRequest` (a JSON 400)."""
    municipality = text_param(request, "municipality", 6)
    if municipality:
        if not CBS_CODE.match(municipality):
            raise BadRequest("Parameter 'municipality' must be a CBS code such as GM0164.")
        queryset = queryset.filter(
            pk__in=Service.municipalities.through.objects.filter(
                organization__cbs_code=municipality
            ).values("service_id")
        )
    term = uuid_param(request, "taxonomy_term_id")
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
    search = text_param(request, "search")
    if search:
        queryset = queryset.filter(Q(name__icontains=search) | Q(description__icontains=search))
    modified_after = datetime_param(request, "modified_after")
    if modified_after:
        queryset = queryset.filter(updated_at__gt=modified_after)
    return _by_age(request, queryset)


def _by_age(request, queryset):
    """Open Referral UK's ``minimum_age`` / ``maximum_age``: the services for someone
    of that age range. A service qualifies when its own range (empty side: no
    limit) overlaps the asked one: ``minimum_age=N`` keeps services whose maximum
    age is N or more (or none), ``maximum_age=N`` those whose minimum age is N or
    less (or none); both together: the services for some age from one to the other."""
    low = int_param(request, "minimum_age", None, 0, MAX_AGE)
    high = int_param(request, "maximum_age", None, 0, MAX_AGE)
    if low is not None and high is not None and low > high:
        raise BadRequest("Parameter 'minimum_age' must not be greater than 'maximum_age'.")
    if low is not None:
        queryset = queryset.filter(Q(maximum_age__isnull=True) | Q(maximum_age__gte=low))
    if high is not None:
        queryset = queryset.filter(Q(minimum_age__isnull=True) | Q(minimum_age__lte=high))
    return queryset


@api_view
def services(request):
    items, page = page_of(request, _filtered(request, public_services()))
    with_related(items)
    return {**page, "contents": [service_document(service, request) for service in items]}


@api_view
def service_at_locations(request):
    queryset = _filtered(request, located_services())
    if text_param(request, "proximity", 40):
        raise BadRequest(
            "Parameter 'proximity' is not supported: this API does not geocode postcodes. "
            "Use 'postcode' to find the services at a postcode."
        )
    raw = text_param(request, "postcode", 10)
    if raw:
        postcode = normalise_postcode(raw)
        if postcode is None:
            raise BadRequest(
                "Parameter 'postcode' must be a Dutch postcode such as 7511 AB (or its four "
                "digits, such as 7511)."
            )
        compact = Upper(Replace("postal_code", Value(" "), Value("")))
        queryset = queryset.alias(postcode=compact)
        if len(postcode) == 6:
            queryset = queryset.filter(postcode=postcode)
        else:
            queryset = queryset.filter(postcode__startswith=postcode)
    items, page = page_of(request, queryset)
    return {
        **page,
        "contents": [service_at_location_document(service, request) for service in items],
    }


def _lookup(queryset, raw_id):
    try:
        return queryset.get(uuid=uuid.UUID(str(raw_id)))
    except (ValueError, queryset.model.DoesNotExist):
        return None


@api_view
def service_detail(request, id):
    service = _lookup(public_services(), id)
    if service is None:
        return error(404, "There is no public service with this id.")
    with_related([service])
    return service_document(service, request)


@api_view
def service_at_location_detail(request, id):
    # The id is the service's UUID with fixed bits flipped
    # (documents.service_at_location_id): one indexed lookup.
    try:
        wanted = service_uuid_at_location(uuid.UUID(str(id)))
    except ValueError:
        wanted = None
    service = located_services().filter(uuid=wanted).first() if wanted else None
    if service is None:
        return error(404, "There is no service at a location with this id.")
    with_related([service])
    return service_at_location_document(service, request, full=True)


@api_view
def organizations(request):
    queryset = Provider.objects.order_by("name", "pk")
    search = text_param(request, "search")
    if search:
        queryset = queryset.filter(name__icontains=search)
    items, page = page_of(request, queryset)
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
    search = text_param(request, "search").lower()
    if search:
        documents = [d for d in documents if search in d["name"].lower()]
    page = int_param(request, "page", 1, 1, MAX_PAGE)
    int_param(request, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
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
def taxonomy_detail(request, id):
    wanted = str(id).strip().lower()
    key = next((key for key in TAXONOMIES if taxonomy_id(key) == wanted), None)
    if key is None:
        return error(404, "There is no taxonomy with this id.")
    return taxonomy_document(key, request)


@api_view
def taxonomy_term_detail(request, id):
    try:
        wanted = uuid.UUID(str(id))
    except ValueError:
        wanted = None
    for key, info in TAXONOMIES.items() if wanted else ():
        term = info["model"].objects.filter(uuid=wanted).first()
        if term is not None:
            return term_document(term, key)
    return error(404, "There is no taxonomy term with this id.")


@api_view
def taxonomy_terms(request):
    wanted = uuid_param(request, "taxonomy_id")
    keys = [key for key in TAXONOMIES if wanted is None or taxonomy_id(key) == str(wanted)]
    search = text_param(request, "search")
    terms = []
    for key in keys:  # three small reference lists: one query each
        queryset = TAXONOMIES[key]["model"].objects.order_by("order", "name")
        if search:
            queryset = queryset.filter(name__icontains=search)
        terms += [(term, key) for term in queryset]
    page = int_param(request, "page", 1, 1, MAX_PAGE)
    per_page = int_param(request, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
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


@csrf_exempt
def download(request):
    """The whole directory as a zip of HSDS's tabular form (see tabular.py): the
    same manners as the JSON addresses, kept until the data changes."""
    if request.method == "OPTIONS":
        return preflight()
    if request.method not in ("GET", "HEAD"):
        response = error(405, "Only GET is supported.")
        response["Allow"] = "GET, HEAD, OPTIONS"
        return response
    site = f"{request.scheme}://{request.get_host()}"  # the documents' absolute addresses
    part = freshness.part("hsds-download", "network", "toolbox_site", vary=(site,))
    body = freshness.cached(part, lambda: tabular.package(request))
    etag = f'"{hashlib.sha256(body).hexdigest()[:40]}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(body, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{DOWNLOAD_NAME}"'
    response["ETag"] = etag
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "ETag"
    response["Cache-Control"] = "public, max-age=60"
    return response


@api_view(versioned=False)
@csrf_exempt
def not_found(request, rest=""):
    return error(404, "There is no such resource in this API.")
