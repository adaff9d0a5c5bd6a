"""Demo network for every Twente municipality (run by ``manage.py seed_demo``).

Idempotent: services are found again by maintaining organization and name,
links by their ends, progress by municipality and step. Every contact detail
is made up (example.org, numbers starting with 0000).

The tests build the same objects with :func:`seed_municipality` and
:func:`seed_regional`, so inventory pages resolve against demo and test data alike.
"""

import datetime
import random

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

# key, role slug, name pattern, provider pattern, provider kind, formality, independent,
# life domain slugs, target group slugs, optional (left out in some municipalities)
LOCAL_SERVICES = [
    (
        "oco",
        "onafhankelijke-clientondersteuner",
        "Onafhankelijke cliëntondersteuning {m}",
        "Stichting Naast {m}",
        Provider.Kind.CLIENT_SUPPORT,
        Formality.FORMAL,
        True,
        ["zorg-en-ondersteuning-regelen", "geld-en-schulden", "wonen", "huishouden-en-zelfzorg"],
        ["volwassenen", "ouderen", "mantelzorgers", "lvb"],
        False,
    ),
    (
        "ouderenadvies",
        "ouderenadviseur",
        "Ouderenadvies {m}",
        "Welzijn {m}",
        Provider.Kind.WELFARE,
        Formality.FORMAL,
        True,
        ["wonen", "zorg-en-ondersteuning-regelen", "sociaal-netwerk-en-mantelzorg"],
        ["ouderen", "ouderen-met-klein-netwerk"],
        False,
    ),
    (
        "mantelzorg",
        "mantelzorgconsulent",
        "Mantelzorgsteunpunt {m}",
        "Welzijn {m}",
        Provider.Kind.WELFARE,
        Formality.FORMAL,
        True,
        ["sociaal-netwerk-en-mantelzorg"],
        ["mantelzorgers"],
        False,
    ),
    (
        "raadslieden",
        "sociaal-raadslid",
        "Sociaal raadslieden {m}",
        "Stichting Naast {m}",
        Provider.Kind.CLIENT_SUPPORT,
        Formality.FORMAL,
        True,
        ["geld-en-schulden", "veiligheid-en-justitie"],
        ["volwassenen", "mensen-met-schulden"],
        True,
    ),
    (
        "vrijwillig",
        "vrijwillige-clientondersteuner",
        "Vrijwillige cliëntondersteuning {m}",
        "Vrijwilligerscentrale {m}",
        Provider.Kind.VOLUNTEERS,
        Formality.INFORMAL,
        True,
        ["zorg-en-ondersteuning-regelen", "huishouden-en-zelfzorg"],
        ["volwassenen", "ouderen"],
        False,
    ),
    (
        "ouderenadvies-vrijwillig",
        "vrijwillige-ouderenadviseur",
        "Vrijwillige ouderenadviseurs {m}",
        "Vrijwilligerscentrale {m}",
        Provider.Kind.VOLUNTEERS,
        Formality.INFORMAL,
        True,
        ["wonen", "meedoen-vrije-tijd-en-vervoer"],
        ["ouderen", "ouderen-met-klein-netwerk"],
        True,
    ),
    (
        "maatjes",
        "ervaringsdeskundige",
        "Maatjesproject {m}",
        "Vrijwilligerscentrale {m}",
        Provider.Kind.VOLUNTEERS,
        Formality.INFORMAL,
        True,
        ["psychische-gezondheid-en-verslaving", "sociaal-netwerk-en-mantelzorg"],
        ["psychisch-kwetsbaar", "volwassenen"],
        True,
    ),
    (
        "thuisadministratie",
        "thuisadministratie-schuldhulpmaatje",
        "Thuisadministratie {m}",
        "Vrijwilligerscentrale {m}",
        Provider.Kind.VOLUNTEERS,
        Formality.INFORMAL,
        True,
        ["geld-en-schulden"],
        ["mensen-met-schulden", "volwassenen"],
        False,
    ),
    (
        "wmo-loket",
        "wmo-consulent",
        "Wmo-loket {m}",
        "Gemeente {m}",
        Provider.Kind.MUNICIPALITY,
        Formality.FORMAL,
        False,
        ["zorg-en-ondersteuning-regelen", "huishouden-en-zelfzorg", "wonen"],
        ["volwassenen", "ouderen"],
        False,
    ),
    (
        "wijkteam",
        "wijkteam",
        "Wijkteam {m}",
        "Gemeente {m}",
        Provider.Kind.MUNICIPALITY,
        Formality.FORMAL,
        False,
        ["opvoeden-en-opgroeien", "huishouden-en-zelfzorg", "psychische-gezondheid-en-verslaving"],
        ["jeugd", "ouders", "volwassenen"],
        False,
    ),
    (
        "cjg",
        "jeugdconsulent",
        "Centrum voor Jeugd en Gezin {m}",
        "Gemeente {m}",
        Provider.Kind.MUNICIPALITY,
        Formality.FORMAL,
        False,
        ["opvoeden-en-opgroeien"],
        ["jeugd", "ouders"],
        False,
    ),
    (
        "werk-inkomen",
        "werk-en-inkomen",
        "Werk en inkomen {m}",
        "Gemeente {m}",
        Provider.Kind.MUNICIPALITY,
        Formality.FORMAL,
        False,
        ["werk-onderwijs-en-dagbesteding", "geld-en-schulden"],
        ["volwassenen", "mensen-met-schulden"],
        False,
    ),
    (
        "huisarts",
        "huisarts",
        "Huisartsen {m}",
        "Huisartsenpraktijk De Voorbeeldhoek {m}",
        Provider.Kind.PRACTICE,
        Formality.FORMAL,
        False,
        ["lichamelijke-gezondheid", "psychische-gezondheid-en-verslaving"],
        ["volwassenen", "ouderen", "jeugd"],
        False,
    ),
    (
        "poh",
        "praktijkondersteuner",
        "Praktijkondersteuners {m}",
        "Huisartsenpraktijk De Voorbeeldhoek {m}",
        Provider.Kind.PRACTICE,
        Formality.FORMAL,
        False,
        ["psychische-gezondheid-en-verslaving", "lichamelijke-gezondheid"],
        ["ouderen", "psychisch-kwetsbaar"],
        True,
    ),
    (
        "wijkverpleging",
        "wijkverpleegkundige",
        "Wijkverpleging {m}",
        "Thuiszorg Voorbeeld {m}",
        Provider.Kind.CARE,
        Formality.FORMAL,
        False,
        ["lichamelijke-gezondheid", "huishouden-en-zelfzorg"],
        ["ouderen", "dementie"],
        False,
    ),
    (
        "welzijnswerk",
        "welzijnswerker",
        "Welzijnswerk {m}",
        "Welzijn {m}",
        Provider.Kind.WELFARE,
        Formality.FORMAL,
        False,
        ["meedoen-vrije-tijd-en-vervoer", "sociaal-netwerk-en-mantelzorg"],
        ["volwassenen", "ouderen-met-klein-netwerk"],
        False,
    ),
    (
        "jongerenwerk",
        "jongerenwerker",
        "Jongerenwerk {m}",
        "Welzijn {m}",
        Provider.Kind.WELFARE,
        Formality.FORMAL,
        False,
        ["opvoeden-en-opgroeien", "werk-onderwijs-en-dagbesteding"],
        ["jeugd"],
        True,
    ),
    (
        "informatiepunt",
        "vrijwilliger-informatiepunt",
        "Informatiepunt in de bibliotheek {m}",
        "Vrijwilligerscentrale {m}",
        Provider.Kind.VOLUNTEERS,
        Formality.INFORMAL,
        True,
        ["zorg-en-ondersteuning-regelen", "geld-en-schulden"],
        ["volwassenen", "ouderen"],
        True,
    ),
]

# key, owner ("care_office" / "region_team"), role, name, provider, kind, independent,
# life domains, target groups
REGIONAL_SERVICES = [
    (
        "wlz-co",
        "care_office",
        "wlz-clientondersteuner",
        "Wlz-cliëntondersteuning via het zorgkantoor",
        "Menzis zorgkantoor",
        Provider.Kind.CARE_OFFICE,
        True,
        ["zorg-en-ondersteuning-regelen"],
        ["ouderen", "dementie", "emb", "lichamelijke-zintuiglijke-beperking"],
    ),
    (
        "zorgkantoor",
        "care_office",
        "zorgkantoor-ciz",
        "Zorgkantoor: advies over langdurige zorg",
        "Menzis zorgkantoor",
        Provider.Kind.CARE_OFFICE,
        False,
        ["zorg-en-ondersteuning-regelen"],
        ["ouderen", "emb"],
    ),
    (
        "ggd-jgz",
        "region_team",
        "ggd",
        "GGD Twente jeugdgezondheidszorg",
        "GGD Twente",
        Provider.Kind.OTHER,
        False,
        ["opvoeden-en-opgroeien", "lichamelijke-gezondheid"],
        ["jeugd", "ouders"],
    ),
    (
        "dementie",
        "region_team",
        "casemanager-dementie",
        "Casemanagement dementie Twente",
        "Netwerk Dementie Voorbeeld",
        Provider.Kind.CARE,
        False,
        ["psychische-gezondheid-en-verslaving", "sociaal-netwerk-en-mantelzorg"],
        ["dementie", "mantelzorgers"],
    ),
]

# from key, kind, to key, note
LINKS = [
    ("wijkteam", Link.Kind.REFERS_TO, "oco", "Wijst bij elke melding op cliëntondersteuning."),
    ("wmo-loket", Link.Kind.REFERS_TO, "oco", "Noemt cliëntondersteuning vóór elk gesprek."),
    ("huisarts", Link.Kind.REFERS_TO, "wijkteam", "Vaste contactpersoon per praktijk."),
    ("wijkverpleging", Link.Kind.REFERS_TO, "oco", ""),
    ("oco", Link.Kind.WORKS_WITH, "vrijwillig", "Koppelen formeel en informeel."),
    ("oco", Link.Kind.HANDS_OVER_TO, "wlz-co", "Warme overdracht bij een Wlz-aanvraag."),
    ("wmo-loket", Link.Kind.HANDS_OVER_TO, "zorgkantoor", "Overgang van Wmo naar Wlz."),
    ("ouderenadvies", Link.Kind.REFERS_TO, "mantelzorg", ""),
    ("welzijnswerk", Link.Kind.REFERS_TO, "vrijwillig", ""),
    ("thuisadministratie", Link.Kind.REFERS_TO, "werk-inkomen", "Bij schulden naar schuldhulp."),
    ("dementie", Link.Kind.WORKS_WITH, "mantelzorg", ""),
    ("ggd-jgz", Link.Kind.REFERS_TO, "cjg", ""),
]

CONTACT_NOTE = "Maandag tot en met vrijdag van 9.00 tot 17.00 uur."


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
