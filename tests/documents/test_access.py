"""Who reads which document: ``Document.objects.for_user`` and the rules predicates
(documents/rules.py) give the same answers, for the whole cast."""

import pytest
from django.contrib.auth.models import AnonymousUser

from documents.models import Document
from documents.rules import keeps_documents, reads_document
from toolbox_site.models import Membership, Organization

from ..factories import make_organization, make_user
from .fixtures import make_document

# Who reads what: the documents below, by slug.
READS = {
    None: {"public"},
    "enschede.viewer": {"public", "members"},
    "enschede.editor": {"public", "members"},
    "hengelo.editor": {"public", "members"},
    "menzis.adviser": {"public", "members"},
    "twente.coordinator": {"public", "members", "draft", "public-draft"},
    "achterhoek.coordinator": {"public", "elsewhere", "elsewhere-draft"},
    "winterswijk.viewer": {"public", "elsewhere"},
}


@pytest.fixture
def library(cast, twente, elsewhere):
    make_document(twente, "public", audiences=["residents", "municipality"])
    make_document(twente, "members", audiences=["municipality", "care_office"])
    make_document(twente, "draft", published=False)
    make_document(twente, "public-draft", published=False, audiences=["residents"])
    make_document(elsewhere.region, "elsewhere")
    make_document(elsewhere.region, "elsewhere-draft", published=False)
    team = make_organization(elsewhere.region, "Regioteam Achterhoek", kind="region_team")
    return {
        **cast,
        None: AnonymousUser(),
        "achterhoek.coordinator": make_user(
            "achterhoek.coordinator", team, Membership.Role.COORDINATOR
        ),
        "winterswijk.viewer": make_user(
            "winterswijk.viewer",
            Organization.objects.get(slug="winterswijk"),
            Membership.Role.VIEWER,
        ),
    }


@pytest.mark.parametrize("who", list(READS), ids=lambda who: who or "anonymous")
def test_the_queryset_and_the_rules_agree_on_who_reads_what(library, who):
    user = library[who]
    listed = set(Document.objects.for_user(user).values_list("slug", flat=True))
    assert listed == READS[who]
    by_rules = {
        document.slug
        for document in Document.objects.prefetch_related("audiences")
        if reads_document(user, document)
    }
    assert by_rules == READS[who]


@pytest.mark.parametrize("who", list(READS), ids=lambda who: who or "anonymous")
def test_only_the_regions_coordinators_keep_its_documents(library, who):
    user = library[who]
    kept = {document.slug for document in Document.objects.all() if keeps_documents(user, document)}
    assert kept == set(Document.objects.managed_by(user).values_list("slug", flat=True))
    if who == "twente.coordinator":
        assert kept == {"public", "members", "draft", "public-draft"}
    elif who == "achterhoek.coordinator":
        assert kept == {"elsewhere", "elsewhere-draft"}
    else:
        assert kept == set()


def test_the_queryset_lists_a_document_once_whatever_its_audiences(library, coordinator):
    slugs = list(Document.objects.for_user(coordinator).values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs))
