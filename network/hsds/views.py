"""The API's addresses: the index, the OpenAPI description, services,
organizations, taxonomies and their terms, and a JSON 404 for the rest."""

import json
import math
import uuid
from functools import cache
from pathlib import Path

from django.db.models import Q
from django.views.decorators.csrf import csrf_exempt

from ..models import Provider, Service
from .documents import (
    CBS_CODE,
    HSDS_VERSION,
    PROFILE_URL,
    TAXONOMIES,
    absolute,
    organization_document,
    public_services,
    service_document,
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
    text_param,
    uuid_param,
)


@api_view(versioned=False)
def index(request):
    return {
        "version": HSDS_VERSION,
        "profile": PROFILE_URL,
        "openapi_url": absolute(request, "hsds:openapi"),
    }


@cache
def _openapi():
    return json.loads((Path(__file__).parent / "openapi.json").read_text())


@api_view(versioned=False)
def openapi(request):
    return _openapi()


@api_view
def services(request):
    queryset = public_services()
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
    items, page = page_of(request, queryset)
    with_related(items)
    return {**page, "contents": [service_document(service, request) for service in items]}


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


@api_view(versioned=False)
@csrf_exempt
def not_found(request, rest=""):
    return error(404, "There is no such resource in this API.")
