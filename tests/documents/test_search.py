"""The site search finds documents by title and summary, only those the visitor may
read (search/registry.py, documents/search.py)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def found(client, text):
    page = client.get(reverse("search:results"), {"q": text})
    assert page.status_code == 200
    return {
        hit.url for kind in page.context["kinds"] if kind.label == "Documenten" for hit in kind.hits
    }


def test_a_resident_finds_the_public_folder(client, documents_demo):
    urls = found(client, "folder")
    assert reverse("documents:detail", args=["folder-gratis-hulp-clientondersteuner"]) in urls
    # A document for municipalities only is not public.
    assert reverse("documents:detail", args=["handleiding-monitoring"]) not in found(
        client, "monitoring"
    )


def test_an_unpublished_document_is_found_only_by_who_keeps_it(client, cast, documents_demo):
    url = reverse("documents:detail", args=["businesscase-integrale-clientondersteuning"])
    client.force_login(cast["enschede.editor"])
    assert url not in found(client, "businesscase")
    client.force_login(cast["twente.coordinator"])
    assert url in found(client, "businesscase")
