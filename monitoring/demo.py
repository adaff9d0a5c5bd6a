"""Twente demo data for monitoring: two formats, quarterly periods, reports in every state.

Idempotent: formats, dimensions and periods are updated in place; reports and
values are only created when missing, so work done in the demo is kept.
Values are generated from a fixed seed per organization and period, scaled to
the municipality's inhabitants, with small numbers (1 to 4) for the rare events.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from toolbox_site import freshness
from toolbox_site.models import Organization

from .models import (
    Dimension,
    DimensionItem,
    Indicator,
    MonitoringFormat,
    Period,
    Report,
    Section,
    ValidationRule,
    Value,
)

DIMENSIONS = {
    "age_group": (
        "Leeftijdsgroep",
        [
            ("0_17", "0–17 jaar"),
            ("18_26", "18–26 jaar"),
            ("27_64", "27–64 jaar"),
            ("65_74", "65–74 jaar"),
            ("75_plus", "75 jaar en ouder"),
        ],
    ),
    "referral_source": (
        "Verwijzer",
        [
            ("self", "Op eigen initiatief"),
            ("own_network", "Eigen netwerk"),
            ("gp", "Huisarts of praktijkondersteuner"),
            ("district_nursing", "Wijkverpleging"),
            ("neighbourhood_team", "Wijkteam of Wmo-loket"),
            ("care_office", "Zorgkantoor"),
            ("ggd", "GGD"),
            ("other", "Anders"),
        ],
    ),
    "life_domain": (
        "Levensdomein",
        [
            ("money", "Geld en schulden"),
            ("work", "Werk, opleiding en dagbesteding"),
            ("housing", "Wonen"),
            ("household", "Huishouden en zelfzorg"),
            ("physical_health", "Lichamelijke gezondheid"),
            ("mental_health", "Psychische gezondheid en verslaving"),
            ("social_network", "Sociaal netwerk, relaties en mantelzorg"),
            ("parenting", "Opvoeden en opgroeien"),
            ("participation", "Meedoen, vrije tijd en vervoer"),
            ("safety", "Veiligheid en justitie"),
            ("arranging_care", "Zorg en ondersteuning regelen"),
        ],
    ),
    "law": (
        "Wet",
        [
            ("wmo", "Wmo"),
            ("wlz", "Wlz"),
            ("jeugdwet", "Jeugdwet"),
            ("zvw", "Zvw"),
            ("participatiewet", "Participatiewet"),
        ],
    ),
    "support_form": (
        "Vorm van ondersteuning",
        [("formal", "Formeel (beroepskracht)"), ("informal", "Informeel (vrijwilliger)")],
    ),
    "goal_result": (
        "Doel bereikt",
        [("yes", "Ja"), ("partly", "Deels"), ("no", "Nee")],
    ),
}

W, D, P, YN, CH, TX = (
    Indicator.ValueType.WHOLE,
    Indicator.ValueType.DECIMAL,
    Indicator.ValueType.PERCENTAGE,
    Indicator.ValueType.YES_NO,
    Indicator.ValueType.CHOICE,
    Indicator.ValueType.TEXT,
)
SUM, AVG = Indicator.Aggregation.SUM, Indicator.Aggregation.AVERAGE

# (code, label, help, type, unit, dimension, aggregation, required, public, extra)
MUNICIPALITY_SECTIONS = [
    (
        "Bereik",
        "Hoeveel inwoners kregen cliëntondersteuning?",
        [
            (
                "clients_total",
                "Unieke cliënten",
                "Iedere cliënt telt één keer, ook bij meer trajecten.",
                W,
                "cliënten",
                "age_group",
                SUM,
                True,
                True,
                {},
            ),
            (
                "clients_new",
                "Nieuwe cliënten",
                "Cliënten met een eerste contact in dit kwartaal.",
                W,
                "cliënten",
                "referral_source",
                SUM,
                True,
                True,
                {},
            ),
            (
                "clients_ongoing",
                "Lopende cliënten",
                "Cliënten die al voor dit kwartaal begonnen.",
                W,
                "cliënten",
                None,
                SUM,
                True,
                False,
                {},
            ),
            (
                "clients_closed",
                "Afgesloten trajecten",
                "Trajecten die in dit kwartaal zijn afgerond.",
                W,
                "trajecten",
                None,
                SUM,
                True,
                True,
                {},
            ),
            (
                "clients_support_form",
                "Cliënten naar vorm van ondersteuning",
                "Een cliënt kan zowel formele als informele steun krijgen.",
                W,
                "cliënten",
                "support_form",
                SUM,
                False,
                False,
                {},
            ),
        ],
    ),
    (
        "Vragen",
        "Waar gingen de vragen over? Een traject kan bij meer domeinen en wetten horen.",
        [
            (
                "cases_by_domain",
                "Trajecten naar levensdomein",
                "Tel elk domein waar het traject over ging.",
                W,
                "trajecten",
                "life_domain",
                SUM,
                False,
                True,
                {},
            ),
            (
                "cases_by_law",
                "Trajecten naar wet",
                "Tel elke wet die in het traject een rol speelde.",
                W,
                "trajecten",
                "law",
                SUM,
                False,
                False,
                {},
            ),
        ],
    ),
    (
        "Proces",
        "Hoe snel en hoe lang?",
        [
            (
                "waiting_days",
                "Wachttijd tot eerste contact",
                "Gemiddeld aantal kalenderdagen van aanmelding tot eerste gesprek.",
                D,
                "dagen",
                None,
                AVG,
                True,
                True,
                {"max_value": Decimal(365)},
            ),
            (
                "duration_weeks",
                "Duur van een traject",
                "Gemiddelde duur van de afgesloten trajecten.",
                D,
                "weken",
                None,
                AVG,
                False,
                False,
                {"max_value": Decimal(520)},
            ),
            (
                "contacts_per_client",
                "Contacten per cliënt",
                "Gemiddeld aantal gesprekken, telefonisch of bij de cliënt thuis.",
                D,
                "contacten",
                None,
                AVG,
                False,
                False,
                {},
            ),
        ],
    ),
    (
        "Van Wmo naar Wlz",
        "Samenwerking met het zorgkantoor.",
        [
            (
                "wlz_applications",
                "Begeleide Wlz-aanvragen",
                "Aanvragen bij het CIZ waarbij een cliëntondersteuner hielp.",
                W,
                "aanvragen",
                None,
                SUM,
                True,
                True,
                {},
            ),
            (
                "warm_handovers",
                "Warme overdrachten naar het zorgkantoor",
                "Cliënten die samen met de cliëntondersteuner van het zorgkantoor "
                "zijn overgedragen.",
                W,
                "overdrachten",
                None,
                SUM,
                True,
                False,
                {},
            ),
        ],
    ),
    (
        "Resultaat",
        "Wat leverde de ondersteuning op?",
        [
            (
                "satisfaction",
                "Tevredenheid van cliënten",
                "Gemiddeld rapportcijfer van 0 tot 10. Leeg laten als er niet is gemeten.",
                D,
                "cijfer",
                None,
                AVG,
                False,
                True,
                {"max_value": Decimal(10)},
            ),
            (
                "goal_reached",
                "Afgesloten trajecten: doel bereikt?",
                "Per afgesloten traject: ja, deels of nee.",
                W,
                "trajecten",
                "goal_result",
                SUM,
                False,
                False,
                {},
            ),
            (
                "awareness_pct",
                "Bekendheid van cliëntondersteuning",
                "Alleen in het vierde kwartaal: het percentage uit het jaarlijkse "
                "cliëntervaringsonderzoek Wmo.",
                P,
                "%",
                None,
                AVG,
                False,
                True,
                {},
            ),
        ],
    ),
    (
        "Capaciteit en kwaliteit",
        "De mensen achter de ondersteuning.",
        [
            (
                "fte_formal",
                "Formatie beroepskrachten",
                "Aantal fte aan onafhankelijke cliëntondersteuners.",
                D,
                "fte",
                None,
                SUM,
                True,
                False,
                {},
            ),
            (
                "volunteers_active",
                "Actieve vrijwilligers",
                "Vrijwilligers die dit kwartaal minstens één cliënt ondersteunden.",
                W,
                "vrijwilligers",
                None,
                SUM,
                True,
                False,
                {},
            ),
            (
                "registered_pct",
                "Geregistreerde beroepskrachten",
                "Deel van de beroepskrachten in het beroepsregister.",
                P,
                "%",
                None,
                AVG,
                False,
                False,
                {},
            ),
            (
                "training_followed",
                "Scholing gevolgd",
                "Volgde het team dit kwartaal een regionale scholing?",
                YN,
                "",
                None,
                AVG,
                False,
                False,
                {},
            ),
            (
                "registration_system",
                "Registratiesysteem",
                "Waarin worden de trajecten geregistreerd?",
                CH,
                "",
                None,
                SUM,
                False,
                False,
                {"choices": "Eigen systeem\nRegionaal systeem\nSpreadsheet\nGeen registratie"},
            ),
            (
                "signals",
                "Signalen en knelpunten",
                "Wat viel op? Bijvoorbeeld groepen die u niet bereikt.",
                TX,
                "",
                None,
                SUM,
                False,
                False,
                {},
            ),
        ],
    ),
]

CARE_OFFICE_SECTIONS = [
    (
        "Bereik",
        "Cliëntondersteuning voor Wlz-cliënten.",
        [
            (
                "clients_total",
                "Unieke cliënten",
                "Iedere cliënt telt één keer.",
                W,
                "cliënten",
                "age_group",
                SUM,
                True,
                True,
                {},
            ),
            (
                "clients_new",
                "Nieuwe cliënten",
                "Cliënten met een eerste contact in dit kwartaal.",
                W,
                "cliënten",
                "referral_source",
                SUM,
                True,
                True,
                {},
            ),
        ],
    ),
    (
        "Van Wmo naar Wlz",
        "Samenwerking met de gemeenten.",
        [
            (
                "wlz_applications",
                "Begeleide Wlz-aanvragen",
                "Aanvragen bij het CIZ waarbij een cliëntondersteuner hielp.",
                W,
                "aanvragen",
                None,
                SUM,
                True,
                True,
                {},
            ),
            (
                "warm_handovers",
                "Warme overdrachten vanuit gemeenten",
                "Cliënten die samen met de gemeentelijke cliëntondersteuner zijn overgedragen.",
                W,
                "overdrachten",
                None,
                SUM,
                True,
                False,
                {},
            ),
        ],
    ),
    (
        "Proces en resultaat",
        "",
        [
            (
                "waiting_days",
                "Wachttijd tot eerste contact",
                "Gemiddeld aantal kalenderdagen van aanmelding tot eerste gesprek.",
                D,
                "dagen",
                None,
                AVG,
                True,
                True,
                {"max_value": Decimal(365)},
            ),
            (
                "satisfaction",
                "Tevredenheid van cliënten",
                "Gemiddeld rapportcijfer van 0 tot 10. Leeg laten als er niet is gemeten.",
                D,
                "cijfer",
                None,
                AVG,
                False,
                True,
                {"max_value": Decimal(10)},
            ),
            (
                "fte_formal",
                "Formatie cliëntondersteuners Wlz",
                "Aantal fte.",
                D,
                "fte",
                None,
                SUM,
                True,
                False,
                {},
            ),
            (
                "signals",
                "Signalen en knelpunten",
                "Wat viel op in de samenwerking met de gemeenten?",
                TX,
                "",
                None,
                SUM,
                False,
                False,
                {},
            ),
        ],
    ),
]

# (indicator, kind, operator, other indicator)
MUNICIPALITY_RULES = [
    ("clients_total", "breakdown_total", "eq", None),
    ("clients_new", "breakdown_total", "eq", None),
    ("goal_reached", "breakdown_total", "eq", None),
    ("clients_new", "comparison", "lte", "clients_total"),
    ("clients_closed", "comparison", "lte", "clients_total"),
    ("goal_reached", "comparison", "lte", "clients_closed"),
]
CARE_OFFICE_RULES = [
    ("clients_total", "breakdown_total", "eq", None),
    ("clients_new", "breakdown_total", "eq", None),
    ("clients_new", "comparison", "lte", "clients_total"),
]

MUNICIPALITY_FORMAT = "Monitor cliëntondersteuning gemeenten"
CARE_OFFICE_FORMAT = "Monitor cliëntondersteuning zorgkantoor"
QUARTERS = 12
RETURN_COMMENT = (
    "Het aantal nieuwe cliënten (480) is tien keer zo hoog als vorig kwartaal. "
    "Klopt dat, of is er een nul te veel getypt? Graag controleren en opnieuw indienen."
)


def seed_dimensions():
    dimensions = {}
    for code, (name, items) in DIMENSIONS.items():
        dimension, _ = Dimension.objects.update_or_create(code=code, defaults={"name": name})
        for order, (item_code, label) in enumerate(items, start=1):
            DimensionItem.objects.update_or_create(
                dimension=dimension, code=item_code, defaults={"label": label, "order": order}
            )
        dimensions[code] = dimension
    return dimensions


def seed_format(owner, name, kind, sections, rules, dimensions):
    fmt, created = MonitoringFormat.objects.get_or_create(
        organization=owner,
        name=name,
        version=1,
        defaults={
            "organization_kind": kind,
            "period_type": Period.Type.QUARTER,
            "description": (
                "Voorstel voor de regionale monitor; de coördinatoren kunnen het aanpassen."
            ),
        },
    )
    if not created:
        return fmt  # locked or edited in the admin: leave it as it is
    for section_order, (title, description, indicators) in enumerate(sections, start=1):
        section = Section.objects.create(
            format=fmt, title=title, description=description, order=section_order
        )
        for order, row in enumerate(indicators, start=1):
            code, label, help_text, value_type, unit, dim, aggregation, required, public, extra = (
                row
            )
            Indicator.objects.create(
                format=fmt,
                section=section,
                code=code,
                label=label,
                help_text=help_text,
                value_type=value_type,
                unit=unit,
                dimension=dimensions.get(dim) if dim else None,
                aggregation=aggregation,
                required=required,
                public=public,
                order=order,
                **extra,
            )
    by_code = {indicator.code: indicator for indicator in fmt.indicators.all()}
    for code, kind_, operator, other in rules:
        ValidationRule.objects.create(
            format=fmt,
            kind=kind_,
            indicator=by_code[code],
            operator=operator,
            other_indicator=by_code[other] if other else None,
        )
    return fmt


def quarters_until(today, count):
    """The last ``count`` quarters up to and including today's, oldest first."""
    year, quarter = today.year, (today.month - 1) // 3 + 1
    result = []
    for _ in range(count):
        result.append((year, quarter))
        quarter -= 1
        if quarter == 0:
            year, quarter = year - 1, 4
    return list(reversed(result))


def end_of_next_month(day):
    """The last day of the month after ``day``'s: 30 April for the first quarter
    (31 March + 31 days would give 1 May)."""
    first_of_next = (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    first_after_that = (first_of_next + datetime.timedelta(days=32)).replace(day=1)
    return first_after_that - datetime.timedelta(days=1)


def seed_periods(today, count=QUARTERS):
    periods = []
    current = quarters_until(today, 1)[0]
    previous = quarters_until(today, 2)[0]
    for year, quarter in quarters_until(today, count):
        start, end = Period.quarter_bounds(year, quarter)
        period, _ = Period.objects.update_or_create(
            type=Period.Type.QUARTER,
            start=start,
            defaults={
                "end": end,
                "deadline": end_of_next_month(end),
                "is_open": (year, quarter) in (current, previous),
            },
        )
        periods.append(period)
    return periods


def generate_values(fmt_indicators, organization, period, rng, *, scale=None):
    """Believable values for one report: key -> (number, text)."""
    inhabitants = organization.inhabitants or 150_000
    size = scale if scale is not None else inhabitants / 10_000
    season = 1 + 0.1 * ((period.start.month - 1) // 3 % 2)
    clients = max(3, round(size * rng.uniform(9, 14) * season))
    new = max(1, round(clients * rng.uniform(0.3, 0.45)))
    closed = max(1, round(clients * rng.uniform(0.25, 0.4)))
    values = {}

    def split(total, items, weights):
        shares = [w * rng.uniform(0.7, 1.3) for w in weights]
        whole = sum(shares)
        parts = [int(total * share / whole) for share in shares]
        parts[max(range(len(parts)), key=lambda i: shares[i])] += total - sum(parts)
        return dict(zip(items, parts, strict=True))

    for indicator in fmt_indicators:
        code = indicator.code
        items = (
            [item.code for item in indicator.dimension.items.all()]
            if indicator.dimension_id
            else []
        )
        number, text = None, ""
        if code == "clients_total":
            number = clients
            values.update(
                {
                    (code, item): (Decimal(n), "")
                    for item, n in split(clients, items, [1, 1, 4, 3, 4]).items()
                }
            )
        elif code == "clients_new":
            number = new
            weights = [5, 2, 4, 2, 6, 1, 1, 1][: len(items)]
            values.update(
                {(code, item): (Decimal(n), "") for item, n in split(new, items, weights).items()}
            )
        elif code == "clients_ongoing":
            number = clients - new
        elif code == "clients_closed":
            number = closed
        elif code == "clients_support_form":
            informal = round(clients * rng.uniform(0.1, 0.25))
            values[(code, "formal")] = (Decimal(clients - informal // 2), "")
            values[(code, "informal")] = (Decimal(informal), "")
            number = clients
        elif code in ("cases_by_domain", "cases_by_law"):
            number = clients
            for item in items:
                share = rng.uniform(0.02, 0.5)
                values[(code, item)] = (Decimal(max(0, round(clients * share))), "")
        elif code == "waiting_days":
            number = Decimal(str(round(rng.uniform(4, 21), 1)))
        elif code == "duration_weeks":
            number = Decimal(str(round(rng.uniform(6, 20), 1)))
        elif code == "contacts_per_client":
            number = Decimal(str(round(rng.uniform(3, 9), 1)))
        elif code == "wlz_applications":
            number = rng.randint(1, 4) if size < 6 else rng.randint(3, 12)
        elif code == "warm_handovers":
            number = rng.randint(0, 4)
        elif code == "satisfaction":
            number = None if rng.random() < 0.2 else Decimal(str(round(rng.uniform(7.0, 8.6), 1)))
        elif code == "goal_reached":
            number = closed
            yes = round(closed * rng.uniform(0.5, 0.7))
            partly = round((closed - yes) * rng.uniform(0.4, 0.7))
            values[(code, "yes")] = (Decimal(yes), "")
            values[(code, "partly")] = (Decimal(partly), "")
            values[(code, "no")] = (Decimal(closed - yes - partly), "")
        elif code == "awareness_pct":
            number = Decimal(rng.randint(22, 41)) if period.start.month == 10 else None
        elif code == "fte_formal":
            number = Decimal(str(round(max(0.4, size * rng.uniform(0.35, 0.5)), 1)))
        elif code == "volunteers_active":
            number = max(1, round(size * rng.uniform(0.8, 2.5)))
        elif code == "registered_pct":
            number = Decimal(rng.choice([50, 67, 75, 80, 100]))
        elif code == "training_followed":
            number = rng.choice([0, 1])
        elif code == "registration_system":
            text = rng.choice(indicator.choice_list)
        elif code == "signals":
            text = rng.choice(
                [
                    "",
                    "Meer vragen over schulden sinds de energieprijzen stegen.",
                    "Jongeren van 18 tot 26 jaar weten ons nog weinig te vinden.",
                    "Wachttijd liep op door ziekte in het team.",
                ]
            )
        if number is not None:
            values[(code, "")] = (Decimal(number), "")
        elif text:
            values[(code, "")] = (None, text)
    return values


def store_values(report, indicators, values):
    by_code = {indicator.code: indicator for indicator in indicators}
    items = {
        (indicator.code, item.code): item
        for indicator in indicators
        if indicator.dimension_id
        for item in indicator.dimension.items.all()
    }
    Value.objects.bulk_create(
        [
            Value(
                report=report,
                indicator=by_code[code],
                dimension_item=items[(code, item)] if item else None,
                number=number,
                text=text,
            )
            for (code, item), (number, text) in values.items()
        ],
        batch_size=1000,
    )
    freshness.changed("monitoring")  # bulk_create sends no signals


def state_for(slug, position, count, rng):
    """Older quarters approved; the last two mixed."""
    if position < count - 2:
        return Report.Status.APPROVED
    if position == count - 2:  # the previous quarter, still open
        if slug == "borne":
            return Report.Status.RETURNED
        if slug == "enschede":
            return Report.Status.SUBMITTED  # awaits the coordinator's approval
        return rng.choice([Report.Status.SUBMITTED, Report.Status.APPROVED, Report.Status.DRAFT])
    return Report.Status.DRAFT  # the current quarter


@transaction.atomic
def seed(today=None):
    today = today or datetime.date.today()
    ggd = Organization.objects.get(slug="ggd-twente")
    dimensions = seed_dimensions()
    municipal = seed_format(
        ggd,
        MUNICIPALITY_FORMAT,
        Organization.Kind.MUNICIPALITY,
        MUNICIPALITY_SECTIONS,
        MUNICIPALITY_RULES,
        dimensions,
    )
    care = seed_format(
        ggd,
        CARE_OFFICE_FORMAT,
        Organization.Kind.CARE_OFFICE,
        CARE_OFFICE_SECTIONS,
        CARE_OFFICE_RULES,
        dimensions,
    )
    periods = seed_periods(today)
    coordinator = ggd.memberships.filter(role="coordinator").select_related("user").first()
    coordinator = coordinator.user if coordinator else None
    organizations = Organization.objects.filter(region=ggd.region).exclude(
        kind=Organization.Kind.REGION_TEAM
    )
    formats = {
        Organization.Kind.MUNICIPALITY: (municipal, list(_indicators(municipal))),
        Organization.Kind.CARE_OFFICE: (care, list(_indicators(care))),
    }
    created = 0
    now = timezone.now()
    for organization in organizations:
        fmt, indicators = formats[organization.kind]
        editor = organization.memberships.filter(role="editor").select_related("user").first()
        editor = editor.user if editor else None
        for position, period in enumerate(periods):
            if Report.objects.filter(organization=organization, period=period).exists():
                continue
            rng = random.Random(f"{organization.slug}-{period.start}")
            status = state_for(organization.slug, position, len(periods), rng)
            care_office = organization.kind == Organization.Kind.CARE_OFFICE
            report = Report(organization=organization, format=fmt, period=period, status=status)
            moment = timezone.make_aware(
                datetime.datetime.combine(
                    period.end + datetime.timedelta(days=10), datetime.time(10)
                )
            )
            moment = min(moment, now)
            if status != Report.Status.DRAFT:
                report.submitted_at, report.submitted_by = moment, editor
            if status == Report.Status.APPROVED:
                report.approved_at = min(moment + datetime.timedelta(days=5), now)
                report.approved_by = coordinator
            if status == Report.Status.RETURNED:
                report.returned_at = min(moment + datetime.timedelta(days=3), now)
                report.returned_by = coordinator
                report.return_comment = RETURN_COMMENT
            report.save()
            created += 1
            values = generate_values(indicators, organization, period, rng)
            if status == Report.Status.RETURNED:
                values[("clients_new", "")] = (Decimal(480), "")
            if position == len(periods) - 1:
                # The current quarter: drafts, partly filled in (menzis: still empty).
                if care_office:
                    values = {}
                else:
                    keep = {"clients_total", "clients_new", "waiting_days"}
                    values = {key: value for key, value in values.items() if key[0] in keep}
            store_values(report, indicators, values)
    reports = Report.objects.filter(organization__region=ggd.region).count()
    return f"2 formats, {len(periods)} quarters, {reports} reports ({created} new)"


def _indicators(fmt):
    return (
        Indicator.objects.filter(format=fmt)
        .select_related("dimension")
        .prefetch_related("dimension__items")
    )
