"""Many documents, for the query-count test at the "much data" size: every audience
and pillar, published or not, several versions each, and another region's too."""

from documents import demo
from toolbox_site.models import Region

from .fixtures import sample

AUDIENCES = ["municipality", "care_office", "residents", "client_supporters"]
PILLARS = ["network", "quality", "awareness"]


def add_bulk_data(region, cast):
    other = Region.objects.create(name="Bulkregio", slug="bulkregio")
    for number in range(12):  # every pillar, audience, version count and state
        entry = {
            "slug": f"bulk-{number}",
            "title": f"Bulkdocument {number}",
            "summary": "Veel documenten.",
            "pillar": PILLARS[number % 3],
            "audiences": AUDIENCES[: 1 + number % 4],
            "published": number % 5 != 0,
            "versions": [{"days_ago": 9 - version} for version in range(1 + number % 3)],
        }
        demo.add(other if number % 6 == 0 else region, entry, contents=lambda n, e: sample(e))
