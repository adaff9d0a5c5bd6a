"""The regional quality criteria: the list, one criterion, and the conversation guide."""

from types import SimpleNamespace

from django.contrib import messages
from django.db.models import Count, FilteredRelation, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from toolbox_site.addresses import slug_prefix
from toolbox_site.models import Organization
from toolbox_site.regions import region_for

from ..forms import (
    AUDIENCE_FILTER_CHOICES,
    CriteriaFilterForm,
    GuideForm,
)
from ..models import (
    Audience,
    Criterion,
    LocalAgreement,
    Theme,
    question_lines,
)
from .common import (
    PUBLISHED,
    criterion_url,
    filters_valid,
    labels,
    page_part,
    region_query,
    remembered,
)
from .matrix import STATUS_CLASSES


def audience_filter(voor):
    """Criteria for formal (or informal) support include those for both."""
    if voor in (Audience.FORMAL, Audience.INFORMAL):
        return Q(applies_to__in=[voor, Audience.BOTH])
    return Q()


def agreed_counts():
    """The number of municipalities that agreed on the criterion (a subquery per
    criterion, on the agreements' criterion index)."""
    agreed = (
        LocalAgreement.objects.filter(criterion=OuterRef("pk"), status=LocalAgreement.Status.AGREED)
        .order_by()
        .values("criterion")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(agreed), 0)


def index(request):
    choice = region_for(request)
    # Built only when the cached part is missing (see toolbox_site/freshness.py).
    page = SimpleLazyObject(lambda: _index_data(request, choice))
    if request.GET.keys() - {"regio"} and not filters_valid("index", request, page, choice.region):
        messages.warning(request, _("A filter was not valid and has been ignored."))
    return render(
        request,
        "criteria/index.html",
        {
            "region_choice": choice,
            "part": page_part("index", request, choice.region),
            "page": page,
            "breadcrumbs": [(_("Quality criteria"), None)],
        },
    )


def _index_data(request, choice):
    # All criteria of the current framework with theme and framework, in one query;
    # the filters work on these forty-odd rows in Python.
    everything = []
    if choice.region is not None:
        everything = list(
            Criterion.objects.filter(framework__region=choice.region, framework__status=PUBLISHED)
            .annotate(agreed=agreed_counts())
            .order_by("theme__order", "theme_id", "order", "code")
            .values(
                "code",
                "title",
                "explanation",
                "applies_to",
                "agreed",
                "theme_id",
                "theme__name",
                "theme__description",
                "framework__name",
                "framework__version",
                "framework__published_on",
            )
        )
    themes = list(
        {
            row["theme_id"]: SimpleNamespace(
                pk=row["theme_id"], name=row["theme__name"], description=row["theme__description"]
            )
            for row in everything
        }.values()
    )
    framework = None
    if everything:
        first = everything[0]
        framework = {
            "name": first["framework__name"],
            "version": first["framework__version"],
            "published_on": first["framework__published_on"],
        }
    form = CriteriaFilterForm(request.GET or None, themes=themes)
    criteria = everything
    if form.is_valid():
        data = form.cleaned_data
        if data["thema"]:
            criteria = [c for c in criteria if c["theme_id"] == data["thema"]]
        if data["voor"]:
            criteria = [c for c in criteria if c["applies_to"] in (data["voor"], Audience.BOTH)]
        if data["q"]:
            words = data["q"].casefold()
            criteria = [
                c
                for c in criteria
                if words in c["title"].casefold() or words in c["explanation"].casefold()
            ]
    query = region_query(choice)
    prefix = reverse("criteria:index")
    applies = labels(Audience.choices)
    items = {theme.pk: [] for theme in themes}
    agreed_texts = {}  # per number: a handful of numbers for some forty criteria
    for row in criteria:
        agreed = row["agreed"]
        if agreed not in agreed_texts:
            agreed_texts[agreed] = ngettext(
                "%(counter)s municipality agreed on it",
                "%(counter)s municipalities agreed on it",
                agreed,
            ) % {"counter": agreed}
        row["url"] = criterion_url(row["code"], query, prefix)
        row["applies"] = applies[row["applies_to"]]
        row["agreed_text"] = agreed_texts[agreed]
        items[row["theme_id"]].append(row)
    groups = [{"theme": theme, "rows": items[theme.pk]} for theme in themes if items[theme.pk]]
    return {
        "valid": not form.is_bound or form.is_valid(),
        "framework": framework,
        "groups": groups,
        "count": len(criteria),
        "form": form,
        "theme_choices": form.fields["thema"].choices,
        "theme_selected": form.data.get("thema", ""),
        "audience_choices": AUDIENCE_FILTER_CHOICES,
        "audience_selected": form.data.get("voor", ""),
        "region_query": query,
    }


def detail(request, code):
    choice = region_for(request)
    criterion = remembered(
        "criterion",
        choice.region,
        (code,),
        lambda: (
            # The region too: the parts of other apps below name it (criteria/extensions.py).
            Criterion.objects.select_related("theme", "framework__region")
            .filter(framework__region=choice.region, framework__status=PUBLISHED, code=code)
            .first()
        ),
    )
    if criterion is None:
        raise Http404
    logged_in = request.user.is_authenticated
    return render(
        request,
        "criteria/detail.html",
        {
            "criterion": criterion,
            "region_choice": choice,
            "region_query": region_query(choice),
            "part": page_part("detail", request, choice.region),
            # Built only when the cached part is missing (see toolbox_site/freshness.py).
            "page": SimpleLazyObject(lambda: _detail_data(criterion, choice, logged_in)),
            "breadcrumbs": [
                (_("Quality criteria"), reverse("criteria:index") + region_query(choice)),
                (criterion.code, None),
            ],
        },
    )


def _detail_data(criterion, choice, logged_in):
    trainings = list(criterion.trainings.order_by("title").only("title", "slug", "audience"))
    rows = []
    if logged_in:
        # Every municipality of the region with its agreement, if any (one query).
        statuses, areas = labels(LocalAgreement.Status.choices), labels(LocalAgreement.Area.choices)
        base = slug_prefix("criteria:agreements")
        municipalities = (
            Organization.objects.municipalities()
            .filter(region=choice.region)
            .annotate(
                agreement=FilteredRelation(
                    "local_agreements", condition=Q(local_agreements__criterion=criterion)
                )
            )
            .values_list(
                "name",
                "slug",
                "agreement__status",
                "agreement__area",
                "agreement__text",
                "agreement__needs_review",
            )
            .order_by("name")
        )
        rows = [
            {
                "name": name,
                "url": f"{base}{slug}/",
                "status": status,
                "status_label": statuses.get(status, ""),
                "status_class": STATUS_CLASSES.get(status, "status-none"),
                "area_label": areas.get(area, "–"),
                "text": text,
                "needs_review": needs_review,
            }
            for name, slug, status, area, text, needs_review in municipalities
        ]
    return {"trainings": trainings, "rows": rows}


def guide(request):
    choice = region_for(request)
    return render(
        request,
        "criteria/guide.html",
        {
            "region_choice": choice,
            "part": page_part("guide", request, choice.region),
            # Built only when the cached part is missing (see toolbox_site/freshness.py).
            "page": SimpleLazyObject(lambda: _guide_data(request, choice)),
            "breadcrumbs": [
                (_("Quality criteria"), reverse("criteria:index") + region_query(choice)),
                (_("Conversation guide"), None),
            ],
        },
    )


def _guide_data(request, choice):
    form = GuideForm(request.GET or None)
    voor = form.cleaned_data["voor"] if form.is_valid() else ""
    themes = []
    framework = None
    if choice.region is not None:
        # Read only: the themes and their criteria as rows (a query each), no model
        # instances; criteria/jinja2/criteria/guide_themes.html shows them.
        themes = list(
            Theme.objects.filter(framework__region=choice.region, framework__status=PUBLISHED)
            .order_by("order", "pk")
            .values("pk", "name", "description", "framework__name", "framework__version")
        )
        if themes:
            first = themes[0]
            framework = {"name": first["framework__name"], "version": first["framework__version"]}
        applies = dict(Audience.choices)
        by_pk = {theme["pk"]: theme for theme in themes}
        for theme in themes:
            theme["criteria"] = []
        criteria = (
            Criterion.objects.filter(audience_filter(voor), theme_id__in=by_pk)
            .order_by("order", "code")
            .values("theme_id", "code", "title", "explanation", "applies_to", "questions")
        )
        for criterion in criteria:
            criterion["applies"] = applies.get(criterion["applies_to"], "")
            criterion["questions"] = question_lines(criterion["questions"])
            by_pk[criterion["theme_id"]]["criteria"].append(criterion)
    return {
        "framework": framework,
        "themes": [theme for theme in themes if theme["criteria"]],
        "form": form,
        "audience": dict(AUDIENCE_FILTER_CHOICES).get(voor, "") if voor else "",
    }
