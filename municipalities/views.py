"""A municipality's page ("where do we stand?") and the region's overview, which
compares its municipalities on the same points; and the contact persons, which the
municipality's editors keep."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.template.defaultfilters import capfirst, floatformat
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from criteria.models import LocalAgreement
from finder.services import first_month, search_log_version, unmet_demand_municipalities
from monitoring.models import Report
from network.figures import municipalities_with_steps, network_figures
from practice.queries import examples_for_municipality
from toolbox_site import freshness, sorting
from toolbox_site.audit_trail import trail_url
from toolbox_site.locking import Conflict, show_conflict
from toolbox_site.models import Organization
from toolbox_site.permissions import (
    can_change,
    can_view,
    get_object_for_user,
    member_organization_ids,
)
from toolbox_site.regions import municipality_or_404, region_for

from . import facts, services
from .forms import ContactPersonForm, NewContactPersonForm, RemoveContactPersonForm
from .models import ContactPerson

# The data the pages show (their cached parts are kept under these apps' versions).
APPS = ("toolbox_site", "network", "criteria", "monitoring", "municipalities", "practice")


def crumb():
    return (_("Municipalities"), reverse("municipalities:overview"))


# --- The region's overview ---------------------------------------------------------------

SORT_KEYS = {
    "naam": lambda row: row["municipality"].name.lower(),
    "inwoners": lambda row: row["municipality"].inhabitants or 0,
    "diensten": lambda row: row["network"].services,
    "ontbrekend": lambda row: row["network"].missing,
    "stappen": lambda row: row["network"].steps_done,
    "verouderd": lambda row: row["network"].stale,
    "afspraken": lambda row: row["agreements"].agreed if row["agreements"] else -1,
    "herzien": lambda row: row["agreements"].due if row["agreements"] else -1,
    "goedgekeurd": lambda row: row["approved"] if row["approved"] is not None else -1,
    "zonder": lambda row: row["searches"].without_match if row["searches"] else -1,
}


def overview(request):
    region_choice = region_for(request)
    region = region_choice.region
    sort = sorting.chosen_sort(request, SORT_KEYS, "naam")
    user = request.user
    return render(
        request,
        "municipalities/overview.html",
        {
            "region_choice": region_choice,
            "region": region,
            "part": freshness.part(
                "municipalities-overview",
                *APPS,
                region=region,
                request=request,
                vary=(region_choice.several, search_version(user, region)),
            ),
            "page": SimpleLazyObject(lambda: _overview(user, region, sort)),
            "breadcrumbs": [(_("Municipalities"), None)],
        },
    )


def search_version(user, region):
    """The finder's counts raise no data version (a search on every search), so the
    parts that show them to who may see them are kept under their own version."""
    if not user.is_authenticated:
        return ""
    visible = unmet_demand_municipalities(user).filter(region=region)
    return search_log_version(visible, first_month())


def _overview(user, region, sort):
    municipalities = municipalities_with_steps(region)
    ids = [municipality.pk for municipality in municipalities]
    steps_done = {municipality.pk: municipality.steps_done for municipality in municipalities}
    network = network_figures(ids, steps_done=steps_done)
    member = user.is_authenticated
    # Agreements are shared with every member; reports and searches only with the
    # municipality's own members and the region's coordinators.
    visible = [municipality.pk for municipality in municipalities if can_view(user, municipality)]
    agreements = facts.agreements(ids) if member and ids else {}
    reports = facts.reports(visible) if visible else {}
    searches = facts.searches(visible) if visible else {}
    rows = []
    for municipality in municipalities:
        sees = municipality.pk in visible
        states = reports.get(municipality.pk, {})
        rows.append(
            {
                "municipality": municipality,
                "network": network.rows[municipality.pk],
                "agreements": agreements.get(municipality.pk, facts.Agreements({}, 0))
                if member
                else None,
                "approved": states.get(Report.Status.APPROVED, 0) if sees else None,
                "submitted": states.get(Report.Status.SUBMITTED, 0) if sees else None,
                "searches": searches.get(municipality.pk, facts.Searches(0, 0)) if sees else None,
            }
        )
    sorting.sort_rows(rows, sort, SORT_KEYS)
    # The numbers as the table shows them (municipalities/jinja2/municipalities/
    # overview_rows.html), each text translated once.
    of_total = _("%(done)s of %(total)s")
    without_of = _("%(without)s of %(total)s")
    criteria_count = facts.criteria_count(region.pk) if member and region else 0
    for row in rows:
        inhabitants = row["municipality"].inhabitants
        row["inhabitants"] = floatformat(inhabitants, "0g") if inhabitants else "–"
        row["steps"] = of_total % {"done": row["network"].steps_done, "total": network.step_count}
        if member:
            row["agreed"] = of_total % {"done": row["agreements"].agreed, "total": criteria_count}
        if row["approved"] is not None:
            row["awaiting"] = ngettext(
                "%(counter)s awaiting approval", "%(counter)s awaiting approval", row["submitted"]
            ) % {"counter": row["submitted"]}
            searches = row["searches"]
            row["without_match"] = without_of % {
                "without": searches.without_match,
                "total": searches.searches,
            }
    columns = [
        ("naam", _("Municipality")),
        ("inwoners", _("Inhabitants")),
        ("diensten", _("Services")),
        ("ontbrekend", _("Missing roles")),
        ("stappen", _("Step plan")),
        ("verouderd", _("Not checked for over 12 months")),
    ]
    if member:
        columns += [("afspraken", _("Agreements made")), ("herzien", _("Due for review"))]
    if visible:
        columns += [
            ("goedgekeurd", _("Reports approved")),
            ("zonder", _("Searches without a match")),
        ]
    return {
        "rows": rows,
        "headers": sorting.headers(columns, sort),
        "member": member,
        "any_visible": bool(visible),
        "role_count": network.role_count,
        "step_count": network.step_count,
        "criteria_count": criteria_count,
        "of_roles": _("of %(total)s") % {"total": network.role_count},
    }


# --- A municipality's page ------------------------------------------------------------


def detail(request, slug):
    municipality = municipality_or_404(slug)
    user = request.user
    sees = can_view(user, municipality)
    # Who sees the searches: their counts' version (the key) and the counts, at once.
    search_version, searches = facts.searches_of(municipality.pk) if sees else ("", None)
    return render(
        request,
        "municipalities/detail.html",
        {
            "municipality": municipality,
            "part": freshness.part(
                "municipalities-page",
                *APPS,
                municipality=municipality,
                request=request,
                vary=(search_version,),
            ),
            "page": SimpleLazyObject(lambda: _page(user, municipality, sees, searches)),
            "breadcrumbs": [crumb(), (municipality.name, None)],
        },
    )


def _page(user, municipality, sees, searches):
    network = network_figures([municipality.pk])
    figures = network.rows[municipality.pk]
    member = user.is_authenticated
    states = facts.reports([municipality.pk]).get(municipality.pk, {}) if sees else {}
    own = municipality.pk in member_organization_ids(user)
    agreements = None
    if member:
        agreements = facts.agreements([municipality.pk]).get(
            municipality.pk, facts.Agreements({}, 0)
        )
    missing = [role for role in network.roles if role.pk not in figures.roles]
    criteria_count = facts.criteria_count(municipality.region_id) if member else 0
    name = {"name": municipality.name}
    # The texts with numbers and names, as the page (municipalities/jinja2/
    # municipalities/detail_body.html) shows them.
    texts = {
        "categories": ngettext(
            "One service, per role category",
            "%(counter)s services, per role category",
            figures.services,
        )
        % {"counter": figures.services},
        "missing": ngettext("One missing role", "%(counter)s missing roles", len(missing))
        % {"counter": len(missing)},
        "stale": ngettext(
            "One entry has not been checked for over 12 months.",
            "%(counter)s entries have not been checked for over 12 months.",
            figures.stale,
        )
        % {"counter": figures.stale},
        "steps": _("Step plan: %(done)s of %(total)s steps done.")
        % {"done": figures.steps_done, "total": network.step_count},
        "map": _("Network map of %(name)s") % name,
        "step_plan": _("Step plan of %(name)s") % name,
        "finder": _("The finder on the website of %(name)s") % name,
        "material": _("Poster, flyer and referral card of %(name)s") % name,
        "no_examples": _("%(name)s has not shared a practice example yet.") % name,
        "trail": _("Changes of %(name)s in the audit trail") % name,
    }
    if agreements:
        texts["agreed"] = _(
            "%(done)s of the %(total)s regional criteria have an agreement with the status "
            "“agreed”."
        ) % {"done": agreements.agreed, "total": criteria_count}
        texts["due"] = ngettext(
            "One due for review", "%(counter)s due for review", agreements.due
        ) % {"counter": agreements.due}
    if searches and searches.searches:
        texts["searches"] = _(
            "In the last twelve months residents searched %(total)s times in the finder; "
            "%(without)s times (%(share)s%%) they found no independent client support."
        ) % {
            "total": searches.searches,
            "without": searches.without_match,
            "share": searches.share,
        }
    inhabitants = municipality.inhabitants
    return {
        "network": figures,
        "categories": list(zip(network.categories, figures.per_category, strict=True)),
        "missing": missing,
        "member": member,
        "sees": sees,
        "may_change": can_change(user, municipality),
        "inhabitants": floatformat(inhabitants, "0g") if inhabitants else "",
        "agreements": agreements,
        "agreement_states": [
            (capfirst(label), agreements.per_status.get(value, 0))
            for value, label in LocalAgreement.Status.choices
        ]
        if agreements
        else [],
        "report_states": [
            (capfirst(label), states.get(value, 0)) for value, label in Report.Status.choices
        ],
        "key_figures": facts.key_figures(municipality, own=own),
        "searches": searches,
        "examples": examples_for_municipality(user, municipality),
        "contacts": list(ContactPerson.objects.filter(municipality=municipality)) if member else [],
        "trail_url": trail_url(user, municipality, organisatie=municipality.pk) if sees else "",
        "texts": texts,
    }


# --- Contact persons --------------------------------------------------------------------


def _contact_crumbs(municipality, last):
    return [
        crumb(),
        (municipality.name, reverse("municipalities:detail", args=[municipality.slug])),
        (last, None),
    ]


def _back(municipality):
    return redirect(reverse("municipalities:detail", args=[municipality.slug]) + "#contactpersonen")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def contact_create(request, slug):
    municipality = get_object_for_user(
        request.user, Organization.objects.municipalities(), write=True, slug=slug
    )
    form = NewContactPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contact = services.add_contact(form, municipality, request.user)
        messages.success(request, _("%(name)s has been added.") % {"name": contact.name})
        return _back(municipality)
    return render(
        request,
        "municipalities/contact_form.html",
        {
            "form": form,
            "municipality": municipality,
            "title": _("Add a contact person"),
            "breadcrumbs": _contact_crumbs(municipality, _("Add a contact person")),
        },
    )


def _contact(request, slug, pk):
    return get_object_for_user(
        request.user,
        ContactPerson.objects.select_related("municipality"),
        write=True,
        pk=pk,
        municipality__slug=slug,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def contact_edit(request, slug, pk):
    contact = _contact(request, slug, pk)
    form = ContactPersonForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_contact(form, request.user)
        except Conflict as conflict:
            show_conflict(form, conflict.current)
        else:
            messages.success(request, _("Your changes have been saved."))
            return _back(contact.municipality)
    return render(
        request,
        "municipalities/contact_form.html",
        {
            "form": form,
            "municipality": contact.municipality,
            "title": _("Edit %(name)s") % {"name": contact.name},
            "breadcrumbs": _contact_crumbs(contact.municipality, contact.name),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def contact_remove(request, slug, pk):
    contact = _contact(request, slug, pk)
    form = RemoveContactPersonForm(request.POST or None, initial={"version": contact.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.remove_contact(contact, request.user, form.cleaned_data["version"])
        except Conflict as conflict:
            show_conflict(form, conflict.current)
        else:
            messages.success(request, _("%(name)s has been removed.") % {"name": contact.name})
            return _back(contact.municipality)
    return render(
        request,
        "municipalities/contact_remove.html",
        {
            "form": form,
            "contact": contact,
            "municipality": contact.municipality,
            "breadcrumbs": _contact_crumbs(contact.municipality, _("Remove")),
        },
    )
