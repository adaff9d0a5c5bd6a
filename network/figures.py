"""The network's figures per municipality: services per role category, missing roles,
entries not checked for a year and the step plan's progress. One reading for any set
of municipalities, so the region's overviews (the network's and the municipalities')
and a municipality's own page count alike."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, FilteredRelation, Q

from toolbox_site.models import Organization

from .models import Service, Step, StepProgress, stale_before
from .rows import roles_with_categories


def municipalities_with_steps(region):
    """The region's municipalities by name, each with ``steps_done`` (the step plan's
    steps done): for :func:`network_figures`' ``steps_done``, in the same query."""
    if region is None:
        return []
    return list(
        Organization.objects.municipalities()
        .filter(region=region)
        .annotate(
            steps_done=Count(
                "step_progress", filter=Q(step_progress__status=StepProgress.Status.DONE)
            )
        )
        .order_by("name")
    )


@dataclass
class MunicipalityFigures:
    per_category: list  # services per role category, in the categories' order
    services: int = 0
    missing: int = 0  # roles nobody plays
    stale: int = 0  # services not checked for over 12 months
    steps_done: int = 0
    roles: set = field(default_factory=set)  # the roles its services play


@dataclass
class NetworkFigures:
    categories: list  # CategoryRow, with role_count (those that have roles)
    roles: list  # every Role as a RoleRow with its category, in the categories' order
    role_count: int
    step_count: int
    rows: dict = field(default_factory=dict)  # municipality pk -> MunicipalityFigures


def network_figures(municipality_ids, steps_done=None):
    """The figures of the municipalities (four queries, whatever their number).

    Without ``steps_done`` the steps done are read with the steps, a row per step and
    municipality that did it: for one municipality or a few. A region's overview reads
    them with its municipalities and passes them as ``{pk: count}``."""
    ids = list(municipality_ids)
    # The roles with their categories in one query, as rows; a category counts its roles.
    roles = roles_with_categories()
    categories = list({role.category_id: role.category for role in roles}.values())
    for category in categories:
        category.role_count = sum(1 for role in roles if role.category_id == category.pk)
    # Two index lookups and a count in Python: the planner would otherwise hash-join
    # the whole national service table for one region's few hundred services.
    through = Service.municipalities.through
    served = (
        list(
            through.objects.filter(organization_id__in=ids).values_list(
                "organization_id", "service_id"
            )
        )
        if ids
        else []
    )
    services = {
        pk: (category_id, role_id, verified_on)
        for pk, category_id, role_id, verified_on in Service.objects.filter(
            pk__in={service_id for _municipality, service_id in served}, archived=False
        )
        .values_list("pk", "role__category_id", "role_id", "verified_on")
        .order_by()
    }
    if steps_done is None and ids:
        # Every step with the municipalities that have done it (a row per step done,
        # one per step not done): the step count and the steps done in one query.
        done = FilteredRelation(
            "progress",
            condition=Q(
                progress__municipality_id__in=ids, progress__status=StepProgress.Status.DONE
            ),
        )
        steps = list(
            Step.objects.annotate(done=done).values_list("pk", "done__municipality_id").order_by()
        )
        step_count = len({pk for pk, _municipality in steps})
        steps_done = Counter(municipality for _pk, municipality in steps if municipality)
    else:
        step_count = Step.objects.count()
        steps_done = steps_done or {}
    limit = stale_before()
    per_category = defaultdict(int)
    figures = {
        pk: MunicipalityFigures(per_category=[], steps_done=steps_done.get(pk, 0)) for pk in ids
    }
    for municipality_id, service_id in served:
        if service_id not in services:
            continue
        category_id, role_id, verified_on = services[service_id]
        per_category[(municipality_id, category_id)] += 1
        row = figures[municipality_id]
        row.services += 1
        row.roles.add(role_id)
        row.stale += verified_on is None or verified_on < limit
    role_count = len(roles)
    for pk, row in figures.items():
        row.per_category = [per_category[(pk, category.pk)] for category in categories]
        row.missing = role_count - len(row.roles)
    return NetworkFigures(
        categories=categories,
        roles=roles,
        role_count=role_count,
        step_count=step_count,
        rows=figures,
    )
