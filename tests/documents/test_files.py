"""An upload is checked by its content, not only by its name (documents/files.py)."""

import pytest
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from documents.files import KINDS, check_upload
from toolbox_site.uploads import UploadRefused

from .fixtures import sample, upload


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_is_accepted_by_its_content(kind):
    content = sample(kind)
    checked = check_upload(upload(f"bestand.{kind.upper()}", content))
    assert checked.extension == kind
    assert checked.content_type == KINDS[kind]
    assert checked.size == len(content)


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("notulen.txt", b"gewone tekst", "Alleen"),
        ("notulen", sample("pdf"), "Alleen"),
        ("notulen.pdf", b"gewone tekst, geen PDF", "inhoud"),
        ("notulen.docx", sample("pdf"), "eindigt op .docx"),
        ("notulen.pdf", sample("xlsx"), "eindigt op .pdf"),
        ("notulen.odt", sample("docx"), "eindigt op .odt"),
        ("notulen.xlsx", b"PK\x03\x04" + b"xl/" * 20, "inhoud"),
        ("notulen.exe", b"MZ\x90\x00", "Alleen"),
        ("notulen.pdf", b"", "leeg"),
    ],
    ids=[
        "text-named-txt",
        "no-extension",
        "text-named-pdf",
        "pdf-named-docx",
        "xlsx-named-pdf",
        "docx-named-odt",
        "broken-xlsx",
        "program",
        "empty",
    ],
)
def test_a_file_whose_content_is_not_what_its_name_says_is_refused(name, content, says):
    with pytest.raises(UploadRefused) as refused:
        check_upload(upload(name, content))
    assert says in refused.value.message


@override_settings(DOCUMENT_MAX_BYTES=100)
def test_a_file_over_the_size_limit_is_refused_with_both_sizes():
    with pytest.raises(UploadRefused) as refused:
        check_upload(upload("groot.pdf", sample("pdf") + b" " * 200))
    assert "te groot" in refused.value.message
    assert "100" in refused.value.message


@given(
    content=st.binary(max_size=600),
    extension=st.sampled_from(["pdf", "docx", "xlsx", "odt", "PDF", "txt", ""]),
)
def test_any_bytes_under_any_name_are_accepted_only_when_content_and_name_agree(content, extension):
    name = f"bestand.{extension}" if extension else "bestand"
    try:
        checked = check_upload(upload(name, content))
    except UploadRefused as refused:
        assert refused.message
        return
    assert checked.extension == extension.lower()
    assert content.startswith(b"%PDF") or content.startswith(b"PK")
