"""The list, one document, and its downloads: who sees what, and how files are served."""

import pytest
from django.urls import reverse

from .fixtures import LINK, MEMBERS, PUBLIC, TWO_VERSIONS, UNPUBLISHED, make_document, upload


def fetch(client, url):
    """GET ``url``; a file's response is read to its end, which closes it (and its file
    handle). Not ``response.close()``: outside the test client's wrapper that signals
    the end of a request, which closes the database connection."""
    response = client.get(url)
    if response.streaming:
        response.content_bytes = b"".join(response.streaming_content)
    return response


def slugs_listed(response):
    return {document.slug for document in response.context["page"]["documents"]}


def test_an_anonymous_visitor_sees_only_the_published_documents_for_residents(
    client, documents_demo
):
    response = client.get(reverse("documents:index"))
    assert slugs_listed(response) == {PUBLIC, LINK}
    assert client.get(reverse("documents:detail", args=[PUBLIC])).status_code == 200
    assert client.get(reverse("documents:detail", args=[MEMBERS])).status_code == 404


def test_a_member_of_the_region_sees_every_published_document(client, documents_demo, cast):
    client.force_login(cast["enschede.viewer"])
    listed = slugs_listed(client.get(reverse("documents:index")))
    assert listed == set(documents_demo) - {UNPUBLISHED}
    assert client.get(reverse("documents:detail", args=[UNPUBLISHED])).status_code == 404
    assert fetch(client, reverse("documents:download", args=[UNPUBLISHED])).status_code == 404


def test_the_coordinator_also_sees_and_downloads_what_is_not_published(
    client, documents_demo, coordinator
):
    client.force_login(coordinator)
    response = client.get(reverse("documents:index"))
    assert slugs_listed(response) == set(documents_demo)
    assert "niet gepubliceerd" in response.content.decode()
    assert fetch(client, reverse("documents:download", args=[UNPUBLISHED])).status_code == 200


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("pijler=awareness", {PUBLIC, LINK}),
        ("voor=care_office", {TWO_VERSIONS, MEMBERS}),
        ("pijler=quality&voor=client_supporters", {"sjabloon-lokale-afspraken"}),
        ("voor=residents", {PUBLIC, LINK}),
    ],
)
def test_the_list_filters_by_pillar_and_audience(client, documents_demo, cast, query, expected):
    client.force_login(cast["enschede.editor"])
    response = client.get(f"{reverse('documents:index')}?{query}")
    assert slugs_listed(response) == expected


def test_an_unknown_filter_value_is_explained_and_shows_everything(client, documents_demo):
    response = client.get(reverse("documents:index") + "?pijler=geen&voor=%00x")
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert slugs_listed(response) == {PUBLIC, LINK}
        assert "invalid-feedback" in response.content.decode()


def test_the_file_is_served_as_an_attachment_with_its_stored_type(client, documents_demo):
    response = fetch(client, reverse("documents:download", args=[PUBLIC]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f'filename="{PUBLIC}.pdf"' in disposition
    assert response.content_bytes.startswith(b"%PDF")


def test_an_older_version_stays_downloadable_from_the_history(client, documents_demo, cast):
    client.force_login(cast["hengelo.editor"])
    page = client.get(reverse("documents:detail", args=[TWO_VERSIONS])).content.decode()
    first = reverse("documents:version", args=[TWO_VERSIONS, 1])
    assert first in page
    assert reverse("documents:version", args=[TWO_VERSIONS, 2]) in page
    assert fetch(client, first).status_code == 200
    assert fetch(client, reverse("documents:version", args=[TWO_VERSIONS, 3])).status_code == 404


def test_a_link_has_no_file_to_download(client, documents_demo):
    assert fetch(client, reverse("documents:download", args=[LINK])).status_code == 404
    page = client.get(reverse("documents:detail", args=[LINK])).content.decode()
    assert "https://www.rijksoverheid.nl/onderwerpen/clientondersteuning" in page


def test_a_file_name_from_the_upload_never_reaches_the_header_unsafely(client, twente, coordinator):
    document = make_document(twente, "raar", audiences=["residents"])
    document.files.update(original_name='"; evil\r\nX-Bad: 1 ../../etc/passwd.pdf')
    response = fetch(client, reverse("documents:download", args=["raar"]))
    assert response.status_code == 200
    assert "\n" not in response["Content-Disposition"]
    assert "X-Bad" not in response
    assert ".." not in response["Content-Disposition"]


def test_the_storage_is_never_served_by_a_url_of_its_own(client, twente):
    document = make_document(twente, "openbaar", audiences=["residents"])
    name = document.files.get().file.name
    for prefix in ("/media/", "/media/documents/"):
        assert client.get(prefix + name).status_code == 404


def test_the_detail_page_shows_dates_in_amsterdam_and_sizes(client, documents_demo, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("documents:detail", args=[TWO_VERSIONS])).content.decode()
    assert "Geschiedenis" in page
    assert "KB" in page


def test_the_kept_parts_of_a_document_follow_its_changes(client, twente, coordinator):
    document = make_document(twente, "notulen")
    client.force_login(coordinator)
    url = reverse("documents:detail", args=["notulen"])
    second = reverse("documents:version", args=["notulen", 2])
    assert second not in client.get(url).content.decode()
    client.post(
        reverse("documents:replace", args=["notulen"]),
        {"file": upload("notulen.xlsx"), "version": document.version},
    )
    page = client.get(url).content.decode()
    assert second in page
    assert "XLSX" in page
    listed = client.get(reverse("documents:index")).content.decode()
    assert "XLSX" in listed
