"""The site's own pages: home, accessibility, privacy, the language switch,
the health check, the favicon and the answer to a bad request."""

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from finder.services import life_situations

from .. import freshness
from ..context_processors import resolve_or_none
from ..models import Organization


def bad_request(request, exception):
    """400: the site's page, or a JSON error for the open-data API under /api/."""
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"error": {"status": 400, "message": "Bad request: characters that are not allowed."}},
            status=400,
        )
        response["Access-Control-Allow-Origin"] = "*"
        return response
    return defaults.bad_request(request, exception)


@require_safe
def home(request):
    links = {
        "criteria": resolve_or_none("criteria:index"),
        "network": resolve_or_none("network:index"),
        "finder": resolve_or_none("finder:index"),
        "public_dashboard": resolve_or_none("monitoring:public"),
        "step_plan": resolve_or_none("network:step_plan"),
        "my_toolbox": reverse("my_toolbox"),
        "glossary": reverse("glossary:index"),
    }
    # The residents' block: municipality and situation, sent straight to the finder's
    # results (or, without a finder, the municipalities' websites).
    # A cached part (toolbox_site/freshness.py): the lists are read only on a miss.
    municipalities = Organization.objects.municipalities().only("name", "slug", "website")
    situations = SimpleLazyObject(lambda: life_situations() if links["finder"] else [])
    return render(
        request,
        "toolbox_site/home.html",
        {
            "links": links,
            "municipalities": municipalities,
            "situations": situations,
            "residents_part": freshness.part(
                "home-residents", "finder", "toolbox_site", shared=True, vary=(links["finder"],)
            ),
        },
    )


@require_safe
def accessibility(request):
    return render(
        request,
        "toolbox_site/accessibility.html",
        {"breadcrumbs": [(_("Accessibility"), None)]},
    )


@require_safe
def privacy(request):
    return render(
        request,
        "toolbox_site/privacy.html",
        {
            "breadcrumbs": [(_("Privacy"), None)],
            "report_text_days": settings.REPORT_TEXT_RETENTION_DAYS,
        },
    )


@require_safe
@never_cache
def switch_language(request, code):
    """The header's language links: ``/taal/<code>/?next=<path>``.

    A plain link rather than a form, so no page needs a CSRF token (and cookie)
    for it: a public page sets no cookie until the visitor chooses a language
    here. The language cookie is set only when ``next`` stays on this site;
    otherwise the visitor goes to the home page and nothing is set. The worst
    a forged link can do is switch a visitor's language.
    """
    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    response = HttpResponseRedirect(target if safe else reverse("home"))
    if safe:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response


def database_is_healthy(conn):
    """True when the database answers and, on SQLite, would accept a write.

    ``SELECT 1`` touches no file on SQLite, so a database locked by a stuck
    writer looked healthy; ``BEGIN IMMEDIATE`` asks for the write lock (and
    gives it back at once), waiting at most a second.
    """
    try:
        with conn.cursor() as cursor:
            if conn.vendor == "sqlite" and not conn.in_atomic_block:
                cursor.execute("PRAGMA busy_timeout")
                (timeout,) = cursor.fetchone()
                cursor.execute("PRAGMA busy_timeout = 1000")
                try:
                    cursor.execute("BEGIN IMMEDIATE")
                    cursor.execute("ROLLBACK")
                finally:
                    cursor.execute(f"PRAGMA busy_timeout = {int(timeout)}")
            else:
                cursor.execute("SELECT 1")
                cursor.fetchone()
    except Exception:  # any database failure means: not healthy
        return False
    return True


@require_safe
@never_cache
def healthz(request):
    """Liveness and database check for the load balancer (GET or HEAD)."""
    if not database_is_healthy(connection):
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_safe
def favicon(request):
    """Browsers (and the admin's pages) ask for /favicon.ico; the icon is a static SVG."""
    return redirect(static("favicon.svg"), permanent=True)
