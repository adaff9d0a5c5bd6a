"""Twente demo data for pillar 2: a published framework of quality criteria,
local agreements of most municipalities, and a training offer.

Written for the demo; every name, address and link is fictional. Idempotent:
run it as often as you like (``manage.py seed_demo``).
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from toolbox_site import freshness
from toolbox_site.models import Organization, Region

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

F, INF, B = Audience.FORMAL, Audience.INFORMAL, Audience.BOTH

# (code prefix, theme, description, [(title, explanation, applies to, questions)])
THEMES = [
    (
        "ON",
        "Onafhankelijkheid",
        "De cliëntondersteuner staat naast de inwoner en heeft geen belang bij de uitkomst.",
        [
            (
                "Geen rol in het besluit over voorzieningen",
                "De cliëntondersteuner beslist niet over een indicatie of voorziening en werkt "
                "niet in opdracht van de toegang.",
                B,
                "Hoe is geregeld dat de ondersteuner los staat van het Wmo-loket?\n"
                "Weten inwoners dat de ondersteuner niet beslist?",
            ),
            (
                "Geen financiële band met aanbieders",
                "De organisatie van de cliëntondersteuner heeft geen financieel belang bij de "
                "zorg of ondersteuning die de inwoner krijgt.",
                F,
                "Welke financiële banden zijn er tussen de ondersteuning en zorgaanbieders?\n"
                "Hoe maken we die zichtbaar?",
            ),
            (
                "Alleen het belang van de inwoner telt",
                "De ondersteuner kijkt alleen naar wat de inwoner nodig heeft en wil, ook als dat "
                "botst met beleid of budget.",
                B,
                "Wat doet de ondersteuner als het belang van de inwoner botst met dat van de "
                "gemeente?",
            ),
            (
                "Belangenconflicten melden en oplossen",
                "Een (schijn van) belangenverstrengeling wordt gemeld en besproken; zo nodig "
                "neemt een andere ondersteuner het over.",
                B,
                "Hoe meldt een ondersteuner een belangenconflict?\nWie neemt het dan over?",
            ),
            (
                "Steun bij bezwaar en beroep",
                "De ondersteuner mag de inwoner helpen bij bezwaar of beroep tegen een besluit.",
                F,
                "Is het voor iedereen duidelijk dat ondersteuning bij bezwaar mag?",
            ),
        ],
    ),
    (
        "LB",
        "Levensbreedheid en integraliteit",
        "De ondersteuning kijkt naar alle levensdomeinen, alle leeftijden en alle wetten.",
        [
            (
                "Vraagt naar alle levensdomeinen",
                "Geld, wonen, werk, gezondheid, relaties en zorg komen aan bod, niet alleen de "
                "vraag waarmee iemand binnenkomt.",
                B,
                "Welk hulpmiddel gebruikt de ondersteuner om alle domeinen langs te lopen?",
            ),
            (
                "Voor alle leeftijden",
                "Jongeren, ouders, volwassenen en ouderen kunnen bij dezelfde ondersteuning "
                "terecht of worden warm doorverwezen.",
                B,
                "Waar kan een jongere van 17 terecht, en wat verandert er bij 18 jaar?",
            ),
            (
                "Over alle wetten heen",
                "De ondersteuning werkt over de Wmo, Wlz, Jeugdwet, Zvw en Participatiewet heen.",
                F,
                "Welke wetten kennen onze ondersteuners goed, en welke minder?\n"
                "Hoe regelen we de overgang van Wmo naar Wlz?",
            ),
            (
                "Eén vast aanspreekpunt",
                "De inwoner heeft één contactpersoon, ook als meerdere domeinen spelen.",
                B,
                "Wie houdt het overzicht als er meer hulpverleners betrokken zijn?",
            ),
        ],
    ),
    (
        "DK",
        "Deskundigheid",
        "Ondersteuners zijn goed opgeleid en houden hun kennis bij.",
        [
            (
                "Hbo-niveau en registratie",
                "Formele ondersteuners werken op hbo-niveau en staan in het register van "
                "cliëntondersteuners.",
                F,
                "Hoeveel van onze formele ondersteuners zijn geregistreerd?",
            ),
            (
                "Jaarlijkse bijscholing en intervisie",
                "Formele ondersteuners volgen elk jaar scholing en nemen deel aan intervisie.",
                F,
                "Welke scholing volgden onze ondersteuners het afgelopen jaar?",
            ),
            (
                "Basistraining voor vrijwilligers",
                "Informele ondersteuners volgen een basistraining voordat zij starten.",
                INF,
                "Wat leert een vrijwilliger in de basistraining?\nWie geeft die training?",
            ),
            (
                "Begeleiding door een professional",
                "Vrijwilligers hebben een vaste professional bij wie zij terecht kunnen.",
                INF,
                "Hoe vaak spreekt een vrijwilliger zijn begeleider?",
            ),
            (
                "Kent de eigen grenzen",
                "De ondersteuner weet wanneer een vraag te zwaar is en verwijst dan door.",
                B,
                "Wanneer draagt een vrijwilliger een vraag over aan een professional?",
            ),
            (
                "Actuele kennis van wet- en regelgeving",
                "De ondersteuner kent de actuele regels en geeft objectief advies.",
                B,
                "Hoe blijven ondersteuners op de hoogte van veranderingen in de wetten?",
            ),
        ],
    ),
    (
        "TG",
        "Toegankelijkheid en bereikbaarheid",
        "Iedereen kan de ondersteuning makkelijk vinden en gebruiken.",
        [
            (
                "Gratis en laagdrempelig",
                "Cliëntondersteuning kost de inwoner niets en er is geen verwijzing nodig.",
                B,
                "Zijn er drempels die inwoners tegenhouden?",
            ),
            (
                "Huisbezoek mogelijk",
                "De ondersteuner komt op verzoek bij de inwoner thuis.",
                B,
                "Hoe vaak vindt het eerste gesprek thuis plaats?",
            ),
            (
                "Vaste reactietermijn",
                "De inwoner hoort binnen een afgesproken termijn wanneer het eerste gesprek is.",
                F,
                "Welke reactietermijn spreken we af, en hoe meten we die?",
            ),
            (
                "Begrijpelijke taal",
                "Folders, brieven en gesprekken zijn in eenvoudige taal.",
                B,
                "Is onze informatie getest met inwoners die moeite hebben met lezen?",
            ),
            (
                "Bereikt ook specifieke groepen",
                "De ondersteuning bereikt ook mensen met een licht verstandelijke beperking, "
                "niet-aangeboren hersenletsel, psychische kwetsbaarheid of een klein netwerk.",
                B,
                "Welke groepen bereiken we nu niet?\n"
                "Met wie werken we samen om ze wel te bereiken?",
            ),
        ],
    ),
    (
        "BV",
        "Bekendheid en vindbaarheid",
        "Inwoners en vindplaatsen weten dat cliëntondersteuning bestaat.",
        [
            (
                "Inwoners kennen de ondersteuning",
                "De gemeente maakt cliëntondersteuning bekend bij alle inwoners.",
                B,
                "Hoeveel inwoners kennen cliëntondersteuning volgens het cliëntervaringsonderzoek?",
            ),
            (
                "Genoemd vóór elk Wmo-gesprek",
                "De gemeente wijst de inwoner vóór het keukentafelgesprek op gratis "
                "cliëntondersteuning, zoals de wet vraagt.",
                F,
                "Staat dit in de uitnodigingsbrief voor het gesprek?",
            ),
            (
                "Vindplaatsen verwijzen door",
                "Huisartsen, wijkverpleging en welzijn weten wanneer en hoe zij doorverwijzen.",
                B,
                "Welke vindplaatsen verwijzen nu al door, en welke nog niet?",
            ),
            (
                "Opgenomen in de sociale kaart",
                "De ondersteuning staat met actuele gegevens in de sociale kaart.",
                B,
                "Wie houdt de sociale kaart bij?",
            ),
        ],
    ),
    (
        "SW",
        "Samenwerking en netwerk",
        "De ondersteuning werkt samen met de partners rond de inwoner.",
        [
            (
                "Verwijsafspraken met huisarts en wijkteam",
                "Er zijn afspraken over doorverwijzen met huisartsen, wijkverpleging en wijkteam.",
                F,
                "Zijn de verwijsafspraken op papier gezet?\nWanneer bespreken we ze opnieuw?",
            ),
            (
                "Koppeling formeel en informeel",
                "Formele en informele ondersteuners kennen elkaar en werken samen.",
                B,
                "Hoe draagt een professional een inwoner over aan een vrijwilliger?",
            ),
            (
                "Warme overdracht van Wmo naar Wlz",
                "Bij de overstap naar de Wlz is er een warme overdracht met het zorgkantoor.",
                F,
                "Wie neemt contact op met het zorgkantoor?\n"
                "Hoe blijft de inwoner dezelfde ondersteuner houden?",
            ),
            (
                "Lokaal netwerkoverleg",
                "De partners komen minstens twee keer per jaar samen.",
                B,
                "Wie zit er aan tafel?\nWat is het doel van het overleg?",
            ),
        ],
    ),
    (
        "CE",
        "Cliëntgerichtheid en eigen regie",
        "De inwoner houdt de regie over zijn eigen leven.",
        [
            (
                "De vraag samen verhelderen",
                "De ondersteuner zoekt samen met de inwoner uit wat de echte vraag is.",
                B,
                "Hoe weet de ondersteuner dat de vraag goed begrepen is?",
            ),
            (
                "De inwoner kiest",
                "De inwoner beslist zelf welke stappen hij zet.",
                B,
                "Hoe legt de ondersteuner keuzes uit zonder te sturen?",
            ),
            (
                "Het eigen netwerk betrekken",
                "Familie, buren en vrienden worden betrokken als de inwoner dat wil.",
                B,
                "Welke vragen stelt de ondersteuner over het netwerk?",
            ),
            (
                "Continuïteit van de ondersteuner",
                "De inwoner houdt zo veel mogelijk dezelfde ondersteuner.",
                F,
                "Hoe vaak wisselt een inwoner van ondersteuner, en waarom?",
            ),
        ],
    ),
    (
        "PV",
        "Privacy en vertrouwelijkheid",
        "Gegevens van de inwoner zijn veilig.",
        [
            (
                "Toestemming voor het delen van gegevens",
                "Gegevens worden alleen met toestemming van de inwoner gedeeld (AVG).",
                B,
                "Hoe vragen en registreren we toestemming?",
            ),
            (
                "Geheimhouding",
                "Ondersteuners en vrijwilligers tekenen een geheimhoudingsverklaring.",
                B,
                "Hebben alle vrijwilligers een verklaring getekend?",
            ),
            (
                "Niet meer gegevens dan nodig",
                "Er worden alleen gegevens vastgelegd die nodig zijn voor de ondersteuning.",
                F,
                "Welke gegevens leggen we vast, en hoe lang bewaren we ze?",
            ),
        ],
    ),
    (
        "KV",
        "Klachten en verantwoording",
        "Inwoners kunnen klagen; de ondersteuning legt verantwoording af.",
        [
            (
                "Klachtenregeling",
                "Er is een klachtenregeling die inwoners kennen en kunnen gebruiken.",
                B,
                "Waar vindt een inwoner de klachtenregeling?",
            ),
            (
                "Registratie voor monitoring",
                "De ondersteuning registreert bereik, doorlooptijd en tevredenheid.",
                F,
                "Welke cijfers leveren we aan, en hoe vaak?",
            ),
            (
                "Jaarlijks gesprek over de resultaten",
                "Gemeente en aanbieders bespreken elk jaar de cijfers en ervaringen.",
                F,
                "Wat hebben we geleerd van de cijfers van vorig jaar?",
            ),
        ],
    ),
    (
        "SG",
        "Signalering",
        "Wat structureel misgaat, komt op tafel bij gemeente of zorgkantoor.",
        [
            (
                "Knelpunten worden gemeld",
                "De ondersteuner meldt terugkerende knelpunten aan de gemeente of het zorgkantoor.",
                B,
                "Via welke weg melden ondersteuners knelpunten?",
            ),
            (
                "Terugkoppeling op signalen",
                "De gemeente laat weten wat zij met een signaal heeft gedaan.",
                F,
                "Hoe horen ondersteuners wat er met hun signalen gebeurt?",
            ),
            (
                "Signalen van vrijwilligers",
                "Ook vrijwilligers weten hoe zij een zorgelijke situatie melden.",
                INF,
                "Bij wie kan een vrijwilliger terecht met een zorg?",
            ),
        ],
    ),
]

TOPICS = [
    "Integraal en levensbreed werken",
    "Werken in een netwerk",
    "Bemiddelen bij instanties",
    "Onafhankelijkheid en belangenconflicten",
    "Wet- en regelgeving",
    "Vraagverheldering en gespreksvaardigheden",
    "Kennis van beperkingen",
    "Privacy en dossiervorming",
    "Bezwaar en beroep",
    "Samenwerking formeel en informeel",
    "Signaleren van schulden en huiselijk geweld",
]

# (title, topics (indexes), criteria codes, audience, format, provider, accredited)
TRAININGS = [
    (
        "Levensbreed werken in de praktijk",
        [0],
        ["LB-1", "LB-4"],
        B,
        "classroom",
        "Regioteam Cliëntondersteuning Twente",
        False,
    ),
    (
        "De warme overdracht van Wmo naar Wlz",
        [1, 4],
        ["SW-3", "LB-3"],
        F,
        "classroom",
        "Academie Oost (fictief)",
        True,
    ),
    (
        "Onafhankelijk blijven: een intervisiereeks",
        [3],
        ["ON-1", "ON-3", "ON-4"],
        F,
        "peer_group",
        "Regioteam Cliëntondersteuning Twente",
        False,
    ),
    (
        "Basistraining vrijwillige cliëntondersteuning",
        [5, 9],
        ["DK-3", "DK-5"],
        INF,
        "blended",
        "Vrijwilligerscentrum Voorbeeldstad (fictief)",
        False,
    ),
    (
        "Wet- en regelgeving: Wmo, Wlz en Jeugdwet",
        [4],
        ["DK-6", "LB-3"],
        F,
        "online",
        "Academie Oost (fictief)",
        True,
    ),
    (
        "Gespreksvaardigheden en vraagverheldering",
        [5],
        ["CE-1", "CE-2"],
        B,
        "classroom",
        "Trainingsbureau De Brug (fictief)",
        True,
    ),
    (
        "Werken met mensen met een licht verstandelijke beperking",
        [6],
        ["TG-5", "TG-4"],
        B,
        "classroom",
        "Kenniscentrum LVB Oost (fictief)",
        True,
    ),
    (
        "Privacy en dossiervorming voor ondersteuners",
        [7],
        ["PV-1", "PV-3"],
        F,
        "elearning",
        "Academie Oost (fictief)",
        True,
    ),
    (
        "Bezwaar en beroep: wat mag de ondersteuner?",
        [8],
        ["ON-5"],
        F,
        "online",
        "Sociaal Raadslieden Twente (fictief)",
        False,
    ),
    (
        "Samen werken: professional en vrijwilliger",
        [9, 1],
        ["SW-2", "DK-4"],
        B,
        "peer_group",
        "Regioteam Cliëntondersteuning Twente",
        False,
    ),
    (
        "Schulden en huiselijk geweld herkennen",
        [10],
        ["SG-1", "SG-3"],
        B,
        "classroom",
        "Trainingsbureau De Brug (fictief)",
        True,
    ),
    (
        "Het netwerk in kaart: de sociale kaart gebruiken",
        [1],
        ["BV-3", "BV-4"],
        B,
        "online",
        "Regioteam Cliëntondersteuning Twente",
        False,
    ),
]

PLACES = ["Enschede", "Hengelo", "Almelo", "Oldenzaal", "Borne", "online"]

AGREEMENT_TEXTS = {
    LocalAgreement.Status.AGREED: [
        "Vastgelegd in het uitvoeringsplan Wmo; de aanbieder rapporteert twee keer per jaar.",
        "Opgenomen in de subsidieafspraken met de welzijnsorganisatie.",
        "Afgesproken in het lokale netwerkoverleg; de werkwijze staat op de website.",
        "Onderdeel van het contract; wordt jaarlijks besproken.",
    ],
    LocalAgreement.Status.IN_DISCUSSION: [
        "Bespreken we in het volgende netwerkoverleg.",
        "Voorstel ligt bij de wethouder.",
        "We verkennen dit samen met de buurgemeenten.",
    ],
    LocalAgreement.Status.NOT_ADOPTED: [
        "Past nu niet bij onze werkwijze; we kijken er volgend jaar opnieuw naar.",
        "Geen capaciteit om dit op te pakken.",
    ],
    LocalAgreement.Status.NOT_APPLICABLE: [
        "Niet van toepassing: dit regelt de regio voor ons.",
    ],
}

# Municipalities without agreements yet, so the matrix shows empty columns too.
WITHOUT_AGREEMENTS = {"almelo", "tubbergen"}
STATUS_WEIGHTS = [
    (LocalAgreement.Status.AGREED, 5),
    (LocalAgreement.Status.IN_DISCUSSION, 3),
    (LocalAgreement.Status.NOT_ADOPTED, 1),
    (LocalAgreement.Status.NOT_APPLICABLE, 1),
]


def seed_framework(region):
    framework, _ = Framework.objects.get_or_create(
        region=region,
        version=1,
        defaults={
            "name": "Kwaliteitscriteria cliëntondersteuning Twente",
            "status": Framework.Status.PUBLISHED,
            "published_on": datetime.date(2026, 3, 1),
        },
    )
    count = 0
    for theme_order, (prefix, name, description, criteria) in enumerate(THEMES, start=1):
        theme, _ = Theme.objects.update_or_create(
            framework=framework,
            name=name,
            defaults={"description": description, "order": theme_order},
        )
        for order, (title, explanation, applies_to, questions) in enumerate(criteria, start=1):
            Criterion.objects.update_or_create(
                theme=theme,
                code=f"{prefix}-{order}",
                defaults={
                    "framework": framework,
                    "title": title,
                    "explanation": explanation,
                    "applies_to": applies_to,
                    "questions": questions,
                    "order": order,
                    "source": "Regionale werkgroep cliëntondersteuning Twente, 2026",
                },
            )
            count += 1
    return framework, count


def seed_agreements(region, framework, rng):
    editors = {
        user.memberships.all()[0].organization_id: user
        for user in get_user_model()
        .objects.filter(username__endswith=".editor")
        .filter(memberships__organization__region=region)
        .prefetch_related("memberships")
    }
    criteria = list(Criterion.objects.filter(framework=framework).order_by("code"))
    today = timezone.localdate()
    count = 0
    municipalities = Organization.objects.municipalities().filter(region=region)
    for municipality in municipalities.exclude(slug__in=WITHOUT_AGREEMENTS):
        share = rng.uniform(0.45, 0.95)
        for criterion in criteria:
            if rng.random() > share:
                continue
            status = rng.choices(*zip(*STATUS_WEIGHTS, strict=True))[0]
            review = None
            if status in (LocalAgreement.Status.AGREED, LocalAgreement.Status.IN_DISCUSSION):
                review = today + datetime.timedelta(days=rng.randint(-30, 400))
            _agreement, created = LocalAgreement.objects.get_or_create(
                municipality=municipality,
                criterion=criterion,
                defaults={
                    "status": status,
                    "area": rng.choice(LocalAgreement.Area.values),
                    "text": rng.choice(AGREEMENT_TEXTS[status]),
                    "review_date": review,
                    "needs_review": rng.random() < 0.05,
                    "updated_by": editors.get(municipality.pk),
                },
            )
            count += created
    return count


def seed_trainings(region, framework, rng):
    topics = []
    for name in TOPICS:
        topic, _ = TrainingTopic.objects.get_or_create(slug=slugify(name), defaults={"name": name})
        topics.append(topic)
    by_code = {c.code: c for c in Criterion.objects.filter(framework=framework)}
    today = timezone.localdate()
    for number, (title, topic_indexes, codes, audience, form, provider, accredited) in enumerate(
        TRAININGS
    ):
        training, created = Training.objects.get_or_create(
            slug=slugify(title),
            defaults={
                "region": region,
                "title": title,
                "description": (
                    f"{title}: een training voor cliëntondersteuners in Twente. "
                    "Je werkt met casussen uit de praktijk en leert van collega's uit andere "
                    "gemeenten."
                ),
                "audience": audience,
                "format": form,
                "provider": provider,
                "accredited": accredited,
                "registration_url": f"https://scholing.example.org/{slugify(title)}",
                "registration_email": "scholing@example.org" if number % 3 == 0 else "",
            },
        )
        if not created:
            continue
        training.topics.set(topics[index] for index in topic_indexes)
        training.criteria.set(by_code[code] for code in codes if code in by_code)
        TrainingSession.objects.bulk_create(
            TrainingSession(
                training=training,
                date=today + datetime.timedelta(days=offset),
                place=rng.choice(PLACES),
                seats=rng.choice([None, 12, 16, 20, 24]),
            )
            for offset in (-90 + number * 3, 20 + number * 7, 120 + number * 5)
        )
        freshness.changed("criteria")  # bulk_create sends no signals
    return Training.objects.filter(region=region).count()


def seed():
    region = Region.objects.get(slug="twente")
    rng = random.Random(8)
    framework, criteria = seed_framework(region)
    agreements = seed_agreements(region, framework, rng)
    trainings = seed_trainings(region, framework, rng)
    total = LocalAgreement.objects.filter(Q(criterion__framework=framework)).count()
    return (
        f"{len(THEMES)} themes, {criteria} criteria, {total} agreements "
        f"({agreements} new), {trainings} trainings"
    )
