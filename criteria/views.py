from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from toolbox_site.models import Organization
from toolbox_site.permissions import access_for, get_object_for_user
from toolbox_site.regions import region_for

from .forms import (
    AgreementsForm,
    CriteriaFilterForm,
    GuideForm,
    MatrixFilterForm,
    TrainingFilterForm,
)
from .models import (
    Audience,
    Criterion,
    Framework,
    LocalAgreement,
    Theme,
    Training,
    TrainingSession,
    TrainingTopic,
)
from .services import current_framework, save_agreements

REVIEW_SOON_DAYS = 60
RECENT_CHANGES = 10


def audience_filter(voor):
    """Criteria for formal (or informal) support include those for both."""
    if voor in (Audience.FORMAL, Audience.INFORMAL):
        return Q(applies_to__in=[voor, Audience.BOTH])
    return Q()


def region_query(choice):
    """``?regio=`` to keep the chosen region in links, where there are several."""
    return f"?regio={choice.region.slug}" if choice.several and choice.region else ""


def index(request):
    choice = region_for(request)
    framework = current_framework(choice.region)
    themes, criteria = [], []
    form = CriteriaFilterForm(request.GET or None)
    if framework is not None:
        themes = list(Theme.objects.filter(framework=framework).order_by("order", "pk"))
        form = CriteriaFilterForm(request.GET or None, themes=themes)
        filters = Q()
        if form.is_valid():
            data = form.cleaned_data
            if data["thema"]:
                filters &= Q(theme_id=data["thema"])
            filters &= audience_filter(data["voor"])
            if data["q"]:
                filters &= Q(title__icontains=data["q"]) | Q(explanation__icontains=data["q"])
        elif request.GET:
            messages.warning(request, _("A filter was not valid and has been ignored."))
        criteria = list(
            Criterion.objects.filter(filters, framework=framework)
            .annotate(
                agreed=Count(
                    "agreements",
                    filter=Q(agreements__status=LocalAgreement.Status.AGREED),
                )
            )
            .order_by("theme__order", "theme_id", "order", "code")
        )
    by_theme = {theme.pk: {"theme": theme, "criteria": []} for theme in themes}
    for criterion in criteria:
        by_theme[criterion.theme_id]["criteria"].append(criterion)
    return render(
        request,
        "criteria/index.html",
        {
            "region_choice": choice,
            "framework": framework,
            "groups": [group for group in by_theme.values() if group["criteria"]],
            "count": len(criteria),
            "form": form,
            "region_query": region_query(choice),
            "breadcrumbs": [(_("Quality criteria"), None)],
        },
    )


def detail(request, code):
    choice = region_for(request)
    criterion = get_object_or_404(
        Criterion.objects.select_related("theme", "framework"),
        framework__region=choice.region,
        framework__status=Framework.Status.PUBLISHED,
        code=code,
    )
    trainings = criterion.trainings.order_by("title").only("title", "slug", "audience")
    rows = []
    if request.user.is_authenticated:
        agreements = {
            agreement.municipality_id: agreement
            for agreement in LocalAgreement.objects.filter(criterion=criterion).only(
                "municipality_id", "status", "area", "text", "review_date", "needs_review"
            )
        }
        rows = [
            {"municipality": municipality, "agreement": agreements.get(municipality.pk)}
            for municipality in Organization.objects.municipalities()
            .filter(region=choice.region)
            .only("name", "slug")
        ]
    return render(
        request,
        "criteria/detail.html",
        {
            "criterion": criterion,
            "trainings": trainings,
            "rows": rows,
            "region_choice": choice,
            "region_query": region_query(choice),
            "breadcrumbs": [
                (_("Quality criteria"), reverse("criteria:index") + region_query(choice)),
                (criterion.code, None),
            ],
        },
    )


def guide(request):
    choice = region_for(request)
    framework = current_framework(choice.region)
    form = GuideForm(request.GET or None)
    voor = form.cleaned_data["voor"] if form.is_valid() else ""
    themes = []
    if framework is not None:
        themes = Theme.objects.filter(framework=framework).prefetch_related(
            Prefetch(
                "criteria",
                queryset=Criterion.objects.filter(audience_filter(voor)).order_by("order", "code"),
            )
        )
    return render(
        request,
        "criteria/guide.html",
        {
            "framework": framework,
            "themes": [theme for theme in themes if theme.criteria.all()],
            "form": form,
            "audience": dict(form.fields["voor"].choices).get(voor, ""),
            "region_choice": choice,
            "breadcrumbs": [
                (_("Quality criteria"), reverse("criteria:index") + region_query(choice)),
                (_("Conversation guide"), None),
            ],
        },
    )


STATUS_CLASSES = {
    LocalAgreement.Status.AGREED: "status-agreed",
    LocalAgreement.Status.IN_DISCUSSION: "status-in-discussion",
    LocalAgreement.Status.NOT_ADOPTED: "status-not-adopted",
    LocalAgreement.Status.NOT_APPLICABLE: "status-not-applicable",
}


def matrix_data(request):
    choice = region_for(request)
    framework = current_framework(choice.region)
    municipalities, criteria, cells = [], [], {}
    themes = []
    form = MatrixFilterForm(request.GET or None)
    if framework is not None:
        themes = list(Theme.objects.filter(framework=framework).order_by("order", "pk"))
        form = MatrixFilterForm(request.GET or None, themes=themes)
        thema = area = None
        if form.is_valid():
            thema, area = form.cleaned_data["thema"], form.cleaned_data["gebied"]
        elif request.GET.keys() - {"regio", "formaat"}:
            messages.warning(request, _("A filter was not valid and has been ignored."))
        municipalities = list(
            Organization.objects.municipalities().filter(region=choice.region).only("name", "slug")
        )
        criteria = Criterion.objects.filter(framework=framework).select_related("theme")
        if thema:
            criteria = criteria.filter(theme_id=thema)
        criteria = list(criteria.order_by("theme__order", "theme_id", "order", "code"))
        agreements = LocalAgreement.objects.filter(
            criterion__framework=framework, municipality__region=choice.region
        ).only("municipality_id", "criterion_id", "status", "area", "needs_review")
        if thema:
            agreements = agreements.filter(criterion__theme_id=thema)
        if area:
            agreements = agreements.filter(area=area)
        cells = {(a.criterion_id, a.municipality_id): a for a in agreements}
    rows = [
        {
            "criterion": criterion,
            "cells": [
                {
                    "municipality": municipality,
                    "agreement": cells.get((criterion.pk, municipality.pk)),
                    "class": STATUS_CLASSES.get(
                        getattr(cells.get((criterion.pk, municipality.pk)), "status", ""),
                        "status-none",
                    ),
                }
                for municipality in municipalities
            ],
        }
        for criterion in criteria
    ]
    return choice, framework, form, municipalities, rows


def export(rows, municipalities, region, file_format):
    import tablib

    headers = [_("Code"), _("Criterion"), _("Theme")] + [m.name for m in municipalities]
    dataset = tablib.Dataset(headers=headers, title=_("Agreements")[:31])
    for row in rows:
        dataset.append(
            [row["criterion"].code, row["criterion"].title, row["criterion"].theme.name]
            + [
                cell["agreement"].get_status_display() if cell["agreement"] else ""
                for cell in row["cells"]
            ]
        )
    name = f"{_('agreements')}-{slugify(region.name) if region else ''}"
    if file_format == "xlsx":
        response = HttpResponse(
            dataset.export("xlsx"),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    else:
        response = HttpResponse(dataset.export("csv"), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@login_required
def matrix(request):
    choice, framework, form, municipalities, rows = matrix_data(request)
    file_format = request.GET.get("formaat", "")
    if file_format in ("csv", "xlsx"):
        return export(rows, municipalities, choice.region, file_format)
    query = request.GET.copy()
    query.pop("formaat", None)
    return render(
        request,
        "criteria/matrix.html",
        {
            "region_choice": choice,
            "framework": framework,
            "form": form,
            "municipalities": municipalities,
            "rows": rows,
            "statuses": [
                (label, STATUS_CLASSES[value]) for value, label in LocalAgreement.Status.choices
            ],
            "export_query": query.urlencode(),
            "breadcrumbs": [
                (_("Quality criteria"), reverse("criteria:index") + region_query(choice)),
                (_("Agreements compared"), None),
            ],
        },
    )


@login_required
def agreements(request, slug):
    municipality = get_object_or_404(
        Organization.objects.municipalities().select_related("region"), slug=slug
    )
    if request.method == "POST":
        # Only the municipality's editors and the region's coordinators write.
        get_object_for_user(
            request.user, Organization.objects.filter(pk=municipality.pk), write=True
        )
    can_change = access_for(request.user).may_change(municipality) or request.user.is_superuser
    framework = current_framework(municipality.region)
    criteria = []
    current = {}
    if framework is not None:
        criteria = list(
            Criterion.objects.filter(framework=framework)
            .select_related("theme")
            .order_by("theme__order", "theme_id", "order", "code")
        )
        current = {
            agreement.criterion_id: agreement
            for agreement in LocalAgreement.objects.filter(
                municipality=municipality, criterion__framework=framework
            ).select_related("updated_by")
        }
    form = AgreementsForm(
        request.POST if request.method == "POST" else None, criteria=criteria, agreements=current
    )
    if request.method == "POST" and form.is_valid():
        values = {c.pk: form.values_for(c) for c in criteria}
        seen = {c.pk: form.cleaned_data.get(f"version_{c.pk}") or 0 for c in criteria}
        result = save_agreements(municipality, criteria, values, seen, request.user)
        if not result.conflicts:
            if result.changed:
                messages.success(
                    request,
                    _("%(count)s agreements of %(name)s have been saved.")
                    % {"count": len(result.changed), "name": municipality.name},
                )
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("criteria:agreements", slug=municipality.slug)
        # Someone else saved first: keep what was typed, point at each conflict,
        # and take over the new versions so that saving again is a conscious choice.
        data = request.POST.copy()
        fresh = {
            agreement.criterion_id: agreement
            for agreement in LocalAgreement.objects.filter(
                municipality=municipality, criterion__framework=framework
            ).select_related("updated_by")
        }
        for pk in result.conflicts:
            data[f"version_{pk}"] = str(fresh[pk].version if pk in fresh else 0)
        form = AgreementsForm(data, criteria=criteria, agreements=fresh)
        form.is_valid()
        for pk, message in result.conflicts.items():
            form.add_error(f"status_{pk}", message)
        current = fresh
        messages.error(
            request,
            _("Someone else changed %(count)s of these agreements while you were editing.")
            % {"count": len(result.conflicts)},
        )
    by_id = {criterion.pk: criterion for criterion in criteria}
    for agreement in current.values():
        agreement.criterion = by_id[agreement.criterion_id]
    today = timezone.localdate()
    soon = today + timezone.timedelta(days=REVIEW_SOON_DAYS)
    due = [
        agreement
        for agreement in current.values()
        if agreement.needs_review or (agreement.review_date and agreement.review_date <= soon)
    ]
    due.sort(key=lambda a: (not a.needs_review, a.review_date or today))
    recent = (
        LocalAgreement.history.filter(municipality=municipality)
        .select_related("history_user", "criterion")
        .order_by("-history_date")[:RECENT_CHANGES]
    )
    groups = []
    for row in form.rows():
        theme = row["criterion"].theme
        if not groups or groups[-1]["theme"] != theme:
            groups.append({"theme": theme, "rows": []})
        groups[-1]["rows"].append(row)
    return render(
        request,
        "criteria/agreements.html",
        {
            "municipality": municipality,
            "framework": framework,
            "form": form,
            "groups": groups,
            "can_change": can_change,
            "due": due,
            "today": today,
            "recent": recent,
            "breadcrumbs": [
                (_("Quality criteria"), reverse("criteria:index")),
                (_("Agreements compared"), reverse("criteria:matrix")),
                (municipality.name, None),
            ],
        },
    )


def trainings(request):
    choice = region_for(request)
    topics = list(TrainingTopic.objects.all())
    form = TrainingFilterForm(request.GET or None, topics=topics)
    today = timezone.localdate()
    data = {"onderwerp": "", "voor": "", "vanaf": None, "voorbij": False}
    if form.is_valid():
        data = form.cleaned_data
    elif request.GET.keys() - {"regio"}:
        messages.warning(request, _("A filter was not valid and has been ignored."))
    start = data["vanaf"] or (None if data["voorbij"] else today)
    sessions = TrainingSession.objects.order_by("date", "pk")
    if start:
        sessions = sessions.filter(date__gte=start)
    queryset = Training.objects.filter(region=choice.region)
    if data["onderwerp"]:
        queryset = queryset.filter(topics__slug=data["onderwerp"])
    if data["voor"]:
        queryset = queryset.filter(audience__in=[data["voor"], Audience.BOTH])
    if data["vanaf"]:
        queryset = queryset.filter(sessions__date__gte=data["vanaf"]).distinct()
    queryset = queryset.prefetch_related(
        "topics", Prefetch("sessions", queryset=sessions, to_attr="shown_sessions")
    ).order_by("title")
    return render(
        request,
        "criteria/training_list.html",
        {
            "trainings": list(queryset),
            "form": form,
            "region_choice": choice,
            "breadcrumbs": [(_("Training"), None)],
        },
    )


def training_detail(request, slug):
    training = get_object_or_404(Training.objects.select_related("region"), slug=slug)
    show_past = request.GET.get("voorbij") == "on"
    sessions = training.sessions.order_by("date", "pk")
    if not show_past:
        sessions = sessions.filter(date__gte=timezone.localdate())
    criteria = training.criteria.filter(framework__status=Framework.Status.PUBLISHED).order_by(
        "code"
    )
    return render(
        request,
        "criteria/training_detail.html",
        {
            "training": training,
            "topics": training.topics.all(),
            "sessions": sessions,
            "show_past": show_past,
            "criteria": criteria,
            "region_query": f"?regio={training.region.slug}",
            "breadcrumbs": [(_("Training"), reverse("training:index")), (training.title, None)],
        },
    )
