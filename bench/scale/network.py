"""National-scale network data for the benchmark (``generate_scale_data``).

About 60 services per municipality (55 local ones and the region's care-office
services), links on every map and step progress, all with bulk inserts.
"""

import datetime

from django.db import connection
from django.utils import timezone

from network import taxonomy
from network.models import (
    LifeDomain,
    Link,
    Provider,
    Role,
    Service,
    ServiceImport,
    Step,
    StepProgress,
    TargetGroup,
    VerificationReminder,
)
from toolbox_site.models import Organization

BATCH = 2000
LOCAL = 55
REGIONAL = 5
LINKS = 40
PROVIDER_KINDS = ["welfare", "care", "practice", "volunteers", "client_support", "municipality"]


def _bulk_through(model, rows):
    model.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)


def generate_network(ctx):
    taxonomy.load()
    rng = ctx.rng
    roles = list(Role.objects.prefetch_related("laws"))
    domains = list(LifeDomain.objects.all())
    groups = list(TargetGroup.objects.all())
    steps = list(Step.objects.all())
    today = timezone.localdate()
    municipalities = [o for o in ctx.organizations if o.kind == Organization.Kind.MUNICIPALITY]
    care_offices = {
        o.region_id: o for o in ctx.organizations if o.kind == Organization.Kind.CARE_OFFICE
    }
    by_region = {}
    for municipality in municipalities:
        by_region.setdefault(municipality.region_id, []).append(municipality)

    providers = []
    for owner in [*municipalities, *care_offices.values()]:
        for number, kind in enumerate(PROVIDER_KINDS):
            providers.append(
                Provider(
                    name=f"Aanbieder {number + 1} {owner.name}", kind=kind, maintained_by=owner
                )
            )
    providers = Provider.objects.bulk_create(providers, batch_size=BATCH)
    providers_of = {}
    for provider in providers:
        providers_of.setdefault(provider.maintained_by_id, []).append(provider)

    services, serves = [], []
    for owner in [*municipalities, *care_offices.values()]:
        is_municipality = owner.kind == Organization.Kind.MUNICIPALITY
        own_roles = (
            rng.sample(roles, k=len(roles) - rng.randint(2, 7)) if is_municipality else roles
        )
        count = LOCAL if is_municipality else REGIONAL
        served = [owner] if is_municipality else by_region.get(owner.region_id, [])
        for number in range(count):
            role = own_roles[number % len(own_roles)]
            age = rng.choice([10, 60, 120, 200, 300, 400, 700])
            services.append(
                Service(
                    owning_organization=owner,
                    provider=rng.choice(providers_of[owner.pk]),
                    role=role,
                    name=f"{role.name} {number + 1} – {owner.name}",
                    description=f"{role.description} Synthetische dienst voor de benchmark.",
                    formality="informal" if role.formality == "informal" else "formal",
                    independent=role.gives_support and not role.decides_access,
                    phone=f"053 000 {number % 10000:04d}",
                    email=f"dienst{number}@example.org",
                    verified_on=today - datetime.timedelta(days=age),
                    archived=rng.random() < 0.03,
                    **_capacity(number, today),
                    **_ages(number),
                )
            )
            serves.append(served)
    services = Service.objects.bulk_create(services, batch_size=BATCH)
    through = Service.municipalities.through
    _bulk_through(
        through,
        (
            through(service_id=service.pk, organization_id=municipality.pk)
            for service, served in zip(services, serves, strict=True)
            for municipality in served
        ),
    )
    for model, field, choices in (
        (Service.life_domains.through, "lifedomain_id", domains),
        (Service.target_groups.through, "targetgroup_id", groups),
    ):
        _bulk_through(
            model,
            (
                model(service_id=service.pk, **{field: choice.pk})
                for service in services
                for choice in rng.sample(choices, k=2)
            ),
        )
    law_through = Service.laws.through
    _bulk_through(
        law_through,
        (
            law_through(service_id=service.pk, law_id=law.pk)
            for service in services
            for law in service.role.laws.all()
        ),
    )

    serving = {}
    for service, served in zip(services, serves, strict=True):
        if service.archived:
            continue
        for municipality in served:
            serving.setdefault(municipality.pk, []).append(service)
    links = []
    for municipality in municipalities:
        pool = serving.get(municipality.pk, [])
        if len(pool) < 2:
            continue
        pairs = set()
        while len(pairs) < min(LINKS, len(pool) * (len(pool) - 1)):
            one, two = rng.sample(pool, 2)
            pairs.add((one.pk, two.pk, rng.choice(list(Link.Kind.values))))
        links.extend(
            Link(municipality=municipality, from_service_id=a, to_service_id=b, kind=kind)
            for a, b, kind in pairs
        )
    Link.objects.bulk_create(links, batch_size=BATCH)

    statuses = [s for s, _label in StepProgress.Status.choices]
    StepProgress.objects.bulk_create(
        (
            StepProgress(
                municipality=municipality,
                step=step,
                status=rng.choice(statuses),
                date=today - datetime.timedelta(days=rng.randint(0, 400)),
            )
            for municipality in municipalities
            for step in steps
        ),
        batch_size=BATCH,
    )
    return f"{len(services)} services, {len(links)} links, {len(providers)} providers"


STEPS = [generate_network]


def delete(regions):
    """Remove the network data of these regions quickly (no per-row history records)."""
    # Plain id lists, not nested subqueries: on fresh tables without statistics
    # PostgreSQL plans the nested IN (SELECT …) as a slow nested loop.
    organizations = list(
        Organization.objects.filter(region__in=regions).values_list("pk", flat=True)
    )
    service_ids = list(
        Service.objects.filter(owning_organization__in=organizations).values_list("pk", flat=True)
    )
    services = Service.objects.filter(pk__in=service_ids)
    for queryset in (
        Link.objects.filter(municipality__in=organizations),
        Link.objects.filter(from_service__in=service_ids),
        Link.objects.filter(to_service__in=service_ids),
        VerificationReminder.objects.filter(organization__in=organizations),
        ServiceImport.objects.filter(organization__in=organizations),
        StepProgress.objects.filter(municipality__in=organizations),
        Service.municipalities.through.objects.filter(service__in=service_ids),
        Service.municipalities.through.objects.filter(organization__in=organizations),
        Service.life_domains.through.objects.filter(service__in=service_ids),
        Service.target_groups.through.objects.filter(service__in=service_ids),
        Service.laws.through.objects.filter(service__in=service_ids),
        services,
        Provider.objects.filter(maintained_by__in=organizations),
    ):
        queryset._raw_delete(connection.alias)


#: Room for new clients for three services in five (the rest unknown), some stated
#: longer than three months ago; from the number, so the random sequence stays as it was.
CAPACITY_STATES = ["yes", "waiting_list", "not_now", "", ""]


#: The ages a service is for (HSDS minimum_age / maximum_age): most have no limit,
#: some are for young people or for older people; from the number, as above.
AGE_LIMITS = [(None, None), (None, None), (None, None), (None, 23), (65, None), (18, None)]


def _ages(number):
    low, high = AGE_LIMITS[number % len(AGE_LIMITS)]
    return {"minimum_age": low, "maximum_age": high}


def _capacity(number, today):
    accepts = CAPACITY_STATES[number % len(CAPACITY_STATES)]
    if not accepts:
        return {}
    return {
        "accepts_new_clients": accepts,
        "waiting_weeks": number % 12 + 1 if accepts == "waiting_list" else None,
        "capacity_stated_on": today - datetime.timedelta(days=number * 7 % 150),
    }
