"""The audit trail (/audit/): the coordinators of a region read its events, filtered
and paged; an object's page links to its own trail; every action has a label."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from criteria.models import LocalAgreement
from toolbox_site.audit import log_action
from toolbox_site.audit_trail import actions, object_key
from toolbox_site.models import AuditEvent, Membership, Organization

from ..factories import make_organization, make_user
from ..sources import PROJECT_APPS, python_files

pytestmark = pytest.mark.django_db
URL = reverse("audit_trail")


def at(event, when):
    AuditEvent.objects.filter(pk=event.pk).update(created_at=when)


@pytest.fixture
def events(cast, enschede, hengelo, elsewhere):
    editor = cast["enschede.editor"]
    return {
        "enschede": log_action(
            editor,
            enschede,
            "toolbox_site.organization.changed",
            {"changes": {"phone": {"old": "053 123", "new": "053 456"}}},
        ),
        "hengelo": log_action(cast["hengelo.editor"], hengelo, "toolbox_site.organization.changed"),
        "elsewhere": log_action(None, elsewhere, "toolbox_site.organization.changed"),
    }


def test_a_coordinator_reads_the_events_of_their_own_region(client, cast, events):
    client.force_login(cast["twente.coordinator"])
    page = client.get(URL)
    assert page.status_code == 200
    shown = [row["event"].pk for row in page.context["rows"]]
    assert events["enschede"].pk in shown and events["hengelo"].pk in shown
    assert events["elsewhere"].pk not in shown
    html = page.content.decode()
    assert "Organisatie gewijzigd" in html  # the label, not the code
    assert "Telefoonnummer" in html and "053 123 → 053 456" in html


@pytest.mark.parametrize("who", ["enschede.editor", "enschede.viewer", "menzis.adviser"])
def test_others_may_not_read_the_trail(client, cast, events, who):
    client.force_login(cast[who])
    assert client.get(URL).status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(client, events):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_superuser_also_sees_the_events_of_accounts(client, events):
    admin = get_user_model().objects.create_superuser("beheer", password="x" * 20)
    account = make_user("nieuw.account")
    event = log_action(admin, account, "toolbox_site.account.created")
    client.force_login(admin)
    shown = [row["event"].pk for row in client.get(URL).context["rows"]]
    assert event.pk in shown and events["elsewhere"].pk in shown


def test_filters_narrow_the_trail(client, cast, events, hengelo):
    client.force_login(cast["twente.coordinator"])

    def shown(query):
        page = client.get(URL, query)
        assert page.status_code == 200
        return {row["event"].pk for row in page.context["rows"]}

    assert shown({"organisatie": hengelo.pk}) == {events["hengelo"].pk}
    assert shown({"gebruiker": "ENSCHEDE.ed"}) == {events["enschede"].pk}
    editor = cast["hengelo.editor"]
    editor.first_name, editor.last_name = "Noor", "Bakker"
    editor.save()
    assert shown({"gebruiker": " bakker "}) == {events["hengelo"].pk}
    assert shown({"actie": "network.service.created"}) == set()
    assert events["enschede"].pk in shown({"actie": "toolbox_site.organization.changed"})


def test_the_days_are_amsterdam_days(client, cast, events):
    # 23:30 UTC on 4 December is 00:30 on 5 December in Amsterdam.
    at(events["enschede"], datetime.datetime(2026, 12, 4, 23, 30, tzinfo=datetime.UTC))
    client.force_login(cast["twente.coordinator"])
    day = {"van": "2026-12-05", "tot": "2026-12-05"}
    assert [row["event"].pk for row in client.get(URL, day).context["rows"]] == [
        events["enschede"].pk
    ]
    before = client.get(URL, {"van": "2026-12-04", "tot": "2026-12-04"})
    assert events["enschede"].pk not in [row["event"].pk for row in before.context["rows"]]
    assert "5 december 2026 00:30" in client.get(URL, day).content.decode()


def test_a_wrong_filter_is_explained_next_to_its_field(client, cast, events):
    client.force_login(cast["twente.coordinator"])
    page = client.get(URL, {"van": "2026-12-05", "tot": "2026-12-01", "organisatie": "999999"})
    html = page.content.decode()
    assert page.status_code == 200
    assert 'href="#id_tot"' in html and 'href="#id_organisatie"' in html
    assert "Kies een dag op of na de eerste dag." in html
    # The valid filters still apply.
    assert page.context["rows"]


def test_one_objects_own_trail(client, cast, events, enschede):
    client.force_login(cast["twente.coordinator"])
    page = client.get(URL, {"object": object_key(enschede)})
    assert [row["event"].pk for row in page.context["rows"]] == [events["enschede"].pk]
    assert "U ziet het logboek van één object: Enschede." in page.content.decode()
    unknown = client.get(URL, {"object": "bestaat.niet:1"})
    assert unknown.status_code == 200 and unknown.context["unknown_object"]


def test_object_pages_link_to_their_trail_for_coordinators_only(client, cast, events, enschede):
    address = reverse("organization_edit", kwargs={"slug": "enschede"})
    trail = f"{URL}?organisatie={enschede.pk}"
    client.force_login(cast["enschede.editor"])
    assert trail not in client.get(address).content.decode()
    client.force_login(cast["twente.coordinator"])
    assert trail in client.get(address).content.decode()
    assert URL in client.get(reverse("account")).content.decode()


def test_the_trail_is_paged(client, cast, enschede):
    for _ in range(120):
        log_action(cast["enschede.editor"], enschede, "toolbox_site.organization.changed")
    client.force_login(cast["twente.coordinator"])
    first = client.get(URL)
    assert len(first.context["rows"]) == 25 and first.context["page_obj"].paginator.num_pages == 5
    assert client.get(URL, {"pagina": "5"}).context["page_obj"].number == 5
    assert client.get(URL, {"pagina": "abc"}).context["page_obj"].number == 1
    assert client.get(URL, {"pagina": "99999999999999999999"}).context["page_obj"].number == 5


def test_every_action_the_code_logs_has_a_label():
    """Codes in the sources: ``log_action(..., "app.object.verb")`` and the
    monitoring transitions' ``action=``; dotted module paths are not actions."""
    found = set()
    pattern = re.compile(rf'"((?:{"|".join(PROJECT_APPS)})\.[a-z_]+\.[a-z_]+)"')
    for app in PROJECT_APPS:
        for path in python_files(app):
            text = path.read_text()
            if "log_action" not in text and "action=" not in text:
                continue
            found |= set(pattern.findall(text))
    modules = {code for code in found if Path(settings.BASE_DIR, *code.split(".")[:2]).exists()}
    modules |= {
        code
        for code in found
        if Path(settings.BASE_DIR, *code.split(".")[:2]).with_suffix(".py").exists()
    }
    labelled = set(actions())
    assert found - modules <= labelled, sorted(found - modules - labelled)
    assert labelled <= found - modules, sorted(labelled - found)


@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=st.dictionaries(
        st.sampled_from(["organisatie", "actie", "gebruiker", "van", "tot", "object", "pagina"]),
        st.text(max_size=40) | st.integers().map(str) | st.dates().map(str),
    )
)
def test_any_query_string_is_answered_without_a_server_error(client, cast, events, query):
    client.force_login(cast["twente.coordinator"])
    query = {key: value.replace("\x00", "") for key, value in query.items()}
    assert client.get(URL, query).status_code == 200


def test_the_rows_are_kept_until_an_event_is_added_or_a_name_changes(
    client, cast, events, enschede, django_assert_num_queries
):
    """The second request reads no rows; a new event, and a renamed account, show at the
    next request."""
    client.force_login(cast["twente.coordinator"])
    client.get(URL)
    with django_assert_num_queries(4):  # session, organizations, count, versions
        assert "053 123 → 053 456" in client.get(URL).content.decode()
    log_action(
        cast["hengelo.editor"],
        enschede,
        "toolbox_site.organization.changed",
        {"changes": {"phone": {"old": "053 456", "new": "053 789"}}},
    )
    assert "053 456 → 053 789" in client.get(URL).content.decode()
    editor = cast["enschede.editor"]
    editor.first_name, editor.last_name = "Anna", "Nieuwenhuis"
    editor.save()
    assert "Anna Nieuwenhuis" in client.get(URL).content.decode()


def test_a_kept_page_is_never_shown_to_another_regions_coordinator(client, cast, events, elsewhere):
    client.force_login(cast["twente.coordinator"])
    assert "053 123 → 053 456" in client.get(URL).content.decode()
    team = make_organization(
        elsewhere.region, "Regioteam Achterhoek", kind=Organization.Kind.REGION_TEAM
    )
    client.force_login(make_user("achterhoek.coordinator", team, Membership.Role.COORDINATOR))
    page = client.get(URL)
    assert page.status_code == 200
    assert "053 123 → 053 456" not in page.content.decode()


def test_a_changed_choice_shows_its_labels_not_its_codes(
    client, cast, enschede, criteria_agreements
):
    """A status that changed reads as people read it ("in bespreking → afgesproken"),
    in a change and as a value kept on its own."""
    agreement = LocalAgreement.objects.filter(municipality=enschede).first()
    editor = cast["enschede.editor"]
    change = {"changes": {"status": {"old": "in_discussion", "new": "agreed"}}}
    log_action(editor, agreement, "criteria.agreement.changed", change)
    log_action(editor, agreement, "criteria.agreement.changed", {"status": "agreed"})
    client.force_login(cast["twente.coordinator"])
    html = client.get(URL).content.decode()
    discussed = str(LocalAgreement.Status.IN_DISCUSSION.label)
    agreed = str(LocalAgreement.Status.AGREED.label)
    assert f"{discussed} → {agreed}" in html
    assert "in_discussion" not in html and ">agreed<" not in html
