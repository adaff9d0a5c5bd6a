"""One set of checks for the form and the upload: cells, required values, rules and warnings."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from monitoring import reading
from monitoring.models import Indicator
from monitoring.validation import is_far_from, parse_value, validate

from .fixtures import make_report


def indicator(value_type, **fields):
    return Indicator(code="x", label="X", value_type=value_type, **fields)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("twaalf", "alleen cijfers"),
        ("12,5", "geheel getal"),
        ("12.5", "geheel getal"),
        ("-3", "negatief"),
        ("99999999999999", "te groot"),
        ("1\x002", "niet is toegestaan"),
    ],
)
def test_a_whole_number_field_refuses_bad_input_in_plain_dutch(raw, message):
    cleaned, error = parse_value(indicator("whole"), raw)
    assert cleaned.is_empty
    assert message in error


def test_a_decimal_field_takes_a_dutch_comma():
    cleaned, error = parse_value(indicator("decimal"), " 12,5 ")
    assert error is None
    assert cleaned.number == Decimal("12.5")


@pytest.mark.parametrize(
    "raw", ["1" * 25, "1" * 25 + ",5", "0," + "1" * 30, "9" * 40 + ",00001", "-" + "7" * 30]
)
def test_a_decimal_with_very_many_digits_gets_an_error_not_a_server_error(raw):
    cleaned, error = parse_value(indicator("decimal"), raw)
    assert cleaned.is_empty
    assert error


@given(
    whole=st.text("0123456789", min_size=1, max_size=60),
    fraction=st.text("0123456789", max_size=60),
    kind=st.sampled_from(["decimal", "percentage", "whole"]),
)
def test_any_run_of_digits_is_a_number_or_an_error(whole, fraction, kind):
    raw = f"{whole},{fraction}" if fraction else whole
    cleaned, error = parse_value(indicator(kind), raw)
    assert (error is None) != cleaned.is_empty


def test_a_percentage_over_100_is_refused():
    _cleaned, error = parse_value(indicator("percentage"), "101")
    assert "100" in error
    cleaned, error = parse_value(indicator("percentage"), "45%")
    assert error is None
    assert cleaned.number == 45


def test_empty_is_not_zero():
    empty, _error = parse_value(indicator("whole"), "  ")
    zero, _error = parse_value(indicator("whole"), "0")
    assert empty.is_empty
    assert empty.number is None
    assert not zero.is_empty
    assert zero.number == 0


def test_yes_no_and_choices_are_checked():
    assert parse_value(indicator("yes_no"), "ja")[0].number == 1
    assert parse_value(indicator("yes_no"), "nee")[0].number == 0
    assert "ja of nee" in parse_value(indicator("yes_no"), "misschien")[1]
    choice = indicator("choice", choices="Eigen systeem\nGeen registratie")
    assert parse_value(choice, "Geen registratie")[0].text == "Geen registratie"
    assert "Kies een van" in parse_value(choice, "Excel")[1]


def test_declared_minimum_and_maximum_apply():
    grade = indicator("decimal", max_value=Decimal(10))
    assert "hoogstens 10" in parse_value(grade, "11")[1]


@pytest.fixture
def report(cast):
    return make_report("enschede", filled=True)


def raw_of_report(report):
    structure = reading.format_structure(report.format_id)
    raw = reading.raw_from_values(structure, reading.stored_values(report))
    rules = list(report.format.rules.select_related("indicator", "other_indicator"))
    return structure, rules, raw


def test_the_stored_demo_values_are_valid_for_submitting(report):
    structure, rules, raw = raw_of_report(report)
    assert validate(structure, rules, raw, submitting=True).errors == {}


def test_a_breakdown_that_does_not_add_up_names_the_indicator(report):
    structure, rules, raw = raw_of_report(report)
    raw[("clients_new", "gp")] = str(int(raw[("clients_new", "gp")]) + 5)
    errors = validate(structure, rules, raw, submitting=True).errors
    assert list(errors) == [("clients_new", "")], "the error stands at the total, not a row"
    assert "“Nieuwe cliënten”: de uitsplitsing telt op tot" in errors[("clients_new", "")][0]


def test_a_comparison_between_indicators_names_both(report):
    structure, rules, raw = raw_of_report(report)
    raw[("clients_closed", "")] = str(int(raw[("clients_total", "")]) + 1)
    errors = validate(structure, rules, raw, submitting=True).errors
    assert any(
        "“Afgesloten trajecten”" in m and "“Unieke cliënten”" in m
        for m in errors[("clients_closed", "")]
    )


def test_a_draft_may_be_incomplete_but_a_submission_may_not(report):
    structure, rules, raw = raw_of_report(report)
    raw[("waiting_days", "")] = ""
    assert validate(structure, rules, raw, submitting=False).errors == {}
    errors = validate(structure, rules, raw, submitting=True).errors
    assert "vul 0 in" in errors[("waiting_days", "")][0]


def test_a_value_far_from_earlier_periods_is_a_warning_not_an_error(report):
    structure, rules, raw = raw_of_report(report)
    previous = {("wlz_applications", ""): [("K3 2026", Decimal(35)), ("K2 2026", Decimal(30))]}
    raw[("wlz_applications", "")] = "350"
    result = validate(structure, rules, raw, submitting=True, previous=previous)
    assert result.errors == {}
    assert result.warnings[("wlz_applications", "")] == [
        "K3 2026: 35 — klopt 350? Leg het dan uit in de toelichting."
    ]


def test_small_numbers_close_to_earlier_ones_give_no_warning():
    assert not is_far_from(Decimal(4), [Decimal(1), Decimal(2)])
    assert not is_far_from(Decimal(40), [Decimal(35), Decimal(30)])
    assert is_far_from(Decimal(350), [Decimal(35), Decimal(30)])
    assert is_far_from(Decimal(0), [Decimal(300), Decimal(320)])
