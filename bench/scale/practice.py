"""National-scale practice examples for the benchmark: a few examples per region (the
demo's texts), linked to criteria of the region's framework (made by
bench/scale/criteria.py before) and to roles."""

import datetime

from django.utils import timezone

from network import taxonomy
from network.models import Role
from practice.demo import scale_rows
from practice.models import PracticeExample
from toolbox_site import freshness
from toolbox_site.models import Organization

# Examples per region; spread over its municipalities.
PER_REGION = 6
BATCH = 1000


def generate_examples(ctx):
    taxonomy.load()
    rows = scale_rows()
    roles = {role.slug: role for role in Role.objects.all()}
    by_region = {}
    for organization in ctx.organizations:
        if organization.kind == Organization.Kind.MUNICIPALITY:
            by_region.setdefault(organization.region_id, []).append(organization)
    now = timezone.now()
    examples, links = [], []
    for region_id, municipalities in sorted(by_region.items()):
        framework = ctx.framework_by_region.get(region_id)
        criteria = {
            criterion.code: criterion
            for criterion in ctx.criteria_by_framework.get(getattr(framework, "pk", None), [])
        }
        for number in range(PER_REGION):
            row = rows[number % len(rows)]
            municipality = municipalities[number % len(municipalities)]
            example = PracticeExample(
                title=f"{row['title']} ({municipality.name})",
                slug=f"schaal-{municipality.slug}-{number}",
                municipality=municipality,
                pillar=row["pillar"],
                what_was_done=row["what_was_done"],
                what_it_brought=row["what_it_brought"],
                published=number % 5 != 4,
                published_at=now - datetime.timedelta(days=number * 9 + 1),
            )
            examples.append(example)
            links.append(
                (
                    example,
                    [criteria[code] for code in row["criteria"] if code in criteria],
                    [roles[slug] for slug in row["roles"] if slug in roles],
                )
            )
    PracticeExample.objects.bulk_create(examples, batch_size=BATCH)
    Criteria = PracticeExample.criteria.through
    Roles = PracticeExample.roles.through
    Criteria.objects.bulk_create(
        (
            Criteria(practiceexample_id=example.pk, criterion_id=criterion.pk)
            for example, criteria, _roles in links
            for criterion in criteria
        ),
        batch_size=BATCH,
    )
    Roles.objects.bulk_create(
        (
            Roles(practiceexample_id=example.pk, role_id=role.pk)
            for example, _criteria, roles_ in links
            for role in roles_
        ),
        batch_size=BATCH,
    )
    freshness.changed("practice")  # bulk_create sends no signals
    return f"{len(examples)} practice examples"


STEPS = [generate_examples]


def delete(regions):
    PracticeExample.objects.filter(municipality__region__in=regions).delete()
    freshness.changed("practice")
