from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection, transaction
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .audit import changes_of, log_action
from .context_processors import resolve_or_none
from .forms import OrganizationContactForm, ProfileForm
from .models import Membership, Organization
from .permissions import access_for, get_object_for_user


def home(request):
    links = {
        "criteria": resolve_or_none("criteria:index"),
        "network": resolve_or_none("network:index"),
        "finder": resolve_or_none("network:finder"),
    }
    # The residents' block: a municipality choice that opens the finder (or,
    # without a finder, the municipalities' websites). One query either way.
    municipalities = Organization.objects.municipalities().only("name", "slug", "website")
    return render(
        request, "toolbox_site/home.html", {"links": links, "municipalities": municipalities}
    )


def accessibility(request):
    return render(
        request,
        "toolbox_site/accessibility.html",
        {"breadcrumbs": [(_("Accessibility"), None)]},
    )


def privacy(request):
    return render(request, "toolbox_site/privacy.html", {"breadcrumbs": [(_("Privacy"), None)]})


@require_GET
@never_cache
def healthz(request):
    """Liveness and database check for the load balancer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means: not healthy
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def favicon(request):
    """Browsers (and the admin's pages) ask for /favicon.ico; the icon is a static SVG."""
    return redirect(static("favicon.svg"), permanent=True)


@login_required
def account(request):
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("organization", "organization__region")
        .order_by("organization__name")
    )
    access = access_for(request.user)
    rows = [
        {
            "membership": membership,
            "can_change": access.may_change(membership.organization),
        }
        for membership in memberships
    ]
    return render(
        request,
        "toolbox_site/account.html",
        {"rows": rows, "breadcrumbs": [(_("My account"), None)]},
    )


@login_required
def profile_edit(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your details have been saved."))
        return redirect("account")
    return render(
        request,
        "toolbox_site/profile_form.html",
        {
            "form": form,
            "breadcrumbs": [(_("My account"), reverse("account")), (_("My details"), None)],
        },
    )


@login_required
def organization_edit(request, slug):
    organization = get_object_for_user(
        request.user, Organization.objects.select_related("region"), write=True, slug=slug
    )
    form = OrganizationContactForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            if form.has_changed():
                log_action(
                    request.user,
                    organization,
                    "toolbox_site.organization.changed",
                    {"changes": changes_of(form)},
                )
        messages.success(
            request,
            _("The contact details of %(name)s have been saved.") % {"name": organization.name},
        )
        return redirect("account")
    return render(
        request,
        "toolbox_site/organization_form.html",
        {
            "organization": organization,
            "form": form,
            "breadcrumbs": [
                (_("My account"), reverse("account")),
                (organization.name, None),
            ],
        },
    )
