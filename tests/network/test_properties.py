"""Arbitrary input to every network form and the import: never a server error,
never a partial write."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from network.importing import COLUMNS
from network.models import Link, Provider, Service, StepProgress

from .once import on_the_module_network

# Every test works on the cast's network: built once for the module (tests/network/once.py),
# by one test process.
pytestmark = on_the_module_network(__name__)

values = st.one_of(
    st.text(max_size=60),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["", "0", "1", "-1", "\x00", "formal", "done", "refers_to", "x" * 6000]),
    st.lists(st.integers(min_value=-5, max_value=10**6).map(str), max_size=3),
)


def form_data(fields):
    return st.fixed_dictionaries({}, optional=dict.fromkeys(fields, values))


def state():
    return (
        sorted(
            Service.objects.values_list(
                "pk", "name", "version", "archived", "verified_on", "waiting_weeks"
            )
        ),
        sorted(Link.objects.values_list("pk", "kind", "note", "version")),
        sorted(StepProgress.objects.values_list("pk", "status", "note", "version")),
        Provider.objects.count(),
        Service.municipalities.through.objects.count(),
    )


def assert_whole_or_nothing(client, url, data):
    before = state()
    response = client.post(url, data)
    assert response.status_code < 500
    if response.status_code not in (301, 302):
        assert state() == before
    return response


SERVICE_FIELDS = [
    "name",
    "role",
    "provider",
    "new_provider",
    "description",
    "municipalities",
    "life_domains",
    "target_groups",
    "laws",
    "formality",
    "independent",
    "free",
    "languages",
    "phone",
    "email",
    "website",
    "visiting_address",
    "postal_code",
    "city",
    "opening_hours",
    "minimum_age",
    "maximum_age",
    "accepts_new_clients",
    "waiting_weeks",
    "version",
    "based_on",
]


@pytest.fixture
def editor(client, network, enschede_editor):
    client.force_login(enschede_editor)
    return client


@given(data=form_data(SERVICE_FIELDS))
def test_the_service_form_survives_anything(editor, data):
    assert_whole_or_nothing(
        editor, reverse("network:service_create", kwargs={"slug": "enschede"}), data
    )


@given(data=form_data(SERVICE_FIELDS))
def test_the_service_edit_form_survives_anything(editor, network, data):
    url = reverse("network:service_edit", kwargs={"pk": network["enschede"]["oco"].pk})
    assert_whole_or_nothing(editor, url, data)


@given(data=form_data(["from_service", "to_service", "kind", "note", "version"]))
def test_the_link_forms_survive_anything(editor, network, data):
    assert_whole_or_nothing(
        editor, reverse("network:link_create", kwargs={"slug": "enschede"}), data
    )
    link = Link.objects.filter(municipality__slug="enschede").first()
    assert_whole_or_nothing(editor, reverse("network:link_edit", kwargs={"pk": link.pk}), data)


@given(data=form_data(["status", "date", "note", "version"]))
def test_the_step_progress_form_survives_anything(editor, data):
    url = reverse("network:step_progress_edit", kwargs={"slug": "enschede", "number": 3})
    assert_whole_or_nothing(editor, url, data)


@given(data=form_data(["version", "based_on"]))
def test_archive_and_checked_today_survive_anything(editor, network, data):
    pk = network["enschede"]["oco"].pk
    for name in ("service_verify", "service_archive", "service_unarchive"):
        assert_whole_or_nothing(editor, reverse(f"network:{name}", kwargs={"pk": pk}), data)


cells = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "ja", "nee", "formeel", "wijkteam", "enschede", "2026-01-01", "\x00"]),
)


@given(
    header=st.lists(st.sampled_from([*COLUMNS, "kleur", ""]), max_size=len(COLUMNS) + 2),
    rows=st.lists(st.lists(cells, min_size=0, max_size=len(COLUMNS) + 1), max_size=4),
    separator=st.sampled_from([",", ";", "\t"]),
    raw=st.binary(max_size=200),
    use_raw=st.booleans(),
)
def test_the_import_survives_any_file(editor, header, rows, separator, raw, use_raw):
    text = "\n".join(separator.join(row) for row in [header, *rows])
    content = raw if use_raw else text.encode("utf-8")
    url = reverse("network:import", kwargs={"slug": "enschede"})
    before = state()
    response = editor.post(url, {"file": SimpleUploadedFile("d.csv", content)})
    assert response.status_code < 500
    assert state() == before  # the upload itself never changes services
    if response.status_code == 302:
        confirm = editor.post(response["Location"], {"confirm": "1"})
        assert confirm.status_code < 500
