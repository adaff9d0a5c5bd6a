"""One municipality's local agreements on the criteria: the page and its form.
The writes themselves are criteria.services.save_agreements."""

from typing import NamedTuple

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import FilteredRelation, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from toolbox_site.audit_trail import trail_url
from toolbox_site.dates import show_date, show_datetime
from toolbox_site.models import Organization
from toolbox_site.people import display_name_of
from toolbox_site.permissions import can_change, get_object_for_user
from toolbox_site.regions import municipality_or_404

from ..forms import (
    AgreementsForm,
)
from ..models import (
    Criterion,
    Framework,
    LocalAgreement,
)
from ..services import save_agreements
from .common import (
    RECENT_CHANGES,
    REVIEW_SOON_DAYS,
    criterion_url,
    labels,
    page_part,
    remembered,
)

AGREEMENT_COLUMNS = (
    "id",
    "status",
    "area",
    "text",
    "review_date",
    "needs_review",
    "updated_at",
    "version",
)


class ThemeRow(NamedTuple):
    pk: int
    name: str


class CriterionRow(NamedTuple):
    """What the page, the form and criteria.services.save_agreements need of a criterion."""

    pk: int
    code: str
    title: str
    theme: ThemeRow


class AgreementRow(NamedTuple):
    """A saved agreement, with what AgreementsForm reads of it: its fields, the
    version the editor sees, and who changed it last, by name."""

    criterion: CriterionRow
    id: int
    status: str
    area: str
    text: str
    review_date: object
    needs_review: bool
    updated_at: object
    version: int
    updated_by_name: str

    @property
    def criterion_id(self):
        return self.criterion.pk


def current_framework(region_id):
    """The region's published framework (one at most), or None."""
    return Framework.objects.published().filter(region_id=region_id).first()


def criteria_with_agreements(municipality, framework):
    """The criteria of ``framework`` (the municipality's region's published one), each
    with its theme, and the municipality's agreements on them, by criterion id: one
    query (a LEFT JOIN), read as tuples, a theme made once. For the page as saved and
    for the form as posted alike; the writes read the rows they lock themselves."""
    if framework is None:
        return [], {}
    rows = (
        Criterion.objects.filter(framework=framework)
        .annotate(
            agreement=FilteredRelation(
                "agreements", condition=Q(agreements__municipality=municipality)
            )
        )
        .order_by("theme__order", "theme_id", "order", "code")
        .values_list(
            "id",
            "code",
            "title",
            "theme_id",
            "theme__name",
            *(f"agreement__{name}" for name in AGREEMENT_COLUMNS),
            *(f"agreement__updated_by__{name}" for name in ("username", "first_name", "last_name")),
        )
    )
    criteria, current, themes = [], {}, {}
    for pk, code, title, theme_id, theme_name, *agreement in rows:
        if theme_id not in themes:
            themes[theme_id] = ThemeRow(theme_id, theme_name)
        criterion = CriterionRow(pk, code, title, themes[theme_id])
        criteria.append(criterion)
        if agreement[0] is None:
            continue
        *columns, username, first_name, last_name = agreement
        current[pk] = AgreementRow(
            criterion, *columns, display_name_of(username, first_name, last_name)
        )
    return criteria, current


@login_required
def agreements(request, slug):
    municipality = municipality_or_404(slug)
    if request.method == "POST":
        # Only the municipality's editors and the region's coordinators write.
        get_object_for_user(
            request.user, Organization.objects.filter(pk=municipality.pk), write=True
        )
    may_change = can_change(request.user, municipality)
    form = None
    if request.method == "POST":
        framework = current_framework(municipality.region_id)
        criteria, current = criteria_with_agreements(municipality, framework)
        form = AgreementsForm(request.POST, criteria=criteria, agreements=current)
        if form.is_valid():
            values = {c.pk: form.values_for(c) for c in criteria}
            seen = {c.pk: form.cleaned_data.get(f"version_{c.pk}") or 0 for c in criteria}
            result = save_agreements(municipality, criteria, values, seen, request.user)
            if not result.conflicts:
                if result.changed:
                    messages.success(
                        request,
                        ngettext(
                            "%(count)s agreement of %(name)s has been saved.",
                            "%(count)s agreements of %(name)s have been saved.",
                            len(result.changed),
                        )
                        % {"count": len(result.changed), "name": municipality.name},
                    )
                else:
                    messages.info(request, _("Nothing was changed."))
                return redirect("criteria:agreements", slug=municipality.slug)
            # Someone else saved first: keep what was typed, point at each conflict,
            # and take over the new versions so that saving again is a conscious choice.
            criteria, current = criteria_with_agreements(municipality, framework)
            data = request.POST.copy()
            for pk in result.conflicts:
                data[f"version_{pk}"] = str(current[pk].version if pk in current else 0)
            form = AgreementsForm(data, criteria=criteria, agreements=current)
            form.is_valid()
            for pk, message in result.conflicts.items():
                form.add_error(f"status_{pk}", message)
            messages.error(
                request,
                ngettext(
                    "Someone else changed %(count)s of these agreements while you were editing.",
                    "Someone else changed %(count)s of these agreements while you were editing.",
                    len(result.conflicts),
                )
                % {"count": len(result.conflicts)},
            )
        # What was typed is shown as typed: this page is never cached.
        page = agreements_page(municipality, criteria, current, form)
    else:
        framework = remembered(
            "framework",
            municipality.region_id,
            (),
            lambda: current_framework(municipality.region_id),
        )
        # Built only when the cached fragments are missing (see toolbox_site/freshness.py).
        page = SimpleLazyObject(
            lambda: agreements_page(
                municipality, *criteria_with_agreements(municipality, framework), None
            )
        )
    return render(
        request,
        "criteria/agreements.html",
        {
            "municipality": municipality,
            "framework": framework,
            "form": form,
            "page": page,
            # A submitted form is shown as typed, never from the cache.
            "parts": None
            if form
            else {
                name: page_part(
                    f"agreements-{name}",
                    municipality=municipality,
                    vary=(getattr(framework, "pk", None), may_change),
                )
                for name in ("summary", "fields")
            },
            "can_change": may_change,
            "trail_url": trail_url(
                request.user,
                municipality,
                organisatie=municipality.pk,
                actie="criteria.agreement.changed",
            ),
            "breadcrumbs": [
                (_("Quality criteria"), reverse("criteria:index")),
                (_("Agreements compared"), reverse("criteria:matrix")),
                (municipality.name, None),
            ],
        },
    )


def recent_changes(municipality):
    """The municipality's latest changes of agreements: when, the criterion's code, the
    status and who (full name, else username; empty when not known), as tuples."""
    rows = (
        LocalAgreement.history.filter(municipality=municipality)
        .order_by("-history_date")
        .values_list(
            "history_date",
            "criterion__code",
            "status",
            "history_user__username",
            "history_user__first_name",
            "history_user__last_name",
        )[:RECENT_CHANGES]
    )
    return [
        (changed, code, status, display_name_of(username, first, last))
        for changed, code, status, username, first, last in rows
    ]


def agreements_page(municipality, criteria, current, form):
    """The agreements page's data part: what is due for review, the recent changes,
    and the form's fieldsets (as typed when ``form`` is bound, else as saved)."""
    today = timezone.localdate()
    soon = today + timezone.timedelta(days=REVIEW_SOON_DAYS)
    due = sorted(
        (
            agreement
            for agreement in current.values()
            if agreement.needs_review or (agreement.review_date and agreement.review_date <= soon)
        ),
        key=lambda a: (not a.needs_review, a.review_date or today),
    )
    due = [
        {
            "pk": agreement.criterion_id,
            "code": agreement.criterion.code,
            "text": _("the criterion changed in a new version")
            if agreement.needs_review
            else (
                (
                    _("review date %(date)s (passed)")
                    if agreement.review_date < today
                    else _("review date %(date)s")
                )
                % {"date": show_date(agreement.review_date)}
            ),
        }
        for agreement in due
    ]
    statuses = labels(LocalAgreement.Status.choices)
    recent = [
        f"{show_datetime(changed)}: {code} {statuses.get(status, '').lower()}"
        + (f" ({name})" if name else "")
        for changed, code, status, name in recent_changes(municipality)
    ]
    groups = []
    prefix = reverse("criteria:index")
    for row in AgreementsForm.display_rows(criteria, current, form):
        row["url"] = criterion_url(row["criterion"].code, prefix=prefix)
        theme = row["criterion"].theme
        if not groups or groups[-1]["theme"] != theme:
            groups.append({"theme": theme, "rows": []})
        groups[-1]["rows"].append(row)
    return {"due": due, "recent": recent, "groups": groups}
