"""The demo data (criteria/demo.py) and the national-scale data (bench/scale/criteria.py)."""

import random
from types import SimpleNamespace

from bench.scale import criteria as scale
from criteria import demo
from criteria.models import Criterion, Framework, LocalAgreement, Theme, Training
from toolbox_site.demo import seed as seed_core
from toolbox_site.models import Organization

from ..factories import make_organization, make_region


def test_the_demo_has_a_complete_published_framework(db):
    seed_core()
    demo.seed()
    framework = Framework.objects.get(region__slug="twente", status="published")
    assert framework.themes.count() == 10
    criteria = Criterion.objects.filter(framework=framework)
    assert 38 <= criteria.count() <= 45
    assert {c.applies_to for c in criteria} == {"formal", "informal", "both"}
    assert all(c.question_list for c in criteria)


def test_the_demo_has_agreements_in_varied_states_for_most_municipalities(db):
    seed_core()
    demo.seed()
    agreements = LocalAgreement.objects.all()
    municipalities = Organization.objects.municipalities().filter(region__slug="twente")
    with_agreements = agreements.values("municipality").distinct().count()
    assert with_agreements > municipalities.count() / 2
    assert set(agreements.values_list("status", flat=True)) == set(LocalAgreement.Status.values)
    assert set(agreements.values_list("area", flat=True)) == set(LocalAgreement.Area.values)
    assert Training.objects.count() >= 10


def test_the_demo_is_idempotent(db):
    seed_core()
    demo.seed()
    counts = (Theme.objects.count(), Criterion.objects.count(), LocalAgreement.objects.count())
    demo.seed()
    assert (
        Theme.objects.count(),
        Criterion.objects.count(),
        LocalAgreement.objects.count(),
    ) == counts


def test_the_scale_steps_make_a_framework_per_region_and_an_agreement_per_criterion(db):
    regions = [make_region(f"Schaal {n}") for n in range(2)]
    organizations = [make_organization(region) for region in regions for _ in range(3)]
    ctx = SimpleNamespace(organizations=organizations, rng=random.Random(1))
    for step in scale.STEPS:
        assert step(ctx)
    assert Framework.objects.filter(status="published").count() == 2
    per_framework = Criterion.objects.filter(framework__region=regions[0]).count()
    assert LocalAgreement.objects.count() == 6 * per_framework
    scale.delete(regions)
    assert not Framework.objects.exists()
    assert not LocalAgreement.objects.exists()
