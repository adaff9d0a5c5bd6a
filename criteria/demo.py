"""Twente demo data for pillar 2: a published framework of quality criteria,
local agreements of most municipalities, and a training offer.

Written for the demo; every name, address and link is fictional. Idempotent:
run it as often as you like (``manage.py seed_demo``).
"""

import datetime
import json
import random
from pathlib import Path

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

#: The demo's criteria, trainings and agreement texts: data, in data/demo.json.
DATA = json.loads((Path(__file__).parent / "data" / "demo.json").read_text(encoding="utf-8"))

# (code prefix, theme, description, [(title, explanation, applies to, questions)])
THEMES = [
    (
        theme["prefix"],
        theme["name"],
        theme["description"],
        [
            (row["title"], row["explanation"], Audience(row["applies_to"]), row["questions"])
            for row in theme["criteria"]
        ],
    )
    for theme in DATA["themes"]
]
TOPICS = DATA["topics"]
# (title, topics (indexes), criteria codes, audience, format, provider, accredited)
TRAININGS = [
    (
        row["title"],
        row["topics"],
        row["criteria"],
        Audience(row["audience"]),
        row["format"],
        row["provider"],
        row["accredited"],
    )
    for row in DATA["trainings"]
]
PLACES = DATA["places"]
AGREEMENT_TEXTS = {
    LocalAgreement.Status(status): texts for status, texts in DATA["agreement_texts"].items()
}
# Municipalities without agreements yet, so the matrix shows empty columns too.
WITHOUT_AGREEMENTS = set(DATA["without_agreements"])
STATUS_WEIGHTS = [
    (LocalAgreement.Status(status), weight) for status, weight in DATA["status_weights"].items()
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
