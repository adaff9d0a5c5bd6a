"""Validation of a report's values: one set of checks for the form and the upload.

Input is raw text per cell, keyed by ``(indicator code, item code or "")``
(``""`` is the total). ``parse_value`` turns one cell into a number or text or
an error; ``validate`` checks the cells, the required ones (only on submit)
and the format's rules, and adds warnings that do not block.

Empty is not zero: an empty cell is ``None`` ("not reported").
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from toolbox_site.validators import has_control_characters

from .models import Indicator, ValidationRule, format_number

MAX_ABS = Decimal("9999999999")  # fits DecimalField(max_digits=14, decimal_places=4)
MAX_TEXT = 5000
WHOLE_RE = re.compile(r"^-?\d+$")
DECIMAL_RE = re.compile(r"^-?\d+([.,]\d+)?$")
YES = {"yes", "ja", "1", "true", "waar", "j", "y"}
NO = {"no", "nee", "0", "false", "onwaar", "n"}


def key_of(indicator, item=None):
    return (indicator.code, item.code if item is not None else "")


def field_name(key):
    code, item = key
    return f"v__{code}__{item}" if item else f"v__{code}"


def comment_name(indicator):
    return f"c__{indicator.code}"


@dataclass
class Cleaned:
    number: Decimal | None = None
    text: str = ""

    @property
    def is_empty(self):
        return self.number is None and not self.text


@dataclass
class Result:
    values: dict = field(default_factory=dict)  # key -> Cleaned
    errors: dict = field(default_factory=dict)  # key -> [message]
    warnings: dict = field(default_factory=dict)  # key -> [message]

    def add_error(self, key, message):
        self.errors.setdefault(key, []).append(message)

    def add_warning(self, key, message):
        self.warnings.setdefault(key, []).append(message)

    @property
    def is_valid(self):
        return not self.errors


def raw_of(cleaned, indicator):
    """The text to show in a field for a stored value."""
    if cleaned is None:
        return ""
    if indicator.value_type == Indicator.ValueType.YES_NO:
        if cleaned.number is None:
            return ""
        return "yes" if cleaned.number else "no"
    if indicator.is_numeric:
        return format_number(cleaned.number)
    return cleaned.text


def parse_value(indicator, raw):
    """Return (Cleaned, error message or None) for one cell's raw input."""
    if raw is None:
        return Cleaned(), None
    if not isinstance(raw, str):
        raw = str(raw)
    if has_control_characters(raw, multi_line=True):
        return Cleaned(), _("This value contains a character that is not allowed.")
    value = raw.strip()
    if value == "":
        return Cleaned(), None
    kind = indicator.value_type
    T = Indicator.ValueType
    if kind == T.TEXT:
        if len(value) > MAX_TEXT:
            return Cleaned(), _("At most %(max)s characters.") % {"max": MAX_TEXT}
        return Cleaned(text=value), None
    if kind == T.CHOICE:
        options = indicator.choice_list
        if value not in options:
            return Cleaned(), _("Choose one of: %(options)s.") % {"options": ", ".join(options)}
        return Cleaned(text=value), None
    if kind == T.YES_NO:
        lowered = value.lower()
        if lowered in YES:
            return Cleaned(number=Decimal(1)), None
        if lowered in NO:
            return Cleaned(number=Decimal(0)), None
        return Cleaned(), _("Answer yes or no.")
    compact = value.replace(" ", "").replace("\u00a0", "")
    if kind == T.PERCENTAGE and compact.endswith("%"):
        compact = compact[:-1]
    if kind == T.WHOLE:
        if not WHOLE_RE.match(compact):
            if DECIMAL_RE.match(compact):
                return Cleaned(), _(
                    "Enter a whole number, without a comma or full stop (for example 12)."
                )
            return Cleaned(), _("Enter a number using digits only (for example 12).")
        number = Decimal(compact)
    else:
        if not DECIMAL_RE.match(compact):
            return Cleaned(), _("Enter a number using digits, for example 12 or 12,5.")
        try:
            number = Decimal(compact.replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern already excludes it
            return Cleaned(), _("Enter a number using digits, for example 12 or 12,5.")
    # The size first: quantize() raises InvalidOperation on a number with more digits
    # than the decimal context holds (28), which was a server error.
    if abs(number) > MAX_ABS:
        return Cleaned(), _("This number is too large.")
    if kind != T.WHOLE and number != number.quantize(Decimal("0.0001")):
        return Cleaned(), _("Use at most four digits after the comma.")
    low, high = indicator.effective_min, indicator.effective_max
    if low is not None and number < low:
        if low == 0:
            return Cleaned(), _("This cannot be negative.")
        return Cleaned(), _("This must be at least %(min)s.") % {"min": format_number(low)}
    if high is not None and number > high:
        if kind == T.PERCENTAGE and high == 100:
            return Cleaned(), _("A percentage cannot be more than 100.")
        return Cleaned(), _("This can be at most %(max)s.") % {"max": format_number(high)}
    return Cleaned(number=number), None


OPERATORS = {
    ValidationRule.Operator.LT: lambda a, b: a < b,
    ValidationRule.Operator.LTE: lambda a, b: a <= b,
    ValidationRule.Operator.EQ: lambda a, b: a == b,
    ValidationRule.Operator.GTE: lambda a, b: a >= b,
    ValidationRule.Operator.GT: lambda a, b: a > b,
}

OPERATOR_WORDS = {
    ValidationRule.Operator.LT: "less than",
    ValidationRule.Operator.LTE: "at most",
    ValidationRule.Operator.EQ: "equal to",
    ValidationRule.Operator.GTE: "at least",
    ValidationRule.Operator.GT: "more than",
}


def operator_words(operator):
    words = {
        ValidationRule.Operator.LT: _("less than"),
        ValidationRule.Operator.LTE: _("at most"),
        ValidationRule.Operator.EQ: _("equal to"),
        ValidationRule.Operator.GTE: _("at least"),
        ValidationRule.Operator.GT: _("more than"),
    }
    return words[operator]


def cells_of(structure):
    """Every (key, indicator, item) of a format, in form order."""
    for _section, indicators in structure:
        for indicator in indicators:
            yield key_of(indicator), indicator, None
            if indicator.dimension_id:
                for item in indicator.dimension.items.all():
                    yield key_of(indicator, item), indicator, item


def validate(structure, rules, raw, *, submitting, previous=None, period_label=""):
    """Check a report's raw input.

    ``structure`` is ``[(section, [indicator, ...]), ...]`` with dimensions and
    items prefetched; ``rules`` the format's rules; ``raw`` maps key -> text;
    ``previous`` maps key -> [(period label, number), ...] of the organization's
    earlier periods, newest first, for the warnings.
    """
    result = Result()
    by_code = {}
    for key, indicator, _item in cells_of(structure):
        by_code[indicator.code] = indicator
        cleaned, error = parse_value(indicator, raw.get(key))
        result.values[key] = cleaned
        if error:
            result.add_error(key, error)
    if submitting:
        for key, indicator, item in cells_of(structure):
            if (
                item is None
                and indicator.required
                and key not in result.errors
                and result.values[key].is_empty
            ):
                result.add_error(key, _("Fill this in; enter 0 when there were none."))
    for rule in rules:
        check_rule(rule, by_code, result, submitting)
    if previous:
        add_warnings(structure, result, previous)
    return result


def _number(result, key):
    cleaned = result.values.get(key)
    return None if cleaned is None else cleaned.number


def check_rule(rule, by_code, result, submitting):
    indicator = by_code.get(rule.indicator.code)
    if indicator is None:
        return
    if rule.kind == ValidationRule.Kind.BREAKDOWN_TOTAL:
        if not indicator.dimension_id:
            return
        total_indicator = (
            by_code.get(rule.other_indicator.code) if rule.other_indicator_id else indicator
        )
        if total_indicator is None:
            return
        total = _number(result, key_of(total_indicator))
        items = list(indicator.dimension.items.all())
        keys = [key_of(indicator, item) for item in items]
        if any(key in result.errors for key in keys) or key_of(total_indicator) in result.errors:
            return
        numbers = [_number(result, key) for key in keys]
        filled = [number for number in numbers if number is not None]
        if total is None or not filled:
            if submitting and total is not None and indicator.required:
                result.add_error(
                    keys[0],
                    rule.message
                    or _("“%(indicator)s”: fill in the breakdown (0 where there were none).")
                    % {"indicator": indicator.label},
                )
            return
        if submitting and len(filled) < len(numbers):
            first_empty = keys[numbers.index(None)]
            result.add_error(
                first_empty,
                _("“%(indicator)s”: fill in every row of the breakdown (0 where there were none).")
                % {"indicator": indicator.label},
            )
            return
        added = sum(filled, Decimal(0))
        if added != total and (submitting or len(filled) == len(numbers)):
            # At the total: the one number the breakdown is measured against.
            result.add_error(
                key_of(total_indicator),
                rule.message
                or _(
                    "“%(indicator)s”: the breakdown adds up to %(sum)s, "
                    "but “%(total)s” is %(number)s."
                )
                % {
                    "indicator": indicator.label,
                    "sum": format_number(added),
                    "total": total_indicator.label,
                    "number": format_number(total),
                },
            )
        return
    other = by_code.get(rule.other_indicator.code) if rule.other_indicator_id else None
    if other is None:
        return
    left, right = _number(result, key_of(indicator)), _number(result, key_of(other))
    if left is None or right is None:
        return
    if not OPERATORS[rule.operator](left, right):
        result.add_error(
            key_of(indicator),
            rule.message
            or _("“%(left)s” (%(a)s) must be %(op)s “%(right)s” (%(b)s).")
            % {
                "left": indicator.label,
                "a": format_number(left),
                "op": operator_words(rule.operator),
                "right": other.label,
                "b": format_number(right),
            },
        )


def is_far_from(number, earlier):
    """DHIS2-style min-max check: far outside what the organization reported before."""
    if not earlier:
        return False
    low, high = min(earlier), max(earlier)
    spread = high - low
    upper = max(high * 3, high + 2 * spread) + 5
    lower = min(low / 3, low - 2 * spread) - 5
    return number > upper or number < lower


def add_warnings(structure, result, previous):
    for key, indicator, _item in cells_of(structure):
        if indicator.value_type not in Indicator.NUMERIC_TYPES or key in result.errors:
            continue
        number = _number(result, key)
        earlier = previous.get(key) or []
        if number is None or not earlier:
            continue
        if is_far_from(number, [value for _label, value in earlier]):
            label, last = earlier[0]
            result.add_warning(
                key,
                _("%(period)s: %(last)s — is %(now)s right? Explain it in the comment if so.")
                % {"period": label, "last": format_number(last), "now": format_number(number)},
            )
