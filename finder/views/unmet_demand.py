"""Questions without a match: how often residents searched the finder, per municipality,
life situation and month, and how often they found no independent client support.

Filtered, sorted and paged in the database (one grouped query and its count), so
the page costs the same however many searches a region has; the CSV export takes
the same filters and order, without the paging.
"""

import datetime
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Window
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from toolbox_site import exports, freshness
from toolbox_site.dates import show_month
from toolbox_site.regions import own_region_id

from .. import services as finder
from ..forms import UnmetDemandFilterForm
from ..models import LifeSituation

PER_PAGE = 50
PAGE_PARAMETER = "pagina"
#: The table's columns: (the sort a click on the header chooses, label, numeric).
COLUMNS = [
    ("recent", gettext_lazy("Month"), False),
    ("municipality", gettext_lazy("Municipality"), False),
    ("situation", gettext_lazy("Life situation"), False),
    ("searches", gettext_lazy("Searches"), True),
    ("without", gettext_lazy("Without independent client support"), True),
    ("share", gettext_lazy("Share without a match"), True),
]
#: The searches, the network's names and the organizations in the page's region.
page_part = freshness.parts_for("finder", "network", "toolbox_site")


def months_since(start):
    month, months = timezone.localdate().replace(day=1), []
    while month >= start:
        months.append(month)
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return months


def visible(user):
    """The municipalities the user may see (ids), and the filter choices: a cached
    part per region and visibility."""

    def build():
        municipalities = list(
            finder.unmet_demand_municipalities(user)
            .order_by("name")
            .values_list("pk", "slug", "name", "region__slug", "region__name")
        )
        return {
            "ids": [row[0] for row in municipalities],
            "municipalities": [(row[1], row[2]) for row in municipalities],
            "regions": sorted({(row[3], row[4]) for row in municipalities}, key=lambda r: r[1]),
            "situations": list(LifeSituation.objects.order_by("name").values_list("slug", "name")),
        }

    part = page_part(
        "unmet-demand-visible",
        region=own_region_id(user),
        vary=(finder.unmet_demand_scope(user),),
    )
    return freshness.cached(part, build)


def filter_form(request, seen, start):
    months = [(month.strftime("%Y-%m"), show_month(month)) for month in months_since(start)]
    data = request.GET if request.GET.keys() - {PAGE_PARAMETER} else None
    return UnmetDemandFilterForm(
        data,
        regions=seen["regions"],
        municipalities=seen["municipalities"],
        situations=seen["situations"],
        months=months,
    )


def filtered_rows(ids, start, filters, order):
    rows = finder.unmet_demand(ids).filter(month__gte=start)
    if "regio" in filters:
        rows = rows.filter(municipality__region__slug=filters["regio"])
    if "gemeente" in filters:
        rows = rows.filter(municipality__slug=filters["gemeente"])
    if "situatie" in filters:
        rows = rows.filter(situation__slug=filters["situatie"])
    if "maand" in filters:
        rows = rows.filter(month=datetime.date.fromisoformat(filters["maand"] + "-01"))
    if filters.get("tekort"):
        rows = rows.filter(without_match__gt=0)
    return rows.order_by(*order)


def shown(rows):
    """The rows as the table and the export show them (one link and month name each)."""
    urls, months = {}, {}
    for row in rows:
        row["share"] = round(row["share"] or 0)
        slug, month = row["municipality_slug"], row["month"]
        if slug not in urls:
            urls[slug] = reverse("network:map", args=[slug])
        if month not in months:
            months[month] = show_month(month)
        row["url"], row["month_name"] = urls[slug], months[month]
        row["counts"] = [row[name] for name in finder.DEMAND_COUNTS]
    return rows


class OnePage:
    """One page of rows and the number of rows in all: what ``Paginator`` asks of a list.

    The rows come with their total (``COUNT(*) OVER ()``), so a page is one query
    whatever the data; only a page past the end asks the count, then the last page.
    """

    def __init__(self, rows, number):
        self.offset = (number - 1) * PER_PAGE
        page = list(rows.annotate(total=Window(Count("*")))[self.offset : self.offset + PER_PAGE])
        if not page and number > 1:
            self.total = rows.count()
            last = max(1, -(-self.total // PER_PAGE))
            self.offset = (last - 1) * PER_PAGE
            page = list(rows[self.offset : self.offset + PER_PAGE])
        else:
            self.total = page[0]["total"] if page else 0
        self.rows = page

    def count(self):
        return self.total

    def __getitem__(self, selection):
        return self.rows[selection.start - self.offset : selection.stop - self.offset]


def query_of(filters, **extra):
    """The filters as a query string, in one order (also part of the cache key)."""
    values = {name: value for name, value in filters.items() if name != "tekort"}
    if filters.get("tekort"):
        values["tekort"] = "on"
    values.update(extra)
    return urlencode(sorted((name, value) for name, value in values.items() if value))


def requested_page(request):
    value = request.GET.get(PAGE_PARAMETER, "")
    return int(value) if value.isdigit() and len(value) < 7 else 1


def column_headers(filters, sort_key):
    """Each column's label, the link that sorts by it, and its aria-sort when sorted."""
    unsorted = {name: value for name, value in filters.items() if name != "sorteer"}
    headers = []
    for key, label, numeric in COLUMNS:
        ascending = UnmetDemandFilterForm.SORTS[key][3]
        headers.append(
            {
                "label": label,
                "url": "?" + query_of(unsorted, sorteer=key),
                "sorted": ("ascending" if ascending else "descending") if key == sort_key else "",
                "numeric": numeric,
            }
        )
    return headers


@login_required
@require_GET
def unmet_demand_view(request):
    seen = visible(request.user)
    start = finder.first_month()
    form = filter_form(request, seen, start)
    filters = form.filters()
    sort_key, (_label, order, _column, _ascending) = form.sort()
    number = requested_page(request)
    query = query_of(filters)

    def page():
        paginator = Paginator(
            OnePage(filtered_rows(seen["ids"], start, filters, order), number), PER_PAGE
        )
        current = paginator.get_page(number)
        return {
            "rows": shown(list(current.object_list)),
            "page_obj": current,
            "elided_pages": list(paginator.get_elided_page_range(current.number, on_ends=1)),
        }

    return render(
        request,
        "finder/unmet_demand.html",
        {
            "form": form,
            "start": start,
            "query": query,
            "headers": column_headers(filters, sort_key),
            "count_labels": [label for label, _subquery in finder.DEMAND_COUNTS.values()],
            # The table is a cached part: the region's data, the user's scope, the filters
            # and page asked for, and a version of the search counts, which raise none.
            "part": page_part(
                "unmet-demand",
                region=own_region_id(request.user),
                request=request,
                vary=(start, finder.search_log_version(seen["ids"], start)),
            ),
            "page": SimpleLazyObject(page),
            "breadcrumbs": [
                (_("Network"), reverse("network:index")),
                (_("Questions without a match"), None),
            ],
        },
    )


@login_required
@require_GET
def unmet_demand_csv(request):
    seen = visible(request.user)
    start = finder.first_month()
    form = filter_form(request, seen, start)
    _key, (_label, order, _column, _ascending) = form.sort()
    rows = shown(list(filtered_rows(seen["ids"], start, form.filters(), order)))
    header = [
        _("month"),
        _("municipality"),
        _("life situation"),
        _("searches"),
        _("without independent client support"),
        _("share without a match (%)"),
        *(str(label).lower() for label, _subquery in finder.DEMAND_COUNTS.values()),
    ]
    return exports.csv_response(
        "vraag-zonder-aanbod",
        [header]
        + [
            [
                row["month"].strftime("%Y-%m"),
                row["municipality_name"],
                row["situation_name"],
                row["searches"],
                row["without_match"],
                row["share"],
                *row["counts"],
            ]
            for row in rows
        ],
    )
