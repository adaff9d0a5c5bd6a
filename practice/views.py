"""The practice exchange (``/praktijk/``): the list, one example, and the forms of the
municipalities' editors. The writes themselves are in practice/services.py."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from criteria.models import Criterion, Framework
from network.models import Role
from toolbox_site import freshness
from toolbox_site.locking import Conflict, show_conflict
from toolbox_site.models import Organization
from toolbox_site.regions import REGION_PARAMETER, RegionChoice, own_region_id, region_for

from . import services
from .forms import ExampleFilterForm, PracticeExampleForm, PublishForm
from .models import PracticeExample

PER_PAGE = 12
FILTERS = ("pijler", "gemeente", "criterium", "rol")
# The longest value a filter can have (a slug); anything longer is not looked up.
MAX_FILTER_LENGTH = 150

#: A cached part of a practice page (toolbox_site/freshness.py): the examples, the
#: organizations' names and the criteria, in the page's region.
page_part = freshness.parts_for("practice", "toolbox_site", "criteria")


def practice_crumb():
    return (_("Practice exchange"), reverse("practice:index"))


def _region_of_filters(request, choice):
    """A link from another page names a municipality or a criterion, maybe of another
    region than the visitor's own: without ``?regio=`` the list shows theirs."""
    if REGION_PARAMETER in request.GET:
        return choice
    region_id = None
    slug = request.GET.get("gemeente", "")
    number = request.GET.get("criterium", "")
    if slug and len(slug) <= MAX_FILTER_LENGTH:
        region_id = (
            Organization.objects.municipalities()
            .filter(slug=slug)
            .values_list("region_id", flat=True)
            .first()
        )
    elif number.isascii() and number.isdigit() and len(number) < 10:
        region_id = (
            Criterion.objects.filter(pk=int(number))
            .values_list("framework__region_id", flat=True)
            .first()
        )
    by_id = {region.pk: region for region in choice.regions}
    if region_id is None or region_id not in by_id or choice.region is None:
        return choice
    if region_id == choice.region.pk:
        return choice
    return RegionChoice(by_id[region_id], choice.regions)


@login_required
def index(request):
    choice = _region_of_filters(request, region_for(request))
    page = SimpleLazyObject(lambda: _index_data(request, choice))
    roles_version = freshness.versions("network", shared=True)
    part = page_part("index", request, choice.region, vary=(roles_version,))
    if request.GET.keys() & set(FILTERS):
        valid = freshness.cached(
            page_part("valid-index", request, choice.region, vary=(roles_version,)),
            lambda: bool(page["valid"]),
        )
        if not valid:
            messages.warning(request, _("A filter was not valid and has been ignored."))
    return render(
        request,
        "practice/index.html",
        {
            "region_choice": choice,
            "part": part,
            "page": page,
            "may_write": request.user.has_perm("practice.write_examples"),
            "breadcrumbs": [(_("Practice exchange"), None)],
        },
    )


def _index_data(request, choice):
    region = choice.region
    municipalities, criteria = [], []
    if region is not None:
        municipalities = list(
            Organization.objects.municipalities()
            .filter(region=region)
            .order_by("name")
            .values_list("slug", "name")
        )
        criteria = list(
            Criterion.objects.filter(
                framework__region=region, framework__status=Framework.Status.PUBLISHED
            )
            .order_by("theme__order", "order", "code")
            .values_list("pk", "code", "title")
        )
    roles = list(Role.objects.values_list("slug", "name"))
    form = ExampleFilterForm(
        request.GET or None,
        municipalities=municipalities,
        criteria=[(pk, f"{code} {title}") for pk, code, title in criteria],
        roles=roles,
    )
    valid = not form.is_bound or form.is_valid()
    # Invalid filters are left out; the valid ones still apply.
    chosen = {name: form.cleaned_data.get(name) for name in FILTERS} if form.is_bound else {}
    examples = PracticeExample.objects.for_user(request.user).filter(municipality__region=region)
    if chosen.get("pijler"):
        examples = examples.filter(pillar=chosen["pijler"])
    if chosen.get("gemeente"):
        examples = examples.filter(municipality__slug=chosen["gemeente"])
    if chosen.get("criterium"):
        code = next(code for pk, code, _title in criteria if pk == chosen["criterium"])
        linked = PracticeExample.criteria.through.objects.filter(
            criterion__code=code, criterion__framework__region=region
        ).values("practiceexample_id")
        examples = examples.filter(pk__in=linked)
    if chosen.get("rol"):
        examples = examples.filter(roles__slug=chosen["rol"])
    examples = (
        examples.select_related("municipality")
        .only(
            "title",
            "slug",
            "pillar",
            "published",
            "published_at",
            "what_was_done",
            "municipality__name",
            "municipality__slug",
        )
        # Drafts (of the visitor's own municipality) first, then newest first.
        .order_by(F("published_at").desc(nulls_first=True), "-created_at", "pk")
    )
    page_obj = Paginator(examples, PER_PAGE).get_page(request.GET.get("pagina"))
    pillars = dict(PracticeExample.Pillar.choices)
    rows = [
        {
            "title": example.title,
            "url": example.get_absolute_url(),
            "municipality": example.municipality.name,
            "municipality_slug": example.municipality.slug,
            "pillar": pillars.get(example.pillar, ""),
            "published": example.published,
            "published_at": example.published_at,
            "summary": example.what_was_done,
        }
        for example in page_obj
    ]
    keep = [(name, value) for name, value in chosen.items() if value not in (None, "")]
    if choice.several and region is not None:
        keep.insert(0, (REGION_PARAMETER, region.slug))
    return {
        "valid": valid,
        "form": form,
        "selected": {name: str(chosen.get(name) or "") for name in FILTERS},
        "choices": {name: form.fields[name].choices for name in FILTERS},
        "filtered": any(value not in (None, "") for value in chosen.values()),
        "rows": rows,
        "page_obj": page_obj,
        "elided_pages": page_obj.paginator.get_elided_page_range(page_obj.number),
        "query": urlencode(keep),
    }


def _readable(user):
    return PracticeExample.objects.for_user(user).select_related(
        "municipality__region", "contact_organization"
    )


@login_required
def detail(request, slug):
    example = get_object_or_404(_readable(request.user), slug=slug)
    may_change = request.user.has_perm("practice.change_example", example)
    # The first read of the versions takes the example's municipality's (one query).
    freshness.versions("practice", municipality=example.municipality)
    return render(
        request,
        "practice/detail.html",
        {
            "example": example,
            # Read only when the cached part is missing (see toolbox_site/freshness.py).
            "linked": SimpleLazyObject(lambda: _linked(example)),
            # The example's own changes raise its version; its criteria, the organizations'
            # names and the roles have versions of their own.
            "part": freshness.part(
                "practice-detail",
                "practice",
                "criteria",
                "toolbox_site",
                municipality=example.municipality,
                vary=(
                    example.pk,
                    example.version,
                    may_change,
                    freshness.versions("network", shared=True),
                ),
            ),
            "region_query": f"?{urlencode({REGION_PARAMETER: example.municipality.region.slug})}",
            "can_change": may_change,
            "breadcrumbs": [practice_crumb(), (example.title, None)],
        },
    )


def _linked(example):
    return {
        "criteria": list(
            example.criteria.order_by("theme__order", "order", "code").only("code", "title")
        ),
        "roles": list(example.roles.order_by("name").only("slug", "name")),
    }


def _form(request, instance, name, *vary):
    """The form and the cached part of its fields (templates/includes/form.html): a
    submitted form is built at once and never kept (its part is None); an empty one is
    built only when its fields are not in the cache. They hold the choices of the
    visitor's regions (organizations, criteria, roles) and, for an edit, the example's
    version."""
    if request.method == "POST":
        return PracticeExampleForm(request.POST, user=request.user, instance=instance), None
    part = freshness.part(
        f"practice-form-{name}",
        "practice",
        "criteria",
        "toolbox_site",
        region=own_region_id(request.user),
        request=request,
        vary=(*vary, freshness.versions("network", shared=True)),
    )
    form = SimpleLazyObject(lambda: PracticeExampleForm(None, user=request.user, instance=instance))
    return form, part


def _editable(user, slug):
    """The example, or refuse: one the user may not read is "not found" (404), one they
    may read but not change is "forbidden" (403)."""
    example = get_object_or_404(_readable(user), slug=slug)
    if not user.has_perm("practice.change_example", example):
        raise PermissionDenied
    return example


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    if not request.user.has_perm("practice.write_examples"):
        raise PermissionDenied
    form, fields_key = _form(request, PracticeExample(), "create")
    if request.method == "POST" and form.is_valid():
        example = services.create_example(form, request.user)
        messages.success(
            request,
            _("The example was saved as a draft. Publish it when it is ready for other members."),
        )
        return redirect(example)
    return render(
        request,
        "practice/form.html",
        {
            "form": form,
            "fields_key": fields_key,
            "title": _("New practice example"),
            "breadcrumbs": [practice_crumb(), (_("New practice example"), None)],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, slug):
    example = _editable(request.user, slug)
    form, fields_key = _form(request, example, "edit", example.pk, example.version)
    if request.method == "POST" and form.is_valid():
        try:
            example = services.update_example(form, request.user)
        except Conflict as conflict:
            show_conflict(form, conflict.current)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect(example)
    return render(
        request,
        "practice/form.html",
        {
            "form": form,
            "fields_key": fields_key,
            "example": example,
            "title": _("Edit practice example"),
            "breadcrumbs": [
                practice_crumb(),
                (example.title, example.get_absolute_url()),
                (_("Edit"), None),
            ],
        },
    )


def _set_published(request, slug, published):
    example = _editable(request.user, slug)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Something went wrong; nothing was changed. Please try again."))
        return redirect(example)
    try:
        services.set_published(example, published, form.cleaned_data["version"], request.user)
    except Conflict:
        messages.error(
            request,
            _(
                "Someone changed this example while you were looking at it; nothing was "
                "changed. Check it and try again."
            ),
        )
    else:
        if published:
            messages.success(request, _("The example is published: every member can read it."))
        else:
            messages.success(request, _("The example is no longer published."))
    return redirect(example)


@login_required
@require_POST
def publish(request, slug):
    return _set_published(request, slug, True)


@login_required
@require_POST
def unpublish(request, slug):
    return _set_published(request, slug, False)
