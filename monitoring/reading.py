"""Reading a report for the form, the spreadsheet and the checks: the format's
structure (kept per format version), the stored values with earlier periods,
the raw input they stand for, and who changed what since a version."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from toolbox_site.people import display_name

from .models import DimensionItem, Indicator, Period, Report, Section, Value, format_number
from .validation import Cleaned, cells_of, raw_of, validate


def format_structure(format_id):
    """The format's sections with their indicators, dimensions and items: three queries."""
    items = Prefetch("dimension__items", queryset=DimensionItem.objects.order_by("order", "pk"))
    indicators = Prefetch(
        "indicators",
        queryset=Indicator.objects.select_related("dimension").prefetch_related(items),
    )
    sections = Section.objects.filter(format_id=format_id).prefetch_related(indicators)
    return [(section, list(section.indicators.all())) for section in sections]


# Formats with reports never change (see MonitoringFormat.locked), so their structure is
# kept per process, keyed by the format and its creation time (ids can be reused after
# a test's rollback; the time cannot).
_STRUCTURES = {}


_STRUCTURES_MAX = 64


def report_structure(report):
    """(structure, rules, key by (indicator id, item id)) of a report's (locked) format."""
    fmt = report.format
    key = (fmt.pk, fmt.created_at)
    cached = _STRUCTURES.get(key)
    if cached is None:
        structure = format_structure(fmt.pk)
        rules = list(fmt.rules.select_related("indicator", "other_indicator"))
        keys = {}
        for section_key, indicator, item in cells_of(structure):
            keys[(indicator.pk, item.pk if item else None)] = section_key
        cached = (structure, rules, keys)
        if len(_STRUCTURES) >= _STRUCTURES_MAX:
            _STRUCTURES.clear()
        _STRUCTURES[key] = cached
    return cached


@dataclass(frozen=True)
class Stored:
    number: Decimal | None
    text: str
    comment: str


def stored_cells(report, keys):
    """key -> Stored for the report's values, in one light query."""
    rows = Value.objects.filter(report=report).values_list(
        "indicator_id", "dimension_item_id", "number", "text", "comment"
    )
    result = {}
    for indicator_id, item_id, number, text, comment in rows:
        key = keys.get((indicator_id, item_id))
        if key is not None:
            result[key] = Stored(number, text, comment)
    return result


def stored_and_previous(report, keys, periods=4):
    """(key -> Stored of this report, key -> [(period label, number)] of the earlier
    periods, newest first): one query for both, for the report page.

    Earlier periods are the organization's reports of the same kind of period in
    the ``periods`` periods before this one, matched by code (so a new version of
    the format still compares with the old one).
    """
    period = report.period
    length = (period.end - period.start).days + 1
    window = period.start - datetime.timedelta(days=length * periods + 7)
    rows = (
        Value.objects.filter(
            report__organization_id=report.organization_id,
            report__period__type=period.type,
            report__period__start__lte=period.start,
            report__period__start__gte=window,
        )
        .values_list(
            "report_id",
            "report__period__start",
            "indicator_id",
            "dimension_item_id",
            "indicator__code",
            "dimension_item__code",
            "number",
            "text",
            "comment",
        )
        .order_by()
    )
    stored, earlier, labels = {}, {}, {}
    for report_id, start, indicator_id, item_id, code, item_code, number, text, comment in rows:
        if report_id == report.pk:
            key = keys.get((indicator_id, item_id))
            if key is not None:
                stored[key] = Stored(number, text, comment)
        elif number is not None and start < period.start:
            if start not in labels:
                labels[start] = str(Period(type=period.type, start=start, end=start))
            earlier.setdefault((code, item_code or ""), []).append((start, number))
    previous = {
        key: [(labels[start], number) for start, number in sorted(entries, reverse=True)]
        for key, entries in earlier.items()
    }
    return stored, previous


def stored_values(report):
    """key -> Value for the report's values."""
    values = Value.objects.filter(report=report).select_related("indicator", "dimension_item")
    return {
        (value.indicator.code, value.dimension_item.code if value.dimension_item_id else ""): value
        for value in values
    }


def validate_report(report, raw=None, *, submitting, structure=None, with_warnings=False):
    """Validate raw input, or the stored values when ``raw`` is None."""
    structure = structure if structure is not None else format_structure(report.format_id)
    rules = list(report.format.rules.select_related("indicator", "other_indicator"))
    if raw is None:
        raw = raw_from_values(structure, stored_values(report))
    previous = previous_values(report) if with_warnings else None
    return validate(structure, rules, raw, submitting=submitting, previous=previous)


def raw_from_values(structure, stored):
    raw = {}
    for key, indicator, _item in cells_of(structure):
        value = stored.get(key)
        raw[key] = raw_of(Cleaned(value.number, value.text) if value else None, indicator)
    return raw


def shown_value(value, indicator):
    if value is None:
        return ""
    if indicator.value_type == Indicator.ValueType.YES_NO and value.number is not None:
        return "yes" if value.number else "no"
    return format_number(value.number) if value.number is not None else value.text


def previous_values(report, periods=4):
    """key -> [(period label, number)] of the organization's earlier periods, newest first.

    One query: the values of the same organization's reports of the same kind of
    period in the ``periods`` periods before this one, matched by code (so a
    new version of the format still compares with the old one).
    """
    period = report.period
    length = (period.end - period.start).days + 1
    window = period.start - datetime.timedelta(days=length * periods + 7)
    rows = (
        Value.objects.filter(
            report__organization_id=report.organization_id,
            report__period__type=period.type,
            report__period__start__lt=period.start,
            report__period__start__gte=window,
            number__isnull=False,
        )
        .values_list("report__period__start", "indicator__code", "dimension_item__code", "number")
        .order_by()
    )
    result = {}
    for start, code, item_code, number in rows:
        result.setdefault((code, item_code or ""), []).append((start, number))
    labels = {}
    for entries in result.values():
        for start, _number in entries:
            if start not in labels:
                labels[start] = str(Period(type=period.type, start=start, end=start))
    return {
        key: [(labels[start], number) for start, number in sorted(entries, reverse=True)]
        for key, entries in result.items()
    }


def changes_since(report, version):
    """What others changed after ``version``: [(who, when, [descriptions])]."""
    since = (
        Report.history.filter(id=report.pk, version=version)
        .order_by("-history_date")
        .values_list("history_date", flat=True)
        .first()
    )
    changes = []
    history = Report.history.filter(id=report.pk, version__gt=version).select_related(
        "history_user"
    )
    for record in history.order_by("history_date"):
        who = display_name(record.history_user, _("someone"))
        changes.append([who, record.history_date, []])
    value_history = Value.history.filter(report_id=report.pk).select_related(
        "indicator", "dimension_item"
    )
    if since is not None:
        value_history = value_history.filter(history_date__gt=since)
    described = set()
    for record in value_history.order_by("history_date"):
        label = record.indicator.label
        if record.dimension_item_id:
            label = f"{label} – {record.dimension_item.label}"
        if label in described:
            continue
        described.add(label)
        if changes:
            changes[-1][2].append(label)
        else:
            changes.append([_("someone"), record.history_date, [label]])
    if not changes:
        changes.append([_("someone"), report.updated_at, []])
    return [tuple(change) for change in changes]
