"""The life situations of the resident finder, from the region's domain facts.

Loaded by the data migration ``0101_finder_life_situations`` and again
(idempotently) by ``network.demo_finder.seed`` and the tests. Coordinators
refine them in the admin; loading again only adds what is missing.
"""

# slug, question, explanation, life domains, target groups, laws, roles, long-term care
SITUATIONS = [
    (
        "geldzorgen",
        "Ik maak me zorgen over geld",
        "U hebt schulden of u komt niet rond. Iemand kan met u naar uw geld kijken.",
        ["geld-en-schulden"],
        ["mensen-met-schulden", "volwassenen"],
        ["participatiewet"],
        [
            "sociaal-raadslid",
            "thuisadministratie-schuldhulpmaatje",
            "onafhankelijke-clientondersteuner",
            "werk-en-inkomen",
        ],
        False,
    ),
    (
        "langer-thuis-wonen",
        "Ik wil langer thuis blijven wonen",
        "U wilt thuis blijven wonen. Maar sommige dingen gaan niet meer zo goed.",
        ["wonen", "huishouden-en-zelfzorg", "zorg-en-ondersteuning-regelen"],
        ["ouderen", "ouderen-met-klein-netwerk"],
        ["wmo"],
        [
            "ouderenadviseur",
            "vrijwillige-ouderenadviseur",
            "onafhankelijke-clientondersteuner",
            "wmo-consulent",
        ],
        False,
    ),
    (
        "zorgen-voor-een-naaste",
        "Ik zorg voor iemand die dicht bij mij staat",
        "U zorgt voor uw partner, ouder, kind of vriend. Dat is zwaar. "
        "U hoeft het niet alleen te doen.",
        ["sociaal-netwerk-en-mantelzorg"],
        ["mantelzorgers"],
        ["wmo"],
        ["mantelzorgconsulent", "onafhankelijke-clientondersteuner", "casemanager-dementie"],
        False,
    ),
    (
        "kind-extra-steun",
        "Mijn kind heeft extra steun nodig",
        "Uw kind heeft hulp nodig, thuis of op school. U wilt weten wat er kan.",
        ["opvoeden-en-opgroeien"],
        ["jeugd", "ouders", "emb"],
        ["jeugdwet"],
        [
            "onafhankelijke-clientondersteuner",
            "gespecialiseerde-clientondersteuner",
            "jeugdconsulent",
        ],
        False,
    ),
    (
        "langdurige-zorg",
        "Ik heb zorg nodig die lang duurt (Wlz)",
        "U hebt de hele dag zorg nodig, en dat blijft zo. Dan kunt u zorg krijgen uit de Wlz.",
        ["zorg-en-ondersteuning-regelen"],
        ["ouderen", "dementie", "emb", "lichamelijke-zintuiglijke-beperking"],
        ["wlz"],
        ["wlz-clientondersteuner", "zorgkantoor-ciz", "onafhankelijke-clientondersteuner"],
        True,
    ),
    (
        "werk-of-dagbesteding",
        "Ik zoek werk of iets zinvols om te doen overdag",
        "U zoekt werk, een opleiding of dagbesteding. Iemand kan met u meedenken.",
        ["werk-onderwijs-en-dagbesteding"],
        ["volwassenen", "lvb", "psychisch-kwetsbaar"],
        ["participatiewet", "wmo"],
        ["onafhankelijke-clientondersteuner", "werk-en-inkomen", "jongerenwerker"],
        False,
    ),
    (
        "beperking-of-ziekte",
        "Ik heb een beperking of ben lang ziek",
        "U hebt een beperking of een ziekte die niet overgaat. "
        "U zoekt hulp in het dagelijks leven.",
        ["lichamelijke-gezondheid", "huishouden-en-zelfzorg", "zorg-en-ondersteuning-regelen"],
        ["lichamelijke-zintuiglijke-beperking", "nah", "lvb"],
        ["wmo", "zvw"],
        ["gespecialiseerde-clientondersteuner", "onafhankelijke-clientondersteuner"],
        False,
    ),
    (
        "eenzaam",
        "Ik voel me eenzaam",
        "U hebt weinig mensen om u heen. U wilt graag meer contact.",
        ["sociaal-netwerk-en-mantelzorg", "meedoen-vrije-tijd-en-vervoer"],
        ["ouderen-met-klein-netwerk", "volwassenen"],
        ["wmo"],
        ["welzijnswerker", "vrijwillige-clientondersteuner", "ervaringsdeskundige"],
        False,
    ),
    (
        "brief-van-de-gemeente",
        "Ik begrijp een brief van de gemeente niet",
        "U kreeg een brief en u weet niet wat u moet doen. Iemand kan de brief met u lezen.",
        ["zorg-en-ondersteuning-regelen", "geld-en-schulden"],
        ["volwassenen", "ouderen"],
        ["wmo", "participatiewet"],
        ["onafhankelijke-clientondersteuner", "sociaal-raadslid", "vrijwilliger-informatiepunt"],
        False,
    ),
]


def load(apps=None):
    """Create the life situations that are missing; returns how many were created."""
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    LifeSituation = apps.get_model("network", "LifeSituation")
    LifeDomain = apps.get_model("network", "LifeDomain")
    TargetGroup = apps.get_model("network", "TargetGroup")
    Law = apps.get_model("network", "Law")
    Role = apps.get_model("network", "Role")
    created = 0
    for order, row in enumerate(SITUATIONS, start=1):
        slug, question, explanation, domains, groups, laws, roles, long_term = row
        situation, new = LifeSituation.objects.get_or_create(
            slug=slug,
            defaults={
                "name": question,
                "question": question,
                "explanation": explanation,
                "order": order,
                "long_term_care": long_term,
            },
        )
        if new:
            situation.life_domains.set(LifeDomain.objects.filter(slug__in=domains))
            situation.target_groups.set(TargetGroup.objects.filter(slug__in=groups))
            situation.laws.set(Law.objects.filter(slug__in=laws))
            situation.roles.set(Role.objects.filter(slug__in=roles))
        created += new
    return created
