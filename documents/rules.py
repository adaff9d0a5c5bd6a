"""Who reads and who keeps the documents (the same answers as
``DocumentQuerySet.for_user`` and ``managed_by``, tests/documents/test_access.py).

- a published document for residents: everyone, anonymous too;
- a published document: the members of the organizations of its region;
- any document of a region, published or not: the region's coordinators, who keep it.
"""

import rules

from toolbox_site.access import access_for
from toolbox_site.permissions import manages_all_regions

from .models import AudienceChoice


@rules.predicate
def keeps_documents(user, document=None):
    """Coordinates the document's region; without a document: coordinates a region."""
    if manages_all_regions(user):
        return True
    regions = access_for(user).coordinated_regions
    if document is None:
        return bool(regions)
    return document.region_id in regions


@rules.predicate
def reads_document(user, document):
    if document is None:
        return False
    if keeps_documents(user, document):
        return True
    if not document.published:
        return False
    if AudienceChoice.RESIDENTS in document.audience_codes():
        return True
    return document.region_id in access_for(user).member_regions


rules.add_perm("documents.view_document", reads_document)
for _action in ("add", "change", "delete"):
    rules.add_perm(f"documents.{_action}_document", keeps_documents)
