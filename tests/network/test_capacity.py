"""Room for new clients: the three-month rule (network/capacity.py), the service form
and its write (network/services.py), the service page, the import and the open data."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from network import services
from network.capacity import VALID_FOR_DAYS, State, capacity_of
from network.forms import ServiceForm
from network.models import Service
from toolbox_site import freshness
from toolbox_site.models import AuditEvent

from .hsds_validation import assert_valid
from .once import on_the_module_network
from .test_services import service_data

pytestmark = on_the_module_network(__name__)

TODAY = datetime.date(2026, 6, 30)


def stated(accepts, weeks=None, days_ago=0):
    return Service(
        accepts_new_clients=accepts,
        waiting_weeks=weeks,
        capacity_stated_on=TODAY - datetime.timedelta(days=days_ago) if accepts else None,
    )


@pytest.mark.parametrize(
    ("service", "state", "weeks"),
    [
        (stated("yes"), State.YES, None),
        (stated("waiting_list", 3, days_ago=30), State.WAITING, 3),
        (stated("not_now", days_ago=VALID_FOR_DAYS), State.NOT_NOW, None),
        (stated("yes", days_ago=VALID_FOR_DAYS + 1), State.UNKNOWN, None),
        (stated(""), State.UNKNOWN, None),
        (Service(accepts_new_clients="yes"), State.UNKNOWN, None),  # never dated
    ],
)
def test_a_statement_holds_for_three_months(service, state, weeks):
    capacity = service.capacity(TODAY)
    assert capacity.state == state
    assert capacity.weeks == weeks


def test_room_ranks_before_a_waiting_list_before_unknown_before_not_now():
    order = [
        stated("yes"),
        stated("waiting_list", 1),
        stated("waiting_list", 8),
        stated("waiting_list"),
        stated(""),
        stated("not_now"),
    ]
    ranks = [capacity_of(service, TODAY).rank() for service in order]
    assert ranks == sorted(ranks)
    assert len(set(ranks)) == len(ranks)


def edit_data(service, **overrides):
    data = service_data(service, name=service.name, new_provider="", provider=service.provider_id)
    data.update(overrides)
    return data


def test_the_editor_states_room_and_the_audit_shows_it(client, network, enschede_editor):
    service = network["enschede"]["oco"]
    client.force_login(enschede_editor)
    url = reverse("network:service_edit", kwargs={"pk": service.pk})
    data = edit_data(service, accepts_new_clients="waiting_list", waiting_weeks="3")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    service.refresh_from_db()
    assert (service.accepts_new_clients, service.waiting_weeks) == ("waiting_list", 3)
    assert service.capacity_stated_on == timezone.localdate()
    event = AuditEvent.objects.get(action="network.service.changed")
    assert event.data["changes"]["accepts_new_clients"] == str({"old": "", "new": "waiting_list"})
    assert "waiting_weeks" in event.data["changes"]
    assert event.data["capacity_stated_on"] == timezone.localdate().isoformat()
    page = client.get(service.get_absolute_url()).content.decode()
    assert "Plek voor nieuwe cliënten" in page
    assert "meestal ongeveer 3 weken wachten" in page


def test_an_unchanged_statement_keeps_its_date(network, enschede_editor, enschede):
    service = network["enschede"]["oco"]
    Service.objects.filter(pk=service.pk).update(
        accepts_new_clients="yes", capacity_stated_on=datetime.date(2026, 1, 1)
    )
    service.refresh_from_db()
    form = ServiceForm(
        edit_data(service, accepts_new_clients="yes", name="Nieuwe naam"),
        organization=enschede,
        instance=service,
    )
    assert form.is_valid(), form.errors
    services.update_service(form, enschede_editor)
    service.refresh_from_db()
    assert service.capacity_stated_on == datetime.date(2026, 1, 1)


@pytest.mark.parametrize("weeks", ["105", "-1", "drie", "1.5"])
def test_bad_weeks_get_an_error_next_to_the_field(client, network, enschede_editor, weeks):
    service = network["enschede"]["oco"]
    client.force_login(enschede_editor)
    url = reverse("network:service_edit", kwargs={"pk": service.pk})
    response = client.post(url, edit_data(service, waiting_weeks=weeks, name="Niet bewaard"))
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["waiting_weeks"]
    page = response.content.decode()
    assert 'href="#id_waiting_weeks"' in page  # the error summary links to the field
    assert "Niet bewaard" in page  # what was typed is kept
    service.refresh_from_db()
    assert service.name != "Niet bewaard"
    assert service.waiting_weeks is None


def test_a_conflict_keeps_the_capacity_the_editor_typed(client, network, enschede_editor):
    service = network["enschede"]["oco"]
    client.force_login(enschede_editor)
    url = reverse("network:service_edit", kwargs={"pk": service.pk})
    data = edit_data(service, accepts_new_clients="not_now")
    Service.objects.filter(pk=service.pk).update(version=service.version + 1)  # a colleague
    response = client.post(url, data)
    assert response.status_code == 200
    assert "intussen gewijzigd" in response.content.decode()
    assert response.context["form"].data["accepts_new_clients"] == "not_now"
    service.refresh_from_db()
    assert service.accepts_new_clients == ""
    assert not AuditEvent.objects.filter(action="network.service.changed").exists()


def test_checked_today_confirms_a_stated_capacity(network, enschede_editor):
    service = network["enschede"]["oco"]
    old = timezone.localdate() - datetime.timedelta(days=200)
    Service.objects.filter(pk=service.pk).update(
        accepts_new_clients="waiting_list", waiting_weeks=4, capacity_stated_on=old
    )
    service.refresh_from_db()
    assert not service.capacity().known
    checked = services.verify_service(service, enschede_editor, service.version)
    assert checked.capacity().state == State.WAITING
    event = AuditEvent.objects.get(action="network.service.verified")
    assert event.data == {"capacity_confirmed": "waiting_list"}


def test_checked_today_states_nothing_when_nothing_was_stated(network, enschede_editor):
    service = network["enschede"]["huisarts"]
    checked = services.verify_service(service, enschede_editor, service.version)
    assert checked.capacity_stated_on is None


capacity_values = st.one_of(
    st.text(max_size=20),
    st.integers(min_value=-(2**40), max_value=2**40).map(str),
    st.sampled_from(["", "yes", "waiting_list", "not_now", "104", "105", "0", "\x00"]),
)


@given(accepts=capacity_values, weeks=capacity_values)
def test_the_capacity_fields_survive_anything(client, network, enschede_editor, accepts, weeks):
    service = Service.objects.get(pk=network["enschede"]["oco"].pk)
    client.force_login(enschede_editor)
    url = reverse("network:service_edit", kwargs={"pk": service.pk})
    before = Service.objects.values_list("version", "accepts_new_clients", "waiting_weeks").get(
        pk=service.pk
    )
    response = client.post(
        url, edit_data(service, accepts_new_clients=accepts, waiting_weeks=weeks)
    )
    assert response.status_code < 500
    after = Service.objects.values_list("version", "accepts_new_clients", "waiting_weeks").get(
        pk=service.pk
    )
    if response.status_code != 302:
        assert after == before
    else:
        assert after[1] in ("", "yes", "waiting_list", "not_now")
        assert after[2] is None or 0 <= after[2] <= 104


def test_the_open_data_publishes_a_valid_statement_and_hides_an_old_one(client, finder_network):
    service = Service.objects.get(name="Onafhankelijke cliëntondersteuning Enschede")
    Service.objects.filter(pk=service.pk).update(
        accepts_new_clients="waiting_list", waiting_weeks=3, capacity_stated_on=timezone.localdate()
    )
    document = client.get(f"/api/hsds/services/{service.uuid}").json()
    assert_valid(document, "service.json")
    [capacity] = document["service_capacity"]
    assert {"id", "unit", "available", "updated"} <= set(capacity)  # HSDS 3.1's required
    assert capacity["available"] == 0
    assert capacity["status"] == "waiting"
    assert capacity["waiting_weeks"] == 3
    assert capacity["unit"]["scheme"] == "toolbox-capacity"
    Service.objects.filter(pk=service.pk).update(
        capacity_stated_on=timezone.localdate() - datetime.timedelta(days=VALID_FOR_DAYS + 1)
    )
    freshness.changed("network")  # update() sends no signals
    document = client.get(f"/api/hsds/services/{service.uuid}").json()
    assert_valid(document, "service.json")
    assert document["service_capacity"] == []


def test_the_import_states_room_and_refuses_a_wrong_word(client, network, enschede_editor):
    from network.importing import COLUMNS, OPTIONAL_COLUMNS

    from .test_import_export import export, rows_of, to_csv, upload

    client.force_login(enschede_editor)
    service = network["enschede"]["oco"]
    rows = rows_of(export(client))
    row = next(row for row in rows if row["id"] == str(service.uuid))
    row.update(plek="misschien")
    response = upload(client, to_csv(rows))
    assert response.status_code == 200
    assert any("kolom plek" in error for error in response.context["form"].errors["file"])
    row.update(plek="wachtlijst", wachttijd_weken="5")
    response = upload(client, to_csv(rows))
    assert response.status_code == 302
    assert client.post(response["Location"], {"confirm": "1"}).status_code == 302
    service.refresh_from_db()
    assert (service.accepts_new_clients, service.waiting_weeks) == ("waiting_list", 5)
    assert service.capacity_stated_on == timezone.localdate()
    # An older file without the two columns leaves them as they are.
    old_columns = [column for column in COLUMNS if column not in OPTIONAL_COLUMNS]
    rows = [{c: r[c] for c in old_columns} for r in rows_of(export(client))]
    response = upload(client, to_csv(rows, columns=old_columns))
    assert response.status_code == 302
    assert client.post(response["Location"], {"confirm": "1"}).status_code == 302
    service.refresh_from_db()
    assert (service.accepts_new_clients, service.waiting_weeks) == ("waiting_list", 5)
