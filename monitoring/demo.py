"""Twente demo data for monitoring: two formats, quarterly periods, reports in every state.

Idempotent: formats, dimensions and periods are updated in place; reports and
values are only created when missing, so work done in the demo is kept.
Values are generated from a fixed seed per organization and period, scaled to
the municipality's inhabitants, with small numbers (1 to 4) for the rare events.
"""

import datetime
import json
import random
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from criteria.models import Criterion, Framework
from toolbox_site import freshness
from toolbox_site.demo import log_past_action
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

#: The demo's formats, breakdowns and rules: data, in data/demo.json.
DATA = json.loads((Path(__file__).parent / "data" / "demo.json").read_text(encoding="utf-8"))
#: Which criteria (by code) each indicator (by code) shows progress on.
CRITERIA_LINKS = Path(__file__).parent / "data" / "indicator_criteria.json"
INDICATOR_FIELDS = (
    "code",
    "label",
    "help",
    "value_type",
    "unit",
    "dimension",
    "aggregation",
    "required",
    "public",
    "extra",
)
DECIMAL_OPTIONS = ("min_value", "max_value")


def _indicator(row):
    extra = {
        name: Decimal(value) if name in DECIMAL_OPTIONS else value
        for name, value in row["extra"].items()
    }
    return tuple(extra if name == "extra" else row[name] for name in INDICATOR_FIELDS)


def _sections(kind):
    return [
        (
            section["title"],
            section["description"],
            [_indicator(row) for row in section["indicators"]],
        )
        for section in DATA["formats"][kind]["sections"]
    ]


def _rules(kind):
    return [
        (rule["indicator"], rule["kind"], rule["operator"], rule["other"])
        for rule in DATA["formats"][kind]["rules"]
    ]


#: code -> (name, [(item code, label)])
DIMENSIONS = {
    code: (dimension["name"], [(item["code"], item["label"]) for item in dimension["items"]])
    for code, dimension in DATA["dimensions"].items()
}
# (code, label, help, type, unit, dimension, aggregation, required, public, extra)
MUNICIPALITY_SECTIONS = _sections("municipality")
CARE_OFFICE_SECTIONS = _sections("care_office")
# (indicator, kind, operator, other indicator)
MUNICIPALITY_RULES = _rules("municipality")
CARE_OFFICE_RULES = _rules("care_office")
MUNICIPALITY_FORMAT = DATA["formats"]["municipality"]["name"]
CARE_OFFICE_FORMAT = DATA["formats"]["care_office"]["name"]
RETURN_COMMENT = DATA["return_comment"]


QUARTERS = 12


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
def link_criteria(formats):
    """Link the formats' indicators to the criteria of their region's published
    framework, as the data file says (nothing when there is no framework)."""
    links = json.loads(CRITERIA_LINKS.read_text(encoding="utf-8"))
    for fmt in formats:
        criteria = {
            criterion.code: criterion
            for criterion in Criterion.objects.filter(
                framework__region_id=fmt.organization.region_id,
                framework__status=Framework.Status.PUBLISHED,
            )
        }
        for indicator in fmt.indicators.all():
            linked = [criteria[code] for code in links.get(indicator.code, ()) if code in criteria]
            if linked:
                indicator.criteria.add(*linked)


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
    link_criteria([municipal, care])
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
            log_workflow(report)
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


def log_workflow(report):
    """The audit entries of the steps the demo report went through, with the action
    codes and details of monitoring.services.transition, at the moments they were
    taken."""
    period = {"period": str(report.period)}
    if report.submitted_at:
        log_past_action(
            report.submitted_by, report, "monitoring.report.submitted", period, report.submitted_at
        )
    if report.approved_at:
        log_past_action(
            report.approved_by, report, "monitoring.report.approved", period, report.approved_at
        )
    if report.returned_at:
        log_past_action(
            report.returned_by,
            report,
            "monitoring.report.returned",
            {**period, "comment": report.return_comment},
            report.returned_at,
        )


def _indicators(fmt):
    return (
        Indicator.objects.filter(format=fmt)
        .select_related("dimension")
        .prefetch_related("dimension__items")
    )
