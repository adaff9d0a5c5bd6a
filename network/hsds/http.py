"""The API's manners, the same for every address: GET and HEAD only, JSON with CORS
and an ETag, a 304 on a matching If-None-Match, a CORS preflight answered, bad
parameters a JSON 400 (never a 500); and the parameters' parsing."""

import datetime
import hashlib
import json
import math
import re
import uuid
from functools import partial, wraps

from django.http import HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.timezone import is_naive, make_aware

from toolbox_site import freshness

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
MAX_PAGE = 1_000_000
MAX_SEARCH = 200


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


class NotADocument(Exception):
    """A view answered with a response of its own (never cached)."""

    def __init__(self, response):
        super().__init__()
        self.response = response


def _document(view, request, *args, **kwargs):
    """The view's document as JSON, with its ETag."""
    result = view(request, *args, **kwargs)
    if isinstance(result, HttpResponse):
        raise NotADocument(result)
    body = json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode()
    return body, f'"{hashlib.sha256(body).hexdigest()[:40]}"'


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
        # The directory spans the country: the national versions.
        build = partial(_document, view, request, *args, **kwargs)
        try:
            if versioned:
                part = freshness.part("hsds", "network", "toolbox_site", vary=(asked,))
                body, etag = freshness.cached(part, build)
            else:
                body, etag = build()
        except BadRequest as problem:
            return error(400, str(problem))
        except NotADocument as answer:
            return answer.response
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


def text_param(request, name, max_length=MAX_SEARCH):
    value = request.GET.get(name, "")
    if "\x00" in value or "\ufffd" in value:
        raise BadRequest(f"Parameter '{name}' contains characters that are not allowed.")
    if len(value) > max_length:
        raise BadRequest(f"Parameter '{name}' is longer than {max_length} characters.")
    return value.strip()


def int_param(request, name, default, low, high):
    raw = request.GET.get(name, "")
    if raw == "":
        return default
    if not re.fullmatch(r"\d{1,9}", raw):
        raise BadRequest(f"Parameter '{name}' must be a whole number from {low} to {high}.")
    value = int(raw)
    if not low <= value <= high:
        raise BadRequest(f"Parameter '{name}' must be a whole number from {low} to {high}.")
    return value


def uuid_param(request, name):
    raw = text_param(request, name, 64)
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise BadRequest(f"Parameter '{name}' must be a UUID.") from None


def datetime_param(request, name):
    raw = text_param(request, name, 40)
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


def page_of(request, queryset):
    """Slice a queryset into an HSDS page; returns (items, page fields)."""
    page = int_param(request, "page", 1, 1, MAX_PAGE)
    per_page = int_param(request, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
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
