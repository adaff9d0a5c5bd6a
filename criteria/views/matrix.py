"""The agreements of all municipalities compared (the matrix), and its export."""

from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _

from toolbox_site import exports
from toolbox_site.addresses import slug_prefix
from toolbox_site.models import Organization
from toolbox_site.regions import region_for
from toolbox_site.templatetags.toolbox import css_name

from ..forms import (
    MatrixFilterForm,
)
from ..models import (
    Criterion,
    LocalAgreement,
)
from .common import PUBLISHED, criterion_url, filters_valid, labels, page_part, region_query

# The class of each state's badge (defined in static/css/site.css).
STATUS_CLASSES = {status: f"status-{css_name(status)}" for status in LocalAgreement.Status}


def matrix_data(request, choice):
    """What the matrix shows (and the exports hold): criteria rows, municipality columns."""
    everything = []
    if choice.region is not None:
        everything = list(
            Criterion.objects.filter(framework__region=choice.region, framework__status=PUBLISHED)
            .order_by("theme__order", "theme_id", "order", "code")
            .values(
                "pk", "code", "title", "theme_id", "theme__name", "framework_id", "framework__name"
            )
        )
    themes = list(
        {
            row["theme_id"]: SimpleNamespace(pk=row["theme_id"], name=row["theme__name"])
            for row in everything
        }.values()
    )
    framework = None
    if everything:
        framework = {"pk": everything[0]["framework_id"], "name": everything[0]["framework__name"]}
    form = MatrixFilterForm(request.GET or None, themes=themes)
    thema = area = None
    if form.is_valid():
        thema, area = form.cleaned_data["thema"], form.cleaned_data["gebied"]
    municipalities, rows = [], []
    if framework is not None:
        municipalities = list(
            Organization.objects.municipalities()
            .filter(region=choice.region)
            .order_by("name")
            .values_list("pk", "name", "slug")
        )
        criteria = [c for c in everything if not thema or c["theme_id"] == thema]
        agreements = LocalAgreement.objects.filter(
            criterion__framework_id=framework["pk"], municipality__region=choice.region
        )
        if thema:
            agreements = agreements.filter(criterion__theme_id=thema)
        if area:
            agreements = agreements.filter(area=area)
        found = agreements.order_by().values_list(
            "criterion_id", "municipality_id", "status", "needs_review"
        )
        cells = {(row[0], row[1]): (row[2], row[3]) for row in found}
        rows = [
            {
                "code": criterion["code"],
                "title": criterion["title"],
                "theme": criterion["theme__name"],
                "statuses": [
                    cells.get((criterion["pk"], municipality[0])) for municipality in municipalities
                ],
            }
            for criterion in criteria
        ]
    return choice, framework, form, themes, municipalities, rows


def export(rows, municipalities, region, file_format):
    statuses = dict(LocalAgreement.Status.choices)
    headers = [_("Code"), _("Criterion"), _("Theme")] + [
        name for _pk, name, _slug in municipalities
    ]
    table = [headers] + [
        [row["code"], row["title"], row["theme"]]
        + [str(statuses[cell[0]]) if cell else "" for cell in row["statuses"]]
        for row in rows
    ]
    name = _("agreements") + "-" + (slugify(region.name) if region else "")
    if file_format == "xlsx":
        return exports.xlsx_response(name, [(_("Agreements"), table)])
    return exports.csv_response(name, table)


def matrix_cells(rows):
    """Each row's cells: the status as text, its colour and whether it is to review
    (one dict per kind of cell, shared by every cell of that kind)."""
    kinds = {None: {"label": "–", "class": "status-none", "review": False}}
    for status, label in labels(LocalAgreement.Status.choices).items():
        for review in (False, True):
            kinds[(status, review)] = {
                "label": label,
                "class": STATUS_CLASSES[status],
                "review": review,
            }
    for row in rows:
        row["cells"] = [kinds[cell] for cell in row["statuses"]]


def matrix_filters_valid(request, form):
    return form.is_valid() or not request.GET.keys() - {"regio", "formaat"}


@login_required
def matrix(request):
    choice = region_for(request)
    file_format = request.GET.get("formaat", "")
    if file_format in ("csv", "xlsx"):
        _choice, _framework, form, _themes, municipalities, rows = matrix_data(request, choice)
        if not matrix_filters_valid(request, form):
            messages.warning(request, _("A filter was not valid and has been ignored."))
        return export(rows, municipalities, choice.region, file_format)
    # Built only when the cached part is missing (see toolbox_site/freshness.py).
    page = SimpleLazyObject(lambda: _matrix_page(request, choice))
    if request.GET.keys() - {"regio", "formaat"} and not filters_valid(
        "matrix", request, page, choice.region
    ):
        messages.warning(request, _("A filter was not valid and has been ignored."))
    return render(
        request,
        "criteria/matrix.html",
        {
            "region_choice": choice,
            "part": page_part("matrix", request, choice.region),
            "page": page,
            "breadcrumbs": [
                (_("Quality criteria"), reverse("criteria:index") + region_query(choice)),
                (_("Agreements compared"), None),
            ],
        },
    )


def _matrix_page(request, choice):
    _choice, framework, form, _themes, municipalities, rows = matrix_data(request, choice)
    matrix_cells(rows)
    query = region_query(choice)
    prefix = reverse("criteria:index")
    for row in rows:
        row["url"] = criterion_url(row["code"], query, prefix)
    base = slug_prefix("criteria:agreements")
    export_query = request.GET.copy()
    export_query.pop("formaat", None)
    return {
        "valid": matrix_filters_valid(request, form),
        "framework": framework,
        "form": form,
        "theme_choices": form.fields["thema"].choices,
        "theme_selected": form.data.get("thema", ""),
        "area_choices": form.fields["gebied"].choices,
        "area_selected": form.data.get("gebied", ""),
        "municipalities": [
            {"name": name, "url": f"{base}{slug}/"} for _pk, name, slug in municipalities
        ],
        "columns": len(municipalities) + 1,
        "rows": rows,
        "statuses": [
            (capfirst(label), STATUS_CLASSES[value])
            for value, label in LocalAgreement.Status.choices
        ],
        "export_query": export_query.urlencode(),
    }
