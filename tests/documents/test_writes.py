"""The coordinators' pages: a new document, its details, a new file, publishing.
Every write is version-checked and in the audit trail; bad input is explained at
its field and nothing is saved or lost."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from documents.models import Document, DocumentFile
from toolbox_site.models import AuditEvent

from .fixtures import make_document, sample, stored_names, upload


def new_document_data(twente, **fields):
    return {
        "title": "Werkafspraken wijkteams",
        "summary": "Hoe de wijkteams en de cliëntondersteuners samenwerken.",
        "pillar": "network",
        "audiences": ["municipality", "client_supporters"],
        "region": str(twente.pk),
        "external_url": "",
        "version": "0",
        **fields,
    }


def test_the_coordinator_adds_a_document_with_a_file_unpublished(client, coordinator, twente):
    client.force_login(coordinator)
    data = new_document_data(twente, file=upload("werkafspraken.docx"))
    response = client.post(reverse("documents:create"), data)
    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:detail", args=[document.slug])
    assert document.slug == "werkafspraken-wijkteams"
    assert not document.published
    assert document.audience_codes() == {"municipality", "client_supporters"}
    stored = document.files.get()
    assert stored.number == 1
    assert stored.original_name == "werkafspraken.docx"
    assert stored.file.name.endswith("/1.docx")
    with stored.file.open("rb") as handle:
        assert handle.read() == sample("docx")
    event = AuditEvent.objects.get(action="documents.document.created")
    assert event.organization.slug == "ggd-twente"


def test_a_document_with_a_link_needs_no_file(client, coordinator, twente):
    client.force_login(coordinator)
    data = new_document_data(twente, external_url="https://www.example.org/afspraken")
    assert client.post(reverse("documents:create"), data).status_code == 302
    assert Document.objects.get().is_link


@pytest.mark.parametrize(
    ("fields", "field", "says"),
    [
        ({}, "file", "Kies een bestand"),
        (
            {"external_url": "https://example.org/x", "file": "pdf"},
            "external_url",
            "niet allebei",
        ),
        ({"file": "txt"}, "file", "Alleen"),
        ({"file": "pdf-as-docx"}, "file", "eindigt op .docx"),
        ({"audiences": []}, "audiences", "verplicht"),
    ],
)
def test_bad_input_is_explained_at_its_field_and_nothing_is_saved(
    client, coordinator, twente, fields, field, says
):
    files = {
        "pdf": upload("a.pdf"),
        "txt": upload("a.txt", b"tekst"),
        "pdf-as-docx": upload("a.docx", sample("pdf")),
    }
    if "file" in fields:
        fields = {**fields, "file": files[fields["file"]]}
    client.force_login(coordinator)
    response = client.post(reverse("documents:create"), new_document_data(twente, **fields))
    assert response.status_code == 200
    form = response.context["form"]
    assert says in " ".join(form.errors[field])
    # What was typed is kept.
    assert 'value="Werkafspraken wijkteams"' in response.content.decode()
    assert "error-summary" in response.content.decode()
    assert not Document.objects.exists()
    assert stored_names() == []


@override_settings(DOCUMENT_MAX_BYTES=50)
def test_a_file_over_the_limit_is_refused(client, coordinator, twente):
    client.force_login(coordinator)
    data = new_document_data(twente, file=upload("a.pdf", sample("pdf") + b" " * 100))
    response = client.post(reverse("documents:create"), data)
    assert "te groot" in " ".join(response.context["form"].errors["file"])
    assert not Document.objects.exists()


def test_replacing_the_file_keeps_the_old_version(client, coordinator, twente):
    document = make_document(twente, "notulen")
    client.force_login(coordinator)
    url = reverse("documents:replace", args=["notulen"])
    response = client.post(url, {"file": upload("notulen-2.xlsx"), "version": document.version})
    assert response.status_code == 302
    versions = list(document.files.order_by("number"))
    assert [(v.number, v.extension) for v in versions] == [(1, "pdf"), (2, "xlsx")]
    with versions[0].file.open("rb") as handle:
        assert handle.read() == sample("pdf")
    assert AuditEvent.objects.filter(action="documents.document.file_replaced").count() == 1
    current = client.get(reverse("documents:download", args=["notulen"]))
    assert b"".join(current.streaming_content)  # read to the end: closes the file
    assert current["Content-Type"] == DocumentFile.objects.get(number=2).content_type


def test_two_coordinators_saving_at_once_never_overwrite_each_other(client, coordinator, twente):
    document = make_document(twente, "notulen")
    seen = document.version
    client.force_login(coordinator)
    url = reverse("documents:edit", args=["notulen"])
    first = {
        "title": "Notulen (eerste)",
        "summary": "Eerst.",
        "pillar": "quality",
        "audiences": ["municipality"],
        "region": str(twente.pk),
        "version": seen,
    }
    assert client.post(url, first).status_code == 302
    second = {**first, "title": "Notulen (tweede)", "summary": "Daarna getypt."}
    response = client.post(url, second)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Daarna getypt." in page  # the second person's input is kept
    assert response.context["form"].non_field_errors()
    document.refresh_from_db()
    assert document.title == "Notulen (eerste)"
    # Saving again is a deliberate choice, with the version the form now carries.
    again = {**second, "version": response.context["form"].data["version"]}
    assert client.post(url, again).status_code == 302
    document.refresh_from_db()
    assert document.title == "Notulen (tweede)"
    assert document.slug == "notulen"


def test_publishing_is_audited_and_listed_in_the_trail(client, coordinator, twente):
    document = make_document(twente, "notulen", published=False)
    client.force_login(coordinator)
    response = client.post(
        reverse("documents:publish", args=["notulen"]), {"version": document.version}
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.published and document.published_at
    trail = client.get(reverse("audit_trail"), {"actie": "documents.document.published"})
    assert "Notulen" in trail.content.decode()
    client.post(reverse("documents:unpublish", args=["notulen"]), {"version": document.version})
    document.refresh_from_db()
    assert not document.published
    assert AuditEvent.objects.filter(action="documents.document.unpublished").exists()


def test_a_stale_publish_changes_nothing_and_says_why(client, coordinator, twente):
    document = make_document(twente, "notulen", published=False)
    client.force_login(coordinator)
    url = reverse("documents:publish", args=["notulen"])
    response = client.post(url, {"version": document.version + 5}, follow=True)
    document.refresh_from_db()
    assert not document.published
    assert list(response.context["messages"])


# --- Any input: no server error, no partial write ------------------------------------------

texts = st.text(max_size=300)


@given(
    title=texts,
    summary=texts,
    pillar=st.sampled_from(["network", "quality", "awareness", "", "x"]),
    audiences=st.lists(st.sampled_from(["residents", "municipality", "x", ""]), max_size=3),
    url=st.sampled_from(["", "https://example.org/a", "javascript:alert(1)", "x" * 300]),
    content=st.binary(max_size=300) | st.sampled_from([sample("pdf"), sample("odt")]),
    name=st.sampled_from(["a.pdf", "a.odt", "a.docx", "a", "a.PDF", "../../a.pdf", ""]),
    version=st.sampled_from(["0", "1", "-1", "x", ""]),
)
def test_any_new_document_is_saved_whole_or_not_at_all(
    client, coordinator, twente, title, summary, pillar, audiences, url, content, name, version
):
    client.force_login(coordinator)
    before = Document.objects.count()
    data = {
        "title": title,
        "summary": summary,
        "pillar": pillar,
        "audiences": audiences,
        "region": str(twente.pk),
        "external_url": url,
        "version": version,
    }
    if name:
        data["file"] = SimpleUploadedFile(name, content)
    response = client.post(reverse("documents:create"), data)
    assert response.status_code in (200, 302, 400)
    created = Document.objects.count() - before
    if response.status_code == 302:
        document = Document.objects.order_by("-pk").first()
        assert created == 1
        assert document.is_link or document.files.count() == 1
        assert not (document.is_link and document.files.exists())
    else:
        assert created == 0
    assert DocumentFile.objects.count() == len(stored_names())


@given(
    content=st.binary(max_size=300) | st.sampled_from([sample("pdf"), sample("xlsx")]),
    name=st.sampled_from(["b.pdf", "b.xlsx", "b.odt", "b.txt", "b"]),
    version=st.sampled_from(["1", "2", "x", "", "99999999999"]),
)
def test_any_replacement_is_a_whole_new_version_or_nothing(
    client, coordinator, twente, content, name, version
):
    document = Document.objects.filter(slug="vervangen").first() or make_document(
        twente, "vervangen"
    )
    document.refresh_from_db()
    client.force_login(coordinator)
    before = document.files.count()
    response = client.post(
        reverse("documents:replace", args=["vervangen"]),
        {"file": SimpleUploadedFile(name, content), "version": version},
    )
    assert response.status_code in (200, 302, 400)
    after = document.files.count()
    assert after == before + (1 if response.status_code == 302 else 0)


@given(version=st.text(max_size=20), action=st.sampled_from(["publish", "unpublish"]))
def test_any_publish_request_is_answered_without_a_server_error(
    client, coordinator, twente, version, action
):
    document = Document.objects.filter(slug="publiceren").first() or make_document(
        twente, "publiceren", published=False
    )
    client.force_login(coordinator)
    response = client.post(
        reverse(f"documents:{action}", args=[document.slug]), {"version": version}
    )
    assert response.status_code in (302, 400)


@given(query=st.dictionaries(st.sampled_from(["pijler", "voor", "regio"]), st.text(max_size=30)))
def test_any_filter_is_answered_without_a_server_error(client, twente, query):
    response = client.get(reverse("documents:index"), query)
    assert response.status_code in (200, 400)


def test_two_new_documents_at_the_same_moment_keep_the_second_ones_input(
    client, coordinator, twente, monkeypatch
):
    from django.db import IntegrityError

    from documents import services

    def taken(form, user):
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(services, "create_document", taken)
    client.force_login(coordinator)
    data = new_document_data(twente, external_url="https://www.example.org/afspraken")
    response = client.post(reverse("documents:create"), data)
    assert response.status_code == 200
    assert "op hetzelfde moment" in response.content.decode()
    assert 'value="Werkafspraken wijkteams"' in response.content.decode()
