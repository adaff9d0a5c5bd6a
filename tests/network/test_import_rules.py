"""The import obeys the service form's rules row by row, says per row what was wrong
and what is allowed, lists the codes it accepts, and is applied at most once."""

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from network import importing
from network.models import Service, ServiceImport
from toolbox_site.validators import normalize_phone

from .once import on_the_module_network
from .test_import_export import export, rows_of, snapshot, to_csv, upload

# Every test works on the cast's network: built once for the module (tests/network/once.py),
# by one test process. Two confirmations at once need committed data:
# test_import_concurrency.py.
pytestmark = on_the_module_network(__name__)


@pytest.fixture
def editor_client(client, network, enschede_editor):
    client.force_login(enschede_editor)
    return client


def errors_of(response):
    assert response.status_code == 200
    return response.context["form"].errors["file"]


def new_row(editor_client, **values):
    row = dict(rows_of(export(editor_client))[0])
    row.update({"id": "", "naam": "Nieuwe dienst uit de import", "gearchiveerd": "nee", **values})
    return row


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("website", "http://www.example.nl", "https://"),
        ("website", "ftp://example.nl", "https://"),
        ("telefoon", "074-12ab34", "geldig telefoonnummer"),
        ("telefoon", "bel ons maar!!", "geldig telefoonnummer"),
        ("email", "geen adres", "e-mailadres"),
        ("laatst_gecontroleerd", "2999-01-01", "toekomst"),
        ("naam", "Dienst\x01", "stuurtekens"),
        ("beschrijving", "Tekst\x1bmet escape", "stuurtekens"),
    ],
)
def test_a_row_breaking_a_rule_of_the_service_form_is_refused(
    editor_client, column, value, message
):
    before = snapshot()
    response = upload(editor_client, to_csv([new_row(editor_client, **{column: value})]))
    errors = errors_of(response)
    assert len(errors) == 1
    assert errors[0].startswith(f"Rij 2, kolom {column}, waarde “")
    assert message in errors[0]
    assert not ServiceImport.objects.exists()
    assert snapshot() == before


def test_the_row_error_echoes_the_value_and_says_what_is_allowed(editor_client):
    rows = rows_of(export(editor_client))
    rows[0]["rol"] = "tovenaar"
    rows[1]["gemeenten"] = "enschede; atlantis"
    rows[2]["soort"] = "half"
    response = upload(editor_client, to_csv(rows))
    errors = errors_of(response)
    assert any(
        e.startswith("Rij 2, kolom rol, waarde “tovenaar”:") and "rolcodes" in e for e in errors
    )
    assert any(
        e.startswith("Rij 3, kolom gemeenten, waarde “enschede; atlantis”:")
        and "Onbekende code: atlantis" in e
        for e in errors
    )
    assert any(e.startswith("Rij 4, kolom soort, waarde “half”:") for e in errors)


def test_the_import_page_lists_the_codes_the_columns_accept(editor_client, enschede, hengelo):
    page = editor_client.get(reverse("network:import", kwargs={"slug": "enschede"}))
    content = page.content.decode()
    assert 'id="import-codes"' in content
    assert "<code>wijkteam</code>" in content
    assert f"<code>{enschede.slug}</code></td><td>{enschede.name}</td>" in content
    assert f"<code>{hengelo.slug}</code>" in content
    codes = page.context["codes"]
    assert set(codes) == {"rol", "gemeenten", "levensgebieden", "doelgroepen", "wetten"}


def test_phone_numbers_are_stored_normalized(editor_client):
    row = new_row(editor_client, telefoon="+31534811234", website="www.example.nl")
    response = upload(editor_client, to_csv([row]))
    assert response.status_code == 302
    assert editor_client.post(response["Location"], {"confirm": "1"}).status_code == 302
    service = Service.objects.get(name="Nieuwe dienst uit de import")
    assert service.phone == "053 481 1234"
    assert service.website == "https://www.example.nl"


def test_a_second_confirmation_applies_nothing_again(editor_client):
    response = upload(editor_client, to_csv([new_row(editor_client)]))
    confirm_url = response["Location"]
    first = editor_client.post(confirm_url, {"confirm": "1"})
    assert first.status_code == 302
    second = editor_client.post(confirm_url, {"confirm": "1"}, follow=True)
    assert "Deze import is al uitgevoerd" in second.content.decode()
    assert Service.objects.filter(name="Nieuwe dienst uit de import").count() == 1


def test_a_stale_page_confirming_an_applied_import_applies_nothing(editor_client, enschede_editor):
    """The view read the import as pending, but it was applied meanwhile: the locked
    read inside the transaction sees that."""
    upload(editor_client, to_csv([new_row(editor_client)]))
    pending = ServiceImport.objects.get()
    stale = ServiceImport.objects.get(pk=pending.pk)
    importing.confirm(pending, enschede_editor)
    with pytest.raises(importing.ImportNotPending):
        importing.confirm(stale, enschede_editor)
    assert Service.objects.filter(name="Nieuwe dienst uit de import").count() == 1


contact_values = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            "074-12ab34",
            "bel ons maar!!",
            "053 481 1234",
            "+44 20 7946 0958",
            "http://x.nl",
            "ftp://x.nl",
            "https://x.nl",
            "a@b.nl",
            "\x01",
        ]
    ),
)


@given(telefoon=contact_values, email=contact_values, website=contact_values)
def test_any_contact_values_in_a_row_give_errors_or_clean_values_never_a_500(
    editor_client, telefoon, email, website
):
    ServiceImport.objects.all().delete()
    before = snapshot()
    row = new_row(editor_client, telefoon=telefoon, email=email, website=website)
    response = upload(editor_client, to_csv([row]))
    assert response.status_code in (200, 302)
    assert snapshot() == before
    if response.status_code == 200:
        assert response.context["form"].errors["file"]
        assert not ServiceImport.objects.exists()
        return
    values = ServiceImport.objects.get().rows[0]["values"]
    assert values["telefoon"] == "" or normalize_phone(values["telefoon"]) == values["telefoon"]
    assert values["website"] == "" or values["website"].startswith("https://")
    assert editor_client.post(response["Location"], {"confirm": "1"}).status_code == 302


def test_a_check_date_of_today_is_accepted(editor_client):
    today = timezone.localdate().isoformat()
    response = upload(editor_client, to_csv([new_row(editor_client, laatst_gecontroleerd=today)]))
    assert response.status_code == 302
