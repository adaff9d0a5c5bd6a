"""The start page's hook: the documents a user may read, published since a moment."""

import datetime

from django.utils import timezone

from documents.models import Document
from documents.todo import new_documents

from .fixtures import make_document


def test_it_lists_what_the_user_reads_published_since_newest_first(cast, twente, elsewhere):
    now = timezone.now()
    for slug, days, published, region in [
        ("oud", 30, True, twente),
        ("nieuw", 2, True, twente),
        ("nieuwer", 1, True, twente),
        ("concept", 1, False, twente),
        ("elders", 1, True, elsewhere.region),
    ]:
        document = make_document(region, slug, published=published)
        Document.objects.filter(pk=document.pk).update(
            published_at=now - datetime.timedelta(days=days) if published else None
        )
    since = now - datetime.timedelta(days=7)
    items = new_documents(cast["enschede.viewer"], since)
    assert [item.url for item in items] == ["/documenten/nieuwer/", "/documenten/nieuw/"]
    assert items[0].text == "Nieuw document: Nieuwer"
    assert items[0].detail.startswith("gepubliceerd op ")
    assert new_documents(cast["twente.coordinator"], now) == []
