"""The reference lists of the network map, from the region's domain facts.

Loaded by the data migration ``0002_reference_data`` and again (idempotently)
by ``network.demo.seed`` and the tests, so a flushed database gets them back.
Coordinators refine the texts in the admin; loading again only adds what is
missing and never overwrites their edits.
"""

LAWS = [
    # slug, abbreviation, name, description
    (
        "wmo",
        "Wmo",
        "Wet maatschappelijke ondersteuning",
        "Ondersteuning thuis en meedoen; de gemeente voert de wet uit.",
    ),
    (
        "wlz",
        "Wlz",
        "Wet langdurige zorg",
        "Blijvende zorg dichtbij, de hele dag. Het CIZ beslist, het zorgkantoor regelt.",
    ),
    (
        "jeugdwet",
        "Jeugdwet",
        "Jeugdwet",
        "Hulp en ondersteuning voor kinderen, jongeren en ouders; de gemeente voert de wet uit.",
    ),
    (
        "zvw",
        "Zvw",
        "Zorgverzekeringswet",
        "Zorg uit het basispakket, zoals huisarts en wijkverpleging.",
    ),
    (
        "participatiewet",
        "Participatiewet",
        "Participatiewet",
        "Werk en inkomen, bijstand en hulp bij schulden; de gemeente voert de wet uit.",
    ),
]

LIFE_DOMAINS = [
    ("geld-en-schulden", "Geld en schulden"),
    ("werk-onderwijs-en-dagbesteding", "Werk, onderwijs en dagbesteding"),
    ("wonen", "Wonen"),
    ("huishouden-en-zelfzorg", "Huishouden en zelfzorg"),
    ("lichamelijke-gezondheid", "Lichamelijke gezondheid"),
    ("psychische-gezondheid-en-verslaving", "Psychische gezondheid en verslaving"),
    ("sociaal-netwerk-en-mantelzorg", "Sociaal netwerk, relaties en mantelzorg"),
    ("opvoeden-en-opgroeien", "Opvoeden en opgroeien"),
    ("meedoen-vrije-tijd-en-vervoer", "Meedoen, vrije tijd en vervoer"),
    ("veiligheid-en-justitie", "Veiligheid en justitie"),
    ("zorg-en-ondersteuning-regelen", "Zorg en ondersteuning regelen (Wmo, Wlz, Zvw)"),
]

TARGET_GROUPS = [
    ("jeugd", "Jeugd"),
    ("ouders", "Ouders"),
    ("volwassenen", "Volwassenen"),
    ("ouderen", "Ouderen"),
    ("ouderen-met-klein-netwerk", "Ouderen met een klein netwerk"),
    ("mantelzorgers", "Mantelzorgers"),
    ("lvb", "Mensen met een licht verstandelijke beperking"),
    ("nah", "Mensen met niet-aangeboren hersenletsel"),
    ("psychisch-kwetsbaar", "Mensen die psychisch kwetsbaar zijn"),
    (
        "lichamelijke-zintuiglijke-beperking",
        "Mensen met een lichamelijke of zintuiglijke beperking",
    ),
    ("dementie", "Mensen met dementie"),
    ("dak-en-thuislozen", "Dak- en thuislozen"),
    ("mensen-met-schulden", "Mensen met schulden"),
    ("emb", "Kinderen met ernstige meervoudige beperkingen"),
]

ROLE_CATEGORIES = [
    # code, slug, name, description
    (
        "A",
        "formele-clientondersteuning",
        "Formele cliëntondersteuning",
        "Betaalde, onafhankelijke cliëntondersteuners die naast de inwoner staan.",
    ),
    (
        "B",
        "informele-clientondersteuning",
        "Informele cliëntondersteuning",
        "Getrainde vrijwilligers en ervaringsdeskundigen die inwoners ondersteunen.",
    ),
    (
        "C",
        "toegang",
        "Toegang",
        "Loketten en teams die beslissen over voorzieningen. Zij zijn zelf niet onafhankelijk.",
    ),
    (
        "D",
        "vindplaatsen-zorg",
        "Vindplaatsen in de zorg",
        "Zorgverleners die zien dat iemand ondersteuning nodig heeft en doorverwijzen.",
    ),
    (
        "E",
        "vindplaatsen-samenleving",
        "Vindplaatsen in de samenleving",
        "Mensen in wijk, school en vereniging die vragen opvangen en doorverwijzen.",
    ),
]

F, INF, B = "formal", "informal", "both"

# category code, slug, name, formality, laws, functions (U/V/T), does, does not, adds
ROLES = [
    (
        "A",
        "onafhankelijke-clientondersteuner",
        "Onafhankelijke cliëntondersteuner (gemeente)",
        F,
        ["wmo", "jeugdwet", "participatiewet"],
        "U",
        "Helpt de inwoner zijn vraag helder te krijgen op alle levensgebieden, bereidt het "
        "keukentafelgesprek voor en gaat mee. Gratis en onafhankelijk.",
        "Beslist niet over voorzieningen en werkt niet voor een zorgaanbieder.",
        "Een vast en onafhankelijk aanspreekpunt voor inwoners, vóór en tijdens de Wmo-melding.",
    ),
    (
        "A",
        "wlz-clientondersteuner",
        "Wlz-cliëntondersteuner (via het zorgkantoor)",
        F,
        ["wlz"],
        "U",
        "Ondersteunt mensen met een Wlz-indicatie en hun naasten bij het kiezen en regelen van "
        "langdurige zorg.",
        "Stelt geen indicatie en kiest niet namens de cliënt een zorgaanbieder.",
        "Een warme overdracht van Wmo naar Wlz, zodat cliënten het zorgkantoor niet te laat "
        "bereiken.",
    ),
    (
        "A",
        "gespecialiseerde-clientondersteuner",
        "Gespecialiseerde cliëntondersteuner",
        F,
        ["wmo", "wlz"],
        "U",
        "Ondersteunt mensen met een verstandelijke beperking, hersenletsel, psychische "
        "kwetsbaarheid, een zintuiglijke of meervoudige beperking.",
        "Is geen behandelaar en neemt de regie niet over.",
        "Kennis van een specifieke doelgroep die een algemene ondersteuner mist.",
    ),
    (
        "A",
        "ouderenadviseur",
        "Ouderenadviseur (professioneel)",
        F,
        ["wmo"],
        "U",
        "Helpt ouderen met vragen over wonen, zorg, geld en meedoen, vaak met een huisbezoek.",
        "Levert zelf geen zorg en beslist niet over voorzieningen.",
        "Een vertrouwd aanspreekpunt voor ouderen, ook voordat er een zorgvraag is.",
    ),
    (
        "A",
        "mantelzorgconsulent",
        "Mantelzorgconsulent",
        F,
        ["wmo"],
        "U",
        "Ondersteunt mantelzorgers: informatie, een luisterend oor, respijtzorg regelen.",
        "Neemt de zorg niet over.",
        "Aandacht voor de draagkracht van de mantelzorger, zodat die het volhoudt.",
    ),
    (
        "A",
        "sociaal-raadslid",
        "Sociaal raadslid",
        F,
        ["participatiewet", "wmo"],
        "U",
        "Geeft advies over regels, toeslagen, bezwaar en beroep en helpt met brieven van "
        "instanties.",
        "Is geen advocaat en neemt geen besluiten namens instanties.",
        "Juridische en financiële kennis, ook bij bezwaar tegen een besluit.",
    ),
    (
        "B",
        "vrijwillige-clientondersteuner",
        "Vrijwillige cliëntondersteuner",
        INF,
        ["wmo"],
        "U",
        "Een getrainde vrijwilliger die meedenkt, meegaat naar gesprekken en helpt de vraag op "
        "een rij te zetten.",
        "Geeft geen professioneel advies over ingewikkelde situaties; verwijst dan door.",
        "Tijd en nabijheid: iemand uit de buurt die naast de inwoner staat.",
    ),
    (
        "B",
        "vrijwillige-ouderenadviseur",
        "Vrijwillige ouderenadviseur",
        INF,
        ["wmo"],
        "U",
        "Bezoekt ouderen thuis, geeft informatie en helpt bij formulieren.",
        "Beslist niet over voorzieningen en levert geen zorg.",
        "Laagdrempelig contact met ouderen die zelf niet snel hulp vragen.",
    ),
    (
        "B",
        "ervaringsdeskundige",
        "Ervaringsdeskundige of maatje",
        INF,
        ["wmo"],
        "U",
        "Ondersteunt vanuit eigen ervaring, bijvoorbeeld met psychische kwetsbaarheid of armoede.",
        "Is geen hulpverlener en geeft geen behandeling.",
        "Herkenning en vertrouwen, vooral bij mensen die instanties wantrouwen.",
    ),
    (
        "B",
        "thuisadministratie-schuldhulpmaatje",
        "Thuisadministratie- of schuldhulpmaatje",
        INF,
        ["participatiewet"],
        "UV",
        "Helpt de post en de administratie op orde te brengen en schulden te voorkomen.",
        "Regelt geen schuldsanering en beheert geen geld.",
        "Vroeg zicht op geldzorgen en een route naar schuldhulp.",
    ),
    (
        "B",
        "vrijwilliger-informatiepunt",
        "Vrijwilliger bij een informatiepunt",
        INF,
        ["wmo"],
        "V",
        "Beantwoordt vragen in de bibliotheek of het wijkcentrum en wijst de weg.",
        "Begeleidt niet langere tijd.",
        "Een vindbare plek in de wijk waar inwoners zonder afspraak terechtkunnen.",
    ),
    (
        "C",
        "wmo-consulent",
        "Wmo-consulent of Wmo-loket",
        F,
        ["wmo"],
        "T",
        "Voert het gesprek na een melding en beslist over Wmo-voorzieningen.",
        "Is niet onafhankelijk: werkt voor de gemeente die beslist.",
        "De toegang tot Wmo-voorzieningen, en de plek waar op cliëntondersteuning gewezen wordt.",
    ),
    (
        "C",
        "wijkteam",
        "Wijkteam of wijkcoach",
        F,
        ["wmo", "jeugdwet"],
        "TV",
        "Helpt inwoners in de wijk en zet zo nodig voorzieningen in.",
        "Is niet onafhankelijk als het team ook over voorzieningen beslist.",
        "Dichtbij en bekend in de wijk: een belangrijke vindplaats en toegang.",
    ),
    (
        "C",
        "jeugdconsulent",
        "Jeugdconsulent of CJG",
        F,
        ["jeugdwet"],
        "T",
        "Beslist over jeugdhulp en adviseert ouders over opvoeden en opgroeien.",
        "Is niet onafhankelijk van de gemeente.",
        "De toegang tot jeugdhulp voor gezinnen.",
    ),
    (
        "C",
        "werk-en-inkomen",
        "Consulent werk en inkomen of schuldhulpverlening",
        F,
        ["participatiewet"],
        "T",
        "Beslist over bijstand, re-integratie en schuldhulpverlening.",
        "Is niet onafhankelijk van de gemeente.",
        "De toegang tot inkomen, werk en schuldhulp.",
    ),
    (
        "C",
        "zorgkantoor-ciz",
        "Adviseur zorgkantoor of CIZ-indicatiesteller",
        F,
        ["wlz"],
        "T",
        "Het CIZ beslist of iemand Wlz-zorg krijgt; het zorgkantoor regelt de zorg.",
        "Ondersteunt de cliënt niet onafhankelijk.",
        "De toegang tot langdurige zorg, en het startpunt van de Wmo-Wlz-overdracht.",
    ),
    (
        "D",
        "huisarts",
        "Huisarts",
        F,
        ["zvw"],
        "V",
        "Ziet vaak als eerste dat iemand meer nodig heeft dan zorg.",
        "Geeft zelf geen cliëntondersteuning.",
        "Een vindplaats die bijna iedere inwoner bereikt.",
    ),
    (
        "D",
        "praktijkondersteuner",
        "Praktijkondersteuner (ggz, ouderen of jeugd)",
        F,
        ["zvw"],
        "V",
        "Begeleidt patiënten in de huisartsenpraktijk en signaleert vragen op andere "
        "levensgebieden.",
        "Geeft geen langdurige ondersteuning buiten de zorg.",
        "Tijd voor het gesprek achter de klacht, en een korte lijn met de huisarts.",
    ),
    (
        "D",
        "wijkverpleegkundige",
        "Wijkverpleegkundige",
        F,
        ["zvw"],
        "V",
        "Komt bij mensen thuis en ziet hoe het echt gaat.",
        "Beslist niet over Wmo- of Wlz-voorzieningen.",
        "Zicht achter de voordeur en vroeg signaal bij een naderende Wlz-vraag.",
    ),
    (
        "D",
        "casemanager-dementie",
        "Casemanager dementie",
        F,
        ["zvw"],
        "VU",
        "Begeleidt mensen met dementie en hun naasten, van diagnose tot opname.",
        "Is niet onafhankelijk van de zorgaanbieder waar zij werkt.",
        "Continuïteit voor mensen met dementie en hun mantelzorgers.",
    ),
    (
        "D",
        "transferverpleegkundige",
        "Transferverpleegkundige of specialist ouderengeneeskunde",
        F,
        ["zvw", "wlz"],
        "V",
        "Regelt de zorg na een ziekenhuisopname en signaleert wat thuis nodig is.",
        "Ondersteunt niet na het ontslag.",
        "Een overdracht na ziekenhuisopname, vaak het moment dat de Wlz in beeld komt.",
    ),
    (
        "E",
        "welzijnswerker",
        "Welzijnswerker of opbouwwerker",
        F,
        ["wmo"],
        "V",
        "Organiseert activiteiten in de wijk en kent de bewoners.",
        "Geeft geen individuele cliëntondersteuning.",
        "Contact met bewoners die nergens anders in beeld zijn.",
    ),
    (
        "E",
        "jongerenwerker",
        "Jongerenwerker of schoolmaatschappelijk werk",
        F,
        ["jeugdwet", "wmo"],
        "V",
        "Is er voor jongeren op straat en op school en signaleert zorgen.",
        "Beslist niet over jeugdhulp.",
        "Het vertrouwen van jongeren en een korte lijn met school.",
    ),
    (
        "E",
        "ggd",
        "GGD (jeugdgezondheidszorg, openbare ggz)",
        F,
        [],
        "V",
        "Ziet kinderen op het consultatiebureau en op school en zoekt kwetsbare volwassenen op.",
        "Geeft geen langdurige begeleiding.",
        "Bereik van alle gezinnen en van mensen die zelf geen hulp zoeken.",
    ),
    (
        "E",
        "woningcorporatie-kerk-huisbezoekers",
        "Woonconsulent, kerk of huisbezoekers",
        B,
        [],
        "V",
        "Komt bij mensen thuis of in de gemeenschap en merkt wanneer het niet goed gaat.",
        "Geeft geen ondersteuning bij regelingen.",
        "Signalen over huurachterstand, eenzaamheid of verwaarlozing.",
    ),
]

STEPS = [
    # number, slug, title, guidance, deliverables
    (
        1,
        "start",
        "Start: vorm een lokale kerngroep",
        "Breng de gemeente, aanbieders van cliëntondersteuning, vindplaatsen en de "
        "adviesraad sociaal domein bij elkaar. Spreek af wie trekker is en hoe vaak u "
        "samenkomt.",
        "Samenstelling van de kerngroep\nTrekker en planning",
    ),
    (
        2,
        "netwerk-in-kaart",
        "Breng het netwerk in kaart",
        "Zet op de netwerkkaart wie welke rol speelt. Controleer of gegevens kloppen en "
        "actueel zijn.",
        "Ingevulde netwerkkaart\nContactpersoon per dienst",
    ),
    (
        3,
        "huidig-en-gewenst",
        "Huidige en gewenste situatie",
        "Vergelijk het netwerk met de rollen die er zouden moeten zijn. Welke rollen "
        "ontbreken, waar lopen verwijzingen vast, welke doelgroepen bereikt u niet?",
        "Lijst met ontbrekende rollen en knelpunten\nDoelgroepen die niet bereikt worden",
    ),
    (
        4,
        "afspraken",
        "Maak afspraken",
        "Leg verwijsroutes vast, spreek een warme overdracht af, regel de samenwerking "
        "tussen formeel en informeel en maak afspraken over de overgang van Wmo naar Wlz.",
        "Verwijsafspraken\nAfspraken warme overdracht Wmo-Wlz\nSamenwerking formeel-informeel",
    ),
    (
        5,
        "doen-en-vertellen",
        "Doen en vertellen",
        "Werk volgens de afspraken en maak cliëntondersteuning bekend bij inwoners en "
        "vindplaatsen.",
        "Communicatieplan\nInformatie voor vindplaatsen",
    ),
    (
        6,
        "monitoren-en-verbeteren",
        "Monitoren en verbeteren",
        "Volg de afgesproken indicatoren en bespreek de lokale afspraken elk jaar opnieuw.",
        "Indicatoren\nJaarlijkse evaluatie van de afspraken",
    ),
]


def load(apps=None):
    """Create what is missing of the reference lists; never overwrite edits.

    ``apps`` is the migration state's app registry, or None for the live models.
    Returns the number of rows created.
    """
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    Law = apps.get_model("network", "Law")
    LifeDomain = apps.get_model("network", "LifeDomain")
    TargetGroup = apps.get_model("network", "TargetGroup")
    RoleCategory = apps.get_model("network", "RoleCategory")
    Role = apps.get_model("network", "Role")
    Step = apps.get_model("network", "Step")
    created = 0

    laws = {}
    for order, (slug, abbreviation, name, description) in enumerate(LAWS, start=1):
        laws[slug], new = Law.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "abbreviation": abbreviation,
                "description": description,
                "order": order,
            },
        )
        created += new
    for model, rows in ((LifeDomain, LIFE_DOMAINS), (TargetGroup, TARGET_GROUPS)):
        for order, (slug, name) in enumerate(rows, start=1):
            created += model.objects.get_or_create(
                slug=slug, defaults={"name": name, "order": order}
            )[1]
    categories = {}
    for order, (code, slug, name, description) in enumerate(ROLE_CATEGORIES, start=1):
        categories[code], new = RoleCategory.objects.get_or_create(
            slug=slug,
            defaults={"code": code, "name": name, "description": description, "order": order},
        )
        created += new
    for order, row in enumerate(ROLES, start=1):
        code, slug, name, formality, law_slugs, functions, does, does_not, adds = row
        role, new = Role.objects.get_or_create(
            slug=slug,
            defaults={
                "category": categories[code],
                "name": name,
                "order": order,
                "formality": formality,
                "description": does,
                "does_not": does_not,
                "adds": adds,
                "gives_support": "U" in functions,
                "spots_and_refers": "V" in functions,
                "decides_access": "T" in functions,
            },
        )
        if new:
            role.laws.set([laws[law] for law in law_slugs])
        created += new
    for number, slug, title, guidance, deliverables in STEPS:
        created += Step.objects.get_or_create(
            slug=slug,
            defaults={
                "number": number,
                "title": title,
                "guidance": guidance,
                "deliverables": deliverables,
            },
        )[1]
    return created
