"""The pages of pillar 2: criteria, the conversation guide, the comparison
matrix, a municipality's agreements, and the training offer.

The pages with many repeated elements (the criteria list, the matrix, the
agreements form) prepare their strings here, once, so their templates stay
small: the bench holds them to a few times the cost of a plain page.
"""

import hashlib
from html import escape
from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Count, F, FilteredRelation, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst, slugify
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from toolbox_site import exports, freshness
from toolbox_site.dates import show_date, show_datetime
from toolbox_site.models import Organization
from toolbox_site.people import display_name
from toolbox_site.permissions import can_change, get_object_for_user
from toolbox_site.regions import region_for
from toolbox_site.templatetags.toolbox import css_name

from .forms import (
    AUDIENCE_FILTER_CHOICES,
    AgreementsForm,
    CriteriaFilterForm,
    GuideForm,
    MatrixFilterForm,
    TrainingFilterForm,
)
from .html import agreement_fieldset, dynamic_options, options
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
from .services import save_agreements

REVIEW_SOON_DAYS = 60
RECENT_CHANGES = 10
PUBLISHED = Framework.Status.PUBLISHED


def audience_filter(voor):
    """Criteria for formal (or informal) support include those for both."""
    if voor in (Audience.FORMAL, Audience.INFORMAL):
        return Q(applies_to__in=[voor, Audience.BOTH])
    return Q()


def region_query(choice):
    """``?regio=`` to keep the chosen region in links, where there are several."""
    return f"?regio={choice.region.slug}" if choice.several and choice.region else ""


def criterion_url(code, query="", prefix=None):
    # Codes match the URL converter's pattern, so no reverse() per criterion.
    return f"{prefix or reverse('criteria:index')}{code}/{query}"


def page_versions():
    """The data versions the cached parts of these pages depend on (one query):
    criteria, and the regions, municipalities and users of toolbox_site."""
    return freshness.versions("criteria", "toolbox_site")


def remembered(name, versions, parts, compute):
    """``compute()``, remembered under the data versions (like the cached fragments):
    for the little that a page needs outside its cached fragment."""
    digest = hashlib.sha256(":".join(str(part) for part in parts).encode()).hexdigest()
    return freshness.cached(f"criteria:{name}:{versions}:{digest}", compute)


def filters_valid(name, versions, request, page, region=None):
    """Whether the page's GET filters were valid, without building the page when
    the answer is known. Only asked when there are filters (a warning says they
    were ignored; messages cannot be part of a cached fragment)."""
    parts = (getattr(region, "pk", None), request.get_full_path())
    return remembered(f"valid-{name}", versions, parts, lambda: bool(page["valid"]))


def labels(choices):
    return {value: str(capfirst(label)) for value, label in choices}


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


def criterion_item(row, url, applies, agreed_text):
    """One criterion of the list, as HTML (the list repeats it some forty times)."""
    explanation = (
        f'<p class="measure mb-0">{escape(row["explanation"])}</p>' if row["explanation"] else ""
    )
    return (
        f'<li class="mb-3"><a href="{escape(url)}"><strong>{escape(row["code"])}</strong> '
        f'{escape(row["title"])}</a> <span class="badge text-bg-light border">{escape(applies)}'
        f'</span><br><span class="small">{escape(agreed_text)}</span>{explanation}</li>'
    )


def index(request):
    choice = region_for(request)
    versions = page_versions()
    # Built only when the cached fragment is missing (see toolbox_site/freshness.py).
    page = SimpleLazyObject(lambda: _index_data(request, choice))
    if request.GET.keys() - {"regio"} and not filters_valid(
        "index", versions, request, page, choice.region
    ):
        messages.warning(request, _("A filter was not valid and has been ignored."))
    return render(
        request,
        "criteria/index.html",
        {
            "region_choice": choice,
            "versions": versions,
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
    for row in criteria:
        agreed_text = ngettext(
            "%(counter)s municipality agreed on it",
            "%(counter)s municipalities agreed on it",
            row["agreed"],
        ) % {"counter": row["agreed"]}
        items[row["theme_id"]].append(
            criterion_item(
                row,
                criterion_url(row["code"], query, prefix),
                applies[row["applies_to"]],
                agreed_text,
            )
        )
    groups = [
        {"theme": theme, "html": mark_safe("".join(items[theme.pk]))}
        for theme in themes
        if items[theme.pk]
    ]
    return {
        "valid": not form.is_bound or form.is_valid(),
        "framework": framework,
        "groups": groups,
        "count": len(criteria),
        "form": form,
        "theme_options": dynamic_options(form.fields["thema"].choices, form.data.get("thema")),
        "audience_options": options("audience", AUDIENCE_FILTER_CHOICES, form.data.get("voor")),
        "region_query": query,
    }


def detail(request, code):
    choice = region_for(request)
    versions = page_versions()
    criterion = remembered(
        "criterion",
        versions,
        (getattr(choice.region, "pk", None), code),
        lambda: (
            Criterion.objects.select_related("theme", "framework")
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
            "versions": versions,
            # Built only when the cached fragment is missing (see toolbox_site/freshness.py).
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
        base = reverse("criteria:agreements", kwargs={"slug": "gemeente"})[: -len("gemeente/")]
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
            "versions": page_versions(),
            # Built only when the cached fragment is missing (see toolbox_site/freshness.py).
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
        themes = list(
            Theme.objects.filter(framework__region=choice.region, framework__status=PUBLISHED)
            .select_related("framework")
            .order_by("order", "pk")
            .prefetch_related(
                Prefetch(
                    "criteria",
                    queryset=Criterion.objects.filter(audience_filter(voor)).order_by(
                        "order", "code"
                    ),
                )
            )
        )
        framework = themes[0].framework if themes else None
    return {
        "framework": framework,
        "themes": [theme for theme in themes if theme.criteria.all()],
        "form": form,
        "audience": dict(AUDIENCE_FILTER_CHOICES).get(voor, "") if voor else "",
    }


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


def matrix_cells_html(rows):
    """The cells of each row as one HTML string: status as text, and its colour."""
    labels_ = labels(LocalAgreement.Status.choices)
    html = {None: mark_safe('<td><span class="status status-none">–</span></td>')}
    for status, label in labels_.items():
        for needs_review in (False, True):
            html[(status, needs_review)] = format_html(
                '<td><span class="status {}">{}{}</span></td>',
                STATUS_CLASSES[status],
                label,
                "*" if needs_review else "",
            )
    for row in rows:
        row["cells"] = mark_safe("".join(html[cell] for cell in row["statuses"]))


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
    versions = page_versions()
    # Built only when the cached fragment is missing (see toolbox_site/freshness.py).
    # The matrix is the same for everyone who may see it: the key holds the region.
    page = SimpleLazyObject(lambda: _matrix_page(request, choice))
    if request.GET.keys() - {"regio", "formaat"} and not filters_valid(
        "matrix", versions, request, page, choice.region
    ):
        messages.warning(request, _("A filter was not valid and has been ignored."))
    return render(
        request,
        "criteria/matrix.html",
        {
            "region_choice": choice,
            "versions": versions,
            "page": page,
            "breadcrumbs": [
                (_("Quality criteria"), reverse("criteria:index") + region_query(choice)),
                (_("Agreements compared"), None),
            ],
        },
    )


def _matrix_page(request, choice):
    _choice, framework, form, _themes, municipalities, rows = matrix_data(request, choice)
    matrix_cells_html(rows)
    query = region_query(choice)
    prefix = reverse("criteria:index")
    for row in rows:
        row["url"] = criterion_url(row["code"], query, prefix)
    base = reverse("criteria:agreements", kwargs={"slug": "gemeente"})[: -len("gemeente/")]
    export_query = request.GET.copy()
    export_query.pop("formaat", None)
    return {
        "valid": matrix_filters_valid(request, form),
        "framework": framework,
        "form": form,
        "theme_options": dynamic_options(form.fields["thema"].choices, form.data.get("thema")),
        "area_options": options(
            "area-filter", form.fields["gebied"].choices, form.data.get("gebied")
        ),
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


def agreement_rows(criteria, current, form=None):
    """Per criterion: what its fields show (saved values, or what was typed) and errors."""
    status_choices = [("", _("not yet discussed")), *LocalAgreement.Status.choices]
    area_choices = [("", "–"), *LocalAgreement.Area.choices]
    prefix = reverse("criteria:index")
    data = form.data if form is not None else {}
    errors = form.errors if form is not None else {}
    status_label, area_label = _("Status of %(code)s"), _("Area of %(code)s")
    text_label, review_label = _("Agreement on %(code)s"), _("Review date of %(code)s")
    changed_label = _("Last changed %(date)s")
    language = get_language()
    no_errors = {
        name: {"invalid": False, "errors": ()} for name in ("status", "area", "text", "review_date")
    }
    rows = []
    for criterion in criteria:
        pk, code = criterion.pk, criterion.code
        agreement = current.get(pk)
        if form is not None:
            values = {
                name: data.get(f"{name}_{pk}", "")
                for name in ("status", "area", "text", "review_date", "version")
            }
        else:
            values = {
                "status": agreement.status if agreement else "",
                "area": agreement.area if agreement else "",
                "text": agreement.text if agreement else "",
                "review_date": agreement.review_date.isoformat()
                if agreement and agreement.review_date
                else "",
                "version": agreement.version if agreement else 0,
            }
        fields = no_errors
        if errors:
            fields = {
                name: {
                    "invalid": bool(errors.get(f"{name}_{pk}")),
                    "errors": errors.get(f"{name}_{pk}", ()),
                }
                for name in ("status", "area", "text", "review_date")
            }
        changed = ""
        if agreement is not None:
            changed = changed_label % {"date": show_datetime(agreement.updated_at)}
            if agreement.updated_by is not None:
                who = agreement.updated_by
                changed += f" – {display_name(who)}"
        rows.append(
            {
                "criterion": criterion,
                "pk": pk,
                "url": criterion_url(code, prefix=prefix),
                "needs_review": agreement is not None and agreement.needs_review,
                "labels": {
                    "status": status_label % {"code": code},
                    "area": area_label % {"code": code},
                    "text": text_label % {"code": code},
                    "review_date": review_label % {"code": code},
                },
                "fields": fields,
                "status_options": options("status", status_choices, values["status"], language),
                "area_options": options("area", area_choices, values["area"], language),
                "text": values["text"],
                "review_date": values["review_date"],
                "version": values["version"],
                "changed": changed,
            }
        )
    return rows


AGREEMENT_COLUMNS = (
    "id",
    "status",
    "area",
    "text",
    "review_date",
    "needs_review",
    "updated_at",
    "version",
    "updated_by_id",
)
EDITOR_COLUMNS = ("username", "first_name", "last_name")


def criteria_with_agreements(municipality):
    """The criteria of the municipality's current framework, each with theme and
    framework, and the municipality's agreements on them: one query (a LEFT JOIN)."""
    user_model = get_user_model()
    columns = {f"agreement_{name}": F(f"agreement__{name}") for name in AGREEMENT_COLUMNS}
    columns.update(
        {f"editor_{name}": F(f"agreement__updated_by__{name}") for name in EDITOR_COLUMNS}
    )
    criteria = list(
        Criterion.objects.filter(
            framework__region_id=municipality.region_id, framework__status=PUBLISHED
        )
        .annotate(
            agreement=FilteredRelation(
                "agreements", condition=Q(agreements__municipality=municipality)
            ),
            **columns,
        )
        .select_related("theme", "framework")
        .order_by("theme__order", "theme_id", "order", "code")
    )
    current = {}
    for criterion in criteria:
        if criterion.agreement_id is None:
            continue
        agreement = LocalAgreement(
            municipality=municipality,
            criterion=criterion,
            **{name: getattr(criterion, f"agreement_{name}") for name in AGREEMENT_COLUMNS},
        )
        agreement._state.adding = False
        if agreement.updated_by_id is not None:
            agreement.updated_by = user_model(
                pk=agreement.updated_by_id,
                **{name: getattr(criterion, f"editor_{name}") for name in EDITOR_COLUMNS},
            )
        current[criterion.pk] = agreement
    return criteria, current


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
    may_change = can_change(request.user, municipality)
    form = None
    versions = ""  # a submitted form is never cached
    if request.method == "POST":
        criteria, current = criteria_with_agreements(municipality)
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
            criteria, current = criteria_with_agreements(municipality)
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
        page = agreements_page(municipality, criteria, current, form, may_change)
        framework = criteria[0].framework if criteria else None
    else:
        # Built only when the cached fragments are missing (see toolbox_site/freshness.py).
        page = SimpleLazyObject(
            lambda: agreements_page(
                municipality, *criteria_with_agreements(municipality), None, may_change
            )
        )
        versions = page_versions()
        framework = remembered(
            "framework",
            versions,
            (municipality.region_id,),
            lambda: (
                Framework.objects.published()
                .filter(region_id=municipality.region_id)
                .order_by("-version")
                .first()
            ),
        )
    return render(
        request,
        "criteria/agreements.html",
        {
            "municipality": municipality,
            "framework": framework,
            "form": form,
            "page": page,
            "versions": versions,
            "can_change": may_change,
            "breadcrumbs": [
                (_("Quality criteria"), reverse("criteria:index")),
                (_("Agreements compared"), reverse("criteria:matrix")),
                (municipality.name, None),
            ],
        },
    )


def agreements_page(municipality, criteria, current, form, may_change):
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
        f"{show_datetime(record.history_date)}: "
        f"{record.criterion.code} {statuses.get(record.status, '').lower()}"
        + (f" ({display_name(record.history_user)})" if record.history_user else "")
        for record in LocalAgreement.history.filter(municipality=municipality)
        .select_related("history_user", "criterion")
        .order_by("-history_date")[:RECENT_CHANGES]
    ]
    groups = []
    to_review = _("to review")
    for row in agreement_rows(criteria, current, form):
        row["html"] = agreement_fieldset(row, not may_change, to_review)
        theme = row["criterion"].theme
        if not groups or groups[-1]["theme"] != theme:
            groups.append({"theme": theme, "rows": []})
        groups[-1]["rows"].append(row)
    return {"due": due, "recent": recent, "groups": groups}


def trainings(request):
    choice = region_for(request)
    versions = page_versions()
    # Built only when the cached fragment is missing (see toolbox_site/freshness.py).
    page = SimpleLazyObject(lambda: _trainings_data(request, choice))
    if request.GET.keys() - {"regio"} and not filters_valid(
        "trainings", versions, request, page, choice.region
    ):
        messages.warning(request, _("A filter was not valid and has been ignored."))
    return render(
        request,
        "criteria/training_list.html",
        {
            "region_choice": choice,
            "versions": versions,
            "page": page,
            "breadcrumbs": [(_("Training"), None)],
        },
    )


def _trainings_data(request, choice):
    topics = list(TrainingTopic.objects.all())
    form = TrainingFilterForm(request.GET or None, topics=topics)
    today = timezone.localdate()
    data = {"onderwerp": "", "voor": "", "vanaf": None, "voorbij": False}
    if form.is_valid():
        data = form.cleaned_data
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
    return {
        "valid": not form.is_bound or form.is_valid(),
        "trainings": list(queryset),
        "form": form,
    }


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
