import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from network.importing import COLUMNS
from network.models import Service, ServiceImport
from toolbox_site.models import AuditEvent

from .once import on_the_module_network

# Every test works on the cast's network: built once for the module (tests/network/once.py),
# by one test process.
pytestmark = on_the_module_network(__name__)


@pytest.fixture
def editor_client(client, network, enschede_editor):
    client.force_login(enschede_editor)
    return client


def export(client, file_format="csv"):
    response = client.get(
        reverse("network:export", kwargs={"slug": "enschede", "file_format": file_format})
    )
    assert response.status_code == 200
    return response.content


def upload(client, content, name="diensten.csv"):
    return client.post(
        reverse("network:import", kwargs={"slug": "enschede"}),
        {"file": SimpleUploadedFile(name, content)},
    )


def rows_of(content):
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def to_csv(rows, columns=COLUMNS):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def snapshot():
    return sorted(
        Service.objects.values_list("name", "version", "archived", "phone", "verified_on")
    )


def test_the_export_has_every_service_the_organization_maintains(editor_client, enschede):
    rows = rows_of(export(editor_client))
    assert len(rows) == Service.objects.filter(owning_organization=enschede).count()
    assert list(rows[0]) == COLUMNS


def test_the_excel_export_opens_in_openpyxl(editor_client):
    book = openpyxl.load_workbook(io.BytesIO(export(editor_client, "xlsx")))
    header = [cell.value for cell in next(book.active.iter_rows(max_row=1))]
    assert header == COLUMNS


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_reimporting_an_unchanged_export_changes_nothing(editor_client, file_format):
    before = snapshot()
    response = upload(editor_client, export(editor_client, file_format), f"d.{file_format}")
    assert response.status_code == 302
    pending = ServiceImport.objects.get()
    assert pending.summary["unchanged"] == len(pending.rows)
    assert editor_client.post(response["Location"], {"confirm": "1"}).status_code == 302
    assert snapshot() == before


def test_the_preview_shows_what_will_change_and_nothing_is_written_before_confirming(
    editor_client,
):
    rows = [row for row in rows_of(export(editor_client)) if row["gearchiveerd"] == "nee"]
    rows[0]["telefoon"] = "053 099 9999"
    rows[1]["gearchiveerd"] = "ja"
    new = dict(rows[2], id="", naam="Nieuw via import")
    before = snapshot()
    response = upload(editor_client, to_csv([*rows, new]))
    assert response.status_code == 302
    assert snapshot() == before
    preview = editor_client.get(response["Location"])
    assert preview.context["pending"].summary == {
        "created": 1,
        "changed": 1,
        "archived": 1,
        "unchanged": len(rows) - 2,
    }
    content = preview.content.decode()
    assert "Nieuw via import" in content and "telefoon" in content
    editor_client.post(response["Location"], {"confirm": "1"})
    assert Service.objects.get(name=rows[0]["naam"]).phone == "053 099 9999"
    assert Service.objects.get(name=rows[1]["naam"]).archived
    assert Service.objects.filter(name="Nieuw via import").exists()
    assert AuditEvent.objects.filter(action="network.import.applied").exists()


def test_every_bad_row_is_reported_with_row_column_and_reason(editor_client):
    rows = rows_of(export(editor_client))
    rows[0]["rol"] = "tovenaar"
    rows[2]["email"] = "geen-adres"
    rows[3]["gemeenten"] = "atlantis"
    before = snapshot()
    response = upload(editor_client, to_csv(rows))
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert any("Rij 2, kolom rol" in error for error in errors)
    assert any("Rij 4, kolom email" in error for error in errors)
    assert any("Rij 5, kolom gemeenten" in error and "atlantis" in error for error in errors)
    assert snapshot() == before
    assert not ServiceImport.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "leeg"),
        (b"naam;rol\nx;y\n", "ontbreken"),
        ("id,naam\n1,Café\n".encode("latin-1"), "UTF-8"),
        (b"PK\x03\x04 kapot", "niet te lezen als XLSX"),
    ],
)
def test_a_wrong_file_gets_a_clear_dutch_message(editor_client, content, message):
    response = upload(editor_client, content)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])


def test_a_wrong_encoding_is_named(editor_client):
    content = export(editor_client).decode("utf-8-sig").encode("cp1252", errors="replace")
    content = content.replace(b"Enschede", "Enschedé".encode("cp1252"), 1)
    response = upload(editor_client, content)
    assert "UTF-8" in " ".join(response.context["form"].errors["file"])


def test_an_unknown_column_is_named(editor_client):
    rows = rows_of(export(editor_client))
    for row in rows:
        row["kleur"] = "blauw"
    response = upload(editor_client, to_csv(rows, [*COLUMNS, "kleur"]))
    assert "kleur" in " ".join(response.context["form"].errors["file"])


def test_a_twenty_megabyte_file_is_refused(editor_client):
    response = upload(editor_client, b"a" * (20 * 1024 * 1024))
    assert response.status_code == 200
    assert "te groot" in " ".join(response.context["form"].errors["file"])


def test_an_import_that_meets_a_later_change_writes_nothing(editor_client, network):
    rows = rows_of(export(editor_client))
    rows[0]["telefoon"] = "053 099 9999"
    rows[1]["telefoon"] = "053 088 8888"
    response = upload(editor_client, to_csv(rows))
    service = Service.objects.get(name=rows[1]["naam"])
    service.version += 1
    service.save()
    before = snapshot()
    confirm = editor_client.post(response["Location"], {"confirm": "1"})
    assert confirm.status_code == 200
    assert "Er is niets geïmporteerd" in confirm.content.decode()
    assert snapshot() == before


def test_an_import_can_be_cancelled(editor_client):
    response = upload(editor_client, export(editor_client))
    editor_client.post(response["Location"], {"cancel": "1"})
    assert ServiceImport.objects.get().status == ServiceImport.Status.CANCELLED
    again = editor_client.get(response["Location"], follow=True)
    assert "Deze import is geannuleerd" in again.content.decode()


def test_the_viewer_may_export_but_not_import(client, network, enschede_viewer):
    client.force_login(enschede_viewer)
    assert export(client)
    assert upload(client, b"x").status_code == 403


def test_the_ages_a_service_is_for_go_out_and_come_back(editor_client, network):
    from network.importing import OPTIONAL_COLUMNS

    service = network["enschede"]["oco"]
    Service.objects.filter(pk=service.pk).update(minimum_age=18)
    rows = rows_of(export(editor_client))
    row = next(row for row in rows if row["id"] == str(service.uuid))
    assert (row["leeftijd_vanaf"], row["leeftijd_tot"]) == ("18", "")
    row.update(leeftijd_vanaf="65", leeftijd_tot="23")
    response = upload(editor_client, to_csv(rows))
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert any("kolom leeftijd_tot" in error and "minimumleeftijd" in error for error in errors)
    row.update(leeftijd_vanaf="", leeftijd_tot="23")
    response = upload(editor_client, to_csv(rows))
    assert response.status_code == 302
    assert editor_client.post(response["Location"], {"confirm": "1"}).status_code == 302
    service.refresh_from_db()
    assert (service.minimum_age, service.maximum_age) == (None, 23)
    # An older file without the optional columns leaves the ages as they are.
    old_columns = [column for column in COLUMNS if column not in OPTIONAL_COLUMNS]
    rows = [{c: r[c] for c in old_columns} for r in rows_of(export(editor_client))]
    response = upload(editor_client, to_csv(rows, columns=old_columns))
    assert response.status_code == 302
    assert editor_client.post(response["Location"], {"confirm": "1"}).status_code == 302
    service.refresh_from_db()
    assert (service.minimum_age, service.maximum_age) == (None, 23)
