"""Demo data of the finder (run by ``seed_demo`` after the network's): the life situations
and a year of anonymous search counts, so "vraag zonder aanbod" has something
to show. Idempotent: counts are only made when there are none yet."""

import datetime
import random

from django.utils import timezone

from network.models import Service
from toolbox_site.models import Organization, Region

from . import services
from . import situations as life_situations
from .models import AgeGroup, FinderSearch, LifeSituation, ServiceReport

#: The demo's open report (the tests' ``open_report`` fixture makes the same one).
REPORT_SERVICE = "Onafhankelijke cliëntondersteuning Enschede"
REPORT_TEXT = "Het nummer klopt niet."


def seed_report():
    service = Service.objects.filter(
        owning_organization__slug="enschede", name=REPORT_SERVICE
    ).first()
    if service is not None:
        ServiceReport.objects.get_or_create(
            service=service, reason=ServiceReport.Reason.CONTACT, text=REPORT_TEXT
        )


def seed():
    life_situations.load()
    seed_report()
    region = Region.objects.get(slug="twente")
    municipalities = list(Organization.objects.municipalities().filter(region=region))
    situations = list(LifeSituation.objects.all())
    if FinderSearch.objects.filter(municipality__region=region).exists():
        return f"{len(situations)} life situations; search counts already there"
    rng = random.Random("finder-demo")
    today = timezone.localdate()
    rows = []
    for municipality in municipalities:
        for situation in situations:
            # Some combinations find no independent client support more often.
            gap = rng.choice([0.05, 0.1, 0.2, 0.5])
            for _n in range(rng.randint(3, 25)):
                rows.append(
                    FinderSearch(
                        municipality=municipality,
                        situation=situation,
                        age_group=rng.choice(["", *AgeGroup.values]),
                        result_count=rng.randint(0, 8),
                        independent_found=rng.random() > gap,
                        date=today - datetime.timedelta(days=rng.randint(0, 360)),
                    )
                )
    FinderSearch.objects.bulk_create(rows, batch_size=1000)
    services.recount_searches(municipalities)
    return f"{len(situations)} life situations, {len(rows)} search counts"
