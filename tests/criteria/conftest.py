"""Criteria fixtures: see ``tests/criteria/fixtures.py`` (shared with the page inventory)."""

import pytest

from criteria.models import Criterion, Framework, LocalAgreement


@pytest.fixture
def on1(criteria_framework):
    return Criterion.objects.get(framework=criteria_framework, code="ON-1")


@pytest.fixture
def achterhoek_framework(elsewhere):
    """A published framework of another region, with a criterion of the same code."""
    from criteria.demo import seed_framework

    framework, _count = seed_framework(elsewhere.region)
    return framework


def agreements_post(criteria, municipality="enschede", **changes):
    """The agreements form as the page shows it, with ``changes`` (by criterion
    code: a dict of field -> value) applied."""
    data = {}
    for criterion in criteria:
        agreement = LocalAgreement.objects.filter(
            criterion=criterion, municipality__slug=municipality
        ).first()
        pk = criterion.pk
        data[f"status_{pk}"] = agreement.status if agreement else ""
        data[f"area_{pk}"] = agreement.area if agreement else ""
        data[f"text_{pk}"] = agreement.text if agreement else ""
        data[f"review_date_{pk}"] = (
            agreement.review_date.isoformat() if agreement and agreement.review_date else ""
        )
        data[f"version_{pk}"] = str(agreement.version if agreement else 0)
        for name, value in changes.get(criterion.code, {}).items():
            data[f"{name}_{pk}"] = value
    return data


__all__ = ["Framework", "agreements_post"]
