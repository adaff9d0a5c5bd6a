"""Practice examples for the shared harnesses (inventory, permission matrix) and the
practice tests: the demo's examples of Enschede and Hengelo (practice/demo.py, so the
benchmark finds the same addresses in the demo data) and a draft of Enschede."""

import datetime

import pytest
from django.utils import timezone

#: The demo's addresses (practice/data/demo.json).
ENSCHEDE = "clientondersteuning-genoemd-in-elke-uitnodiging-voor-het-keukentafelgesprek"
HENGELO = "warme-overdracht-van-wmo-naar-wlz-pilot-met-het-zorgkantoor"
DRAFT = "een-concept-van-enschede"


def make_example(municipality, title, *, published=True, days_ago=3, criteria=(), roles=(), **kw):
    from practice.models import PracticeExample
    from practice.services import unique_slug

    example = PracticeExample.objects.create(
        title=title,
        slug=unique_slug(title),
        municipality=municipality,
        pillar=kw.pop("pillar", PracticeExample.Pillar.NETWORK),
        what_was_done=kw.pop("what_was_done", "We deden iets.\n\nEn nog iets."),
        what_it_brought=kw.pop("what_it_brought", "Het leverde iets op."),
        published=published,
        published_at=timezone.now() - datetime.timedelta(days=days_ago) if published else None,
        **kw,
    )
    example.criteria.set(criteria)
    example.roles.set(roles)
    return example


@pytest.fixture
def practice_examples(cast, enschede, hengelo, menzis, twente, criteria_framework):
    """Enschede's published example (on BV-2) and a draft, Hengelo's published example
    on SW-3 (the Wmo-Wlz hand-over pilot), as objects by key."""
    from practice.demo import seed_examples
    from practice.models import PracticeExample

    seed_examples(twente)
    make_example(enschede, "Een concept van Enschede", published=False)
    examples = PracticeExample.objects.in_bulk([ENSCHEDE, HENGELO, DRAFT], field_name="slug")
    return {"enschede": examples[ENSCHEDE], "hengelo": examples[HENGELO], "draft": examples[DRAFT]}
