"""Demo network for every Twente municipality (run by ``manage.py seed_demo``).

Idempotent: services are found again by maintaining organization and name,
links by their ends, progress by municipality and step. Every contact detail
is made up (example.org, numbers starting with 0000).

The tests build the same objects with :func:`seed_municipality` and
:func:`seed_regional`, so inventory pages resolve against demo and test data alike.
"""

import datetime
import json
import random
from pathlib import Path

from django.utils import timezone
from django.utils.text import slugify

from toolbox_site.models import Organization, Region

from . import taxonomy
from .models import (
    Formality,
    LifeDomain,
    Link,
    Provider,
    Role,
    Service,
    Step,
    StepProgress,
    TargetGroup,
)

#: The demo's services and links: data, in data/demo.json.
DATA = json.loads((Path(__file__).parent / "data" / "demo.json").read_text(encoding="utf-8"))

# key, role slug, name pattern, provider pattern, provider kind, formality, independent,
# life domain slugs, target group slugs, optional (left out in some municipalities)
LOCAL_SERVICES = [
    (
        row["key"],
        row["role"],
        row["name"],
        row["provider"],
        Provider.Kind(row["provider_kind"]),
        Formality(row["formality"]),
        row["independent"],
        row["life_domains"],
        row["target_groups"],
        row["optional"],
    )
    for row in DATA["local_services"]
]
# key -> room for new clients as stated some days ago (network/capacity.py)
CAPACITY = {row["key"]: row["capacity"] for row in DATA["local_services"] if "capacity" in row}
# key, owner (care_office or region_team), role slug, name, provider, provider kind,
# independent, life domain slugs, target group slugs
REGIONAL_SERVICES = [
    (
        row["key"],
        row["owner"],
        row["role"],
        row["name"],
        row["provider"],
        Provider.Kind(row["provider_kind"]),
        row["independent"],
        row["life_domains"],
        row["target_groups"],
    )
    for row in DATA["regional_services"]
]
# from key, kind, to key, note
LINKS = [(row["from"], Link.Kind(row["kind"]), row["to"], row["note"]) for row in DATA["links"]]
CONTACT_NOTE = DATA["contact_note"]
#: key: (minimum age, maximum age), for the services that name an age range
AGES = {
    row["key"]: (row["minimum_age"], row["maximum_age"])
    for row in DATA["local_services"] + DATA["regional_services"]
    if "minimum_age" in row
}


def _service_defaults(key, role, name, provider, formality, independent, number, rng, today):
    age = rng.choice([20, 45, 90, 150, 200, 300]) if number % 7 else rng.choice([420, 560, 800])
    slug = slugify(name)[:40]
    return {
        "provider": provider,
        "role": role,
        "description": (
            f"{name} helpt inwoners verder met hun vraag. {role.description} "
            "Bel of mail voor een afspraak; een huisbezoek kan ook."
        ),
        "formality": formality,
        "independent": independent,
        "free": True,
        "languages": "Nederlands" if number % 3 else "Nederlands, Engels",
        "phone": f"053 000 {number % 10000:04d}",
        "email": f"{slug}@example.org",
        "website": f"https://{slug}.example.org",
        "visiting_address": f"Voorbeeldstraat {number}",
        "postal_code": "0000 XX",
        "opening_hours": CONTACT_NOTE,
        "minimum_age": AGES.get(key, (None, None))[0],
        "maximum_age": AGES.get(key, (None, None))[1],
        "verified_on": today - datetime.timedelta(days=age),
        "archived": False,
    }


def _provider(name, kind, maintained_by, organization=None):
    provider, _ = Provider.objects.update_or_create(
        maintained_by=maintained_by,
        name=name,
        defaults={
            "kind": kind,
            "organization": organization,
            "website": f"https://{slugify(name)[:40]}.example.org",
        },
    )
    return provider


def _reference():
    return (
        {role.slug: role for role in Role.objects.all()},
        {domain.slug: domain for domain in LifeDomain.objects.all()},
        {group.slug: group for group in TargetGroup.objects.all()},
    )


def seed_regional(care_office, region_team, municipalities):
    """The region-wide services of the care office and the region team."""
    roles, domains, groups = _reference()
    today = timezone.localdate()
    rng = random.Random(f"regional-{care_office.region_id}")
    owners = {"care_office": care_office, "region_team": region_team}
    services = {}
    for number, row in enumerate(REGIONAL_SERVICES, start=900):
        key, owner_key, role_slug, name, provider_name, kind, independent, ds, gs = row
        owner = owners[owner_key]
        organization = owner if provider_name == owner.name or kind == "care_office" else None
        provider = _provider(provider_name, kind, owner, organization)
        role = roles[role_slug]
        defaults = _service_defaults(
            key, role, name, provider, Formality.FORMAL, independent, number, rng, today
        )
        defaults["city"] = ""
        service, _ = Service.objects.update_or_create(
            owning_organization=owner, name=name, defaults=defaults
        )
        service.life_domains.set([domains[slug] for slug in ds])
        service.target_groups.set([groups[slug] for slug in gs])
        service.laws.set(role.laws.all())
        service.municipalities.add(*municipalities)
        services[key] = service
    return services


def seed_municipality(municipality, regional, index=0):
    """A believable local network for one municipality; returns its services by key."""
    roles, domains, groups = _reference()
    today = timezone.localdate()
    rng = random.Random(f"network-{municipality.slug}")
    own_provider = _provider(
        f"Gemeente {municipality.name}", Provider.Kind.MUNICIPALITY, municipality, municipality
    )
    services = dict(regional)
    optional = [row for row in LOCAL_SERVICES if row[-1]]
    # Every municipality leaves out some optional roles, so the gap list shows.
    left_out = {row[0] for n, row in enumerate(optional) if (n + index) % 3 == 0}
    for number, row in enumerate(LOCAL_SERVICES, start=1):
        key, role_slug, name, provider_name, kind, formality, independent, ds, gs, _opt = row
        if key in left_out:
            continue
        name = name.format(m=municipality.name)
        provider_name = provider_name.format(m=municipality.name)
        provider = (
            own_provider
            if kind == Provider.Kind.MUNICIPALITY
            else _provider(provider_name, kind, municipality)
        )
        role = roles[role_slug]
        defaults = _service_defaults(
            key, role, name, provider, formality, independent, number + index, rng, today
        )
        defaults["city"] = municipality.name
        if key in CAPACITY:
            capacity = CAPACITY[key]
            defaults["accepts_new_clients"] = capacity["accepts_new_clients"]
            defaults["waiting_weeks"] = capacity["waiting_weeks"]
            defaults["capacity_stated_on"] = today - datetime.timedelta(
                days=capacity["stated_days_ago"]
            )
        service, _ = Service.objects.update_or_create(
            owning_organization=municipality, name=name, defaults=defaults
        )
        service.municipalities.set([municipality])
        service.life_domains.set([domains[slug] for slug in ds])
        service.target_groups.set([groups[slug] for slug in gs])
        service.laws.set(role.laws.all())
        services[key] = service
    # One entry that stopped: archived, so it is off the map but keeps its history.
    stopped = f"Formulierenspreekuur {municipality.name} (gestopt)"
    defaults = _service_defaults(
        "gestopt",
        roles["vrijwilliger-informatiepunt"],
        stopped,
        _provider(
            f"Vrijwilligerscentrale {municipality.name}", Provider.Kind.VOLUNTEERS, municipality
        ),
        Formality.INFORMAL,
        True,
        99,
        rng,
        today,
    )
    defaults.update(archived=True, city=municipality.name)
    archived, _ = Service.objects.update_or_create(
        owning_organization=municipality, name=stopped, defaults=defaults
    )
    archived.municipalities.set([municipality])
    for from_key, kind, to_key, note in LINKS:
        if from_key in services and to_key in services:
            Link.objects.update_or_create(
                municipality=municipality,
                from_service=services[from_key],
                to_service=services[to_key],
                kind=kind,
                defaults={"note": note},
            )
    steps = list(Step.objects.order_by("number"))
    done = index % (len(steps) + 1)
    for step in steps:
        if step.number <= done:
            status, note = StepProgress.Status.DONE, "Afgerond en besproken in de kerngroep."
        elif step.number == done + 1:
            status, note = StepProgress.Status.IN_PROGRESS, "Hier werken we nu aan."
        else:
            status, note = StepProgress.Status.NOT_STARTED, ""
        StepProgress.objects.update_or_create(
            municipality=municipality,
            step=step,
            defaults={
                "status": status,
                "note": note,
                "date": today - datetime.timedelta(days=30 * (len(steps) - step.number))
                if status != StepProgress.Status.NOT_STARTED
                else None,
            },
        )
    return services


def seed():
    taxonomy.load()
    region = Region.objects.get(slug="twente")
    municipalities = list(
        Organization.objects.municipalities().filter(region=region).order_by("name")
    )
    care_office = Organization.objects.get(slug="menzis")
    region_team = Organization.objects.get(slug="ggd-twente")
    regional = seed_regional(care_office, region_team, municipalities)
    for index, municipality in enumerate(municipalities):
        seed_municipality(municipality, regional, index)
    services = Service.objects.in_region(region).count()
    links = Link.objects.filter(municipality__region=region).count()
    return f"{services} services, {links} links in {len(municipalities)} municipalities"
