"""National-scale criteria data for the benchmark: a published framework per
region (the Twente demo framework's themes and criteria) and an agreement of
every municipality on every criterion (342 x 40 at scale 1)."""

from criteria.demo import STATUS_WEIGHTS, THEMES
from criteria.models import Criterion, Framework, LocalAgreement, Theme, Training
from toolbox_site import freshness
from toolbox_site.models import Organization

BATCH = 1000


def generate_frameworks(ctx):
    regions = {organization.region_id for organization in ctx.organizations}
    frameworks = Framework.objects.bulk_create(
        Framework(
            region_id=region_id,
            name="Kwaliteitscriteria (schaaldata)",
            version=1,
            status=Framework.Status.PUBLISHED,
        )
        for region_id in sorted(regions)
    )
    themes = Theme.objects.bulk_create(
        (
            Theme(framework=framework, name=name, description=description, order=order)
            for framework in frameworks
            for order, (_prefix, name, description, _criteria) in enumerate(THEMES, start=1)
        ),
        batch_size=BATCH,
    )
    criteria = []
    for theme in themes:
        prefix, _name, _description, items = THEMES[theme.order - 1]
        for order, (title, explanation, applies_to, questions) in enumerate(items, start=1):
            criteria.append(
                Criterion(
                    framework_id=theme.framework_id,
                    theme=theme,
                    code=f"{prefix}-{order}",
                    title=title,
                    explanation=explanation,
                    applies_to=applies_to,
                    questions=questions,
                    order=order,
                )
            )
    Criterion.objects.bulk_create(criteria, batch_size=BATCH)
    ctx.criteria_by_framework = {}
    for criterion in criteria:
        ctx.criteria_by_framework.setdefault(criterion.framework_id, []).append(criterion)
    ctx.framework_by_region = {framework.region_id: framework for framework in frameworks}
    freshness.changed("criteria")  # bulk_create sends no signals
    return f"{len(frameworks)} frameworks, {len(themes)} themes, {len(criteria)} criteria"


def generate_agreements(ctx):
    rng = ctx.rng
    statuses, weights = zip(*STATUS_WEIGHTS, strict=True)
    areas = LocalAgreement.Area.values
    agreements = []
    for organization in ctx.organizations:
        if organization.kind != Organization.Kind.MUNICIPALITY:
            continue
        framework = ctx.framework_by_region[organization.region_id]
        for criterion in ctx.criteria_by_framework[framework.pk]:
            agreements.append(
                LocalAgreement(
                    municipality=organization,
                    criterion=criterion,
                    status=rng.choices(statuses, weights)[0],
                    area=rng.choice(areas),
                    text="Afspraak uit de schaaldata.",
                )
            )
    LocalAgreement.objects.bulk_create(agreements, batch_size=BATCH)
    freshness.changed("criteria")  # bulk_create sends no signals
    return f"{len(agreements)} local agreements"


STEPS = [generate_frameworks, generate_agreements]


def delete(regions):
    LocalAgreement.objects.filter(municipality__region__in=regions).delete()
    Training.objects.filter(region__in=regions).delete()
    Criterion.objects.filter(framework__region__in=regions).delete()
    Framework.objects.filter(region__in=regions).delete()
    freshness.changed("criteria")
