"""Much criteria data, for the query-count test at the "much data" size."""

import datetime

from criteria.models import (
    Criterion,
    Framework,
    LocalAgreement,
    Theme,
    Training,
    TrainingSession,
    TrainingTopic,
)
from toolbox_site.models import Organization


def add_bulk_data(region, cast):
    # An archived older version and a draft, with criteria of the same codes.
    for version, status in ((90, Framework.Status.ARCHIVED), (91, Framework.Status.DRAFT)):
        framework = Framework.objects.create(
            region=region, name=f"Versie {version}", version=version, status=status
        )
        for number in range(1, 4):
            theme = Theme.objects.create(framework=framework, name=f"Thema {number}", order=number)
            for order in range(1, 6):
                Criterion.objects.create(
                    theme=theme, code=f"ON-{number * 10 + order}", title=f"Oud {order}"
                )
    # Agreements of every municipality of the region on the current criteria.
    current = Framework.objects.filter(region=region, status=Framework.Status.PUBLISHED).first()
    if current is not None:
        criteria = list(Criterion.objects.filter(framework=current))
        municipalities = Organization.objects.municipalities().filter(region=region)
        existing = set(
            LocalAgreement.objects.filter(criterion__framework=current).values_list(
                "municipality_id", "criterion_id"
            )
        )
        LocalAgreement.objects.bulk_create(
            LocalAgreement(
                municipality=municipality,
                criterion=criterion,
                status=LocalAgreement.Status.IN_DISCUSSION,
                area=LocalAgreement.Area.QUALITY,
                text="Veel data.",
                review_date=datetime.date.today(),
            )
            for municipality in municipalities
            for criterion in criteria
            if (municipality.pk, criterion.pk) not in existing
        )
        enschede = municipalities.filter(slug="enschede").first()
        if enschede is not None:
            for agreement in LocalAgreement.objects.filter(municipality=enschede)[:15]:
                agreement.text += " Bijgewerkt."
                agreement.save()
    # Many trainings with sessions and topics, linked to criteria.
    topics = [
        TrainingTopic.objects.get_or_create(slug=f"bulk-{n}", defaults={"name": f"Bulk {n}"})[0]
        for n in range(5)
    ]
    some_criteria = list(Criterion.objects.filter(framework__region=region)[:10])
    today = datetime.date.today()
    for number in range(8):
        training = Training.objects.create(
            region=region,
            title=f"Bulktraining {number}",
            slug=f"bulktraining-{number}",
            provider="Bulk",
        )
        training.topics.set(topics)
        training.criteria.set(some_criteria)
        TrainingSession.objects.bulk_create(
            TrainingSession(training=training, date=today + datetime.timedelta(days=d), place="X")
            for d in (-30, 10, 40)
        )
