"""The admin for coordinators: no user list, an account picker, constraints, the audit log."""

import re

import pytest
from django.urls import reverse

from toolbox_site.models import AuditEvent, Membership, Organization

from ..factories import make_user

# --- 1. Coordinators do not see other accounts ------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        lambda user: reverse("admin:auth_user_changelist"),
        lambda user: reverse("admin:auth_user_change", args=[user.pk]),
        lambda user: reverse("admin:auth_user_history", args=[user.pk]),
    ],
    ids=["user list", "user page", "user history"],
)
def test_a_coordinator_does_not_see_the_user_list_or_user_pages(
    client, coordinator, elsewhere, url
):
    other = make_user("root", is_superuser=True, is_staff=True)
    client.force_login(coordinator)
    response = client.get(url(other))
    assert response.status_code in (302, 403)
    assert b"root@example.org" not in response.content


def test_the_admin_index_does_not_offer_the_user_list_to_a_coordinator(client, coordinator):
    client.force_login(coordinator)
    content = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:auth_user_changelist") not in content


def test_the_account_picker_finds_by_name_user_name_and_full_e_mail_address(client, coordinator):
    make_user("a.jansen", first_name="Anna", last_name="Jansen")
    make_user("p.smit", first_name="Piet", last_name="Smit")
    client.force_login(coordinator)
    url = reverse("admin:toolbox_site_membership_accounts")

    def found(term):
        return [result["text"] for result in client.get(url, {"term": term}).json()["results"]]

    assert found("jansen") == ["Anna Jansen (a.jansen)"]
    assert found("Anna Jan") == ["Anna Jansen (a.jansen)"]
    assert found("p.smit") == ["Piet Smit (p.smit)"]
    assert found("P.SMIT@example.org") == ["Piet Smit (p.smit)"]
    # Part of an address finds nothing (the picker reveals no addresses).
    assert found("example.org") == []
    assert found("a") == []


def test_the_account_picker_shows_only_name_and_user_name(client, coordinator):
    make_user("a.jansen", first_name="Anna", last_name="Jansen")
    client.force_login(coordinator)
    response = client.get(reverse("admin:toolbox_site_membership_accounts"), {"term": "jansen"})
    assert "example.org" not in response.content.decode()
    assert set(response.json()["results"][0]) == {"id", "text"}


def test_the_account_picker_pages_its_results(client, coordinator):
    for number in range(25):
        make_user(f"collega{number:02d}")
    client.force_login(coordinator)
    url = reverse("admin:toolbox_site_membership_accounts")
    first = client.get(url, {"term": "collega"}).json()
    second = client.get(url, {"term": "collega", "page": "2"}).json()
    assert (len(first["results"]), first["pagination"]["more"]) == (20, True)
    assert (len(second["results"]), second["pagination"]["more"]) == (5, False)
    assert client.get(url, {"term": "collega", "page": "x"}).status_code == 200


def test_the_membership_form_uses_the_account_picker(client, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("admin:toolbox_site_membership_add")).content.decode()
    assert reverse("admin:toolbox_site_membership_accounts") in page


# --- 9. Constraints as form errors, also with read-only fields ----------------------


def organization_post(organization, **fields):
    return {
        "name": organization.name,
        "cbs_code": organization.cbs_code,
        "inhabitants": "",
        "email": "",
        "phone": "",
        "website": "",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        **fields,
    }


def test_a_cbs_code_for_a_care_office_is_a_form_error_not_a_500(client, coordinator, menzis):
    client.force_login(coordinator)
    url = reverse("admin:toolbox_site_organization_change", args=[menzis.pk])
    response = client.post(url, organization_post(menzis, cbs_code="GM0999"))
    assert response.status_code == 200
    assert "Alleen een gemeente heeft een CBS-code." in response.content.decode()
    menzis.refresh_from_db()
    assert menzis.cbs_code == ""


def test_a_duplicate_cbs_code_is_a_form_error(client, coordinator, enschede, hengelo):
    client.force_login(coordinator)
    url = reverse("admin:toolbox_site_organization_change", args=[hengelo.pk])
    response = client.post(url, organization_post(hengelo, cbs_code="GM0153"))
    assert response.status_code == 200
    content = response.content.decode()
    # Once above the fields, and once in the summary, as a link to the form's first field.
    message = "Een andere organisatie heeft deze CBS-code al."
    assert content.count(message) == 2
    assert f'<a href="#id_name">{message}</a>' in content
    hengelo.refresh_from_db()
    assert hengelo.cbs_code == "GM0164"


def test_an_admin_form_s_errors_are_summed_up_above_it_each_linking_to_its_field(
    client, coordinator, enschede
):
    """As on the site's own forms: a summary at the top, each error a link to its
    field, the inlines' rows included."""
    client.force_login(coordinator)
    url = reverse("admin:toolbox_site_organization_change", args=[enschede.pk])
    data = organization_post(enschede, name="", email="geen adres")
    data.update(
        {
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-organization": enschede.pk,
            "memberships-0-role": "editor",
        }
    )
    html = client.post(url, data).content.decode()
    summary = html.split('<div class="error-summary"', 1)[1].split("</div>", 1)[0]
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary)
    assert [target for target, _text in links] == [
        "id_name",
        "id_email",
        "id_memberships-0-user",
    ]
    assert "Lidmaatschap 1, gebruiker: Dit veld is verplicht." in summary
    for target, _text in links:
        assert f'id="{target}"' in html
    enschede.refresh_from_db()
    assert enschede.name == "Enschede"


def test_a_superuser_gets_the_same_errors(client, menzis):
    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    url = reverse("admin:toolbox_site_organization_change", args=[menzis.pk])
    data = organization_post(
        menzis,
        cbs_code="GM0999",
        slug=menzis.slug,
        kind=menzis.kind,
        region=menzis.region_id,
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Alleen een gemeente heeft een CBS-code." in response.content.decode()


PROJECT_APPS = {"toolbox_site", "network", "finder", "criteria", "monitoring"}


def test_every_admin_form_and_inline_of_the_project_checks_the_model_constraints():
    """Django skips a constraint over a field a form does not show; the project's
    admin forms and inline formsets check them all, so a new admin cannot forget it."""
    from django.contrib import admin

    from toolbox_site.admin import ConstraintCheckingForm, ConstraintCheckingFormSet

    missing = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        if not issubclass(model_admin.form, ConstraintCheckingForm):
            missing.append(type(model_admin).__name__)
        for inline in model_admin.inlines:
            if not issubclass(inline.form, ConstraintCheckingForm) or not issubclass(
                inline.formset, ConstraintCheckingFormSet
            ):
                missing.append(inline.__name__)
    assert missing == []


# --- 12. Membership and organization changes in the admin are in the audit log -------


def test_a_membership_granted_changed_and_removed_in_the_admin_is_logged(
    client, coordinator, enschede
):
    newcomer = make_user("nieuwe.collega")
    client.force_login(coordinator)
    client.post(
        reverse("admin:toolbox_site_membership_add"),
        {"user": newcomer.pk, "organization": enschede.pk, "role": "viewer"},
    )
    membership = Membership.objects.get(user=newcomer)
    client.post(
        reverse("admin:toolbox_site_membership_change", args=[membership.pk]),
        {"user": newcomer.pk, "organization": enschede.pk, "role": "editor"},
    )
    client.post(
        reverse("admin:toolbox_site_membership_delete", args=[membership.pk]), {"post": "yes"}
    )
    events = list(AuditEvent.objects.order_by("pk"))
    assert [event.action for event in events] == [
        "toolbox_site.membership.granted",
        "toolbox_site.membership.changed",
        "toolbox_site.membership.removed",
    ]
    assert all(event.user == coordinator and event.organization == enschede for event in events)
    assert events[0].data == {"user": newcomer.pk, "username": "nieuwe.collega", "role": "viewer"}
    assert events[1].data["changes"] == {"role": {"old": "viewer", "new": "editor"}}


def test_memberships_removed_in_bulk_are_logged(client, coordinator, enschede_editor, enschede):
    membership = Membership.objects.get(user=enschede_editor)
    client.force_login(coordinator)
    client.post(
        reverse("admin:toolbox_site_membership_changelist"),
        {"action": "delete_selected", "_selected_action": [membership.pk], "post": "yes"},
    )
    assert not Membership.objects.filter(pk=membership.pk).exists()
    event = AuditEvent.objects.get()
    assert event.action == "toolbox_site.membership.removed"
    assert event.data["username"] == "enschede.editor"


def test_memberships_in_the_organization_form_are_logged(
    client, coordinator, enschede_editor, enschede
):
    membership = Membership.objects.get(user=enschede_editor)
    newcomer = make_user("nieuwe.collega")
    client.force_login(coordinator)
    url = reverse("admin:toolbox_site_organization_change", args=[enschede.pk])
    data = organization_post(enschede, inhabitants="161000", participates="on")
    data.update(
        {
            "memberships-TOTAL_FORMS": "2",
            "memberships-INITIAL_FORMS": "1",
            "memberships-0-id": membership.pk,
            "memberships-0-organization": enschede.pk,
            "memberships-0-user": enschede_editor.pk,
            "memberships-0-role": "editor",
            "memberships-0-DELETE": "on",
            "memberships-1-organization": enschede.pk,
            "memberships-1-user": newcomer.pk,
            "memberships-1-role": "viewer",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    actions = sorted(AuditEvent.objects.values_list("action", "data__username"))
    assert actions == [
        ("toolbox_site.membership.granted", "nieuwe.collega"),
        ("toolbox_site.membership.removed", "enschede.editor"),
    ]


def test_an_organization_changed_in_the_admin_is_logged(client, coordinator, enschede):
    client.force_login(coordinator)
    url = reverse("admin:toolbox_site_organization_change", args=[enschede.pk])
    client.post(url, organization_post(enschede, inhabitants="162000", participates="on"))
    event = AuditEvent.objects.get()
    assert event.action == "toolbox_site.organization.changed"
    assert event.data["changes"]["inhabitants"] == {"old": 161000, "new": 162000}


def test_an_organization_added_and_deleted_by_a_superuser_is_logged(client, twente):
    root = make_user("root", is_superuser=True, is_staff=True)
    client.force_login(root)
    client.post(
        reverse("admin:toolbox_site_organization_add"),
        {
            "name": "Dinkelland",
            "slug": "dinkelland",
            "kind": "municipality",
            "region": twente.pk,
            "cbs_code": "GM1774",
            "inhabitants": "26000",
            "participates": "on",
            "email": "",
            "phone": "",
            "website": "",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    organization = Organization.objects.get(slug="dinkelland")
    client.post(
        reverse("admin:toolbox_site_organization_delete", args=[organization.pk]),
        {"post": "yes"},
    )
    assert list(AuditEvent.objects.order_by("pk").values_list("action", "object_repr")) == [
        ("toolbox_site.organization.created", "Dinkelland"),
        ("toolbox_site.organization.deleted", "Dinkelland"),
    ]


def test_a_superuser_changing_an_account_s_rights_is_logged(client, enschede_editor):
    root = make_user("root", is_superuser=True, is_staff=True)
    client.force_login(root)
    url = reverse("admin:auth_user_change", args=[enschede_editor.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = {
        "username": "enschede.editor",
        "first_name": "",
        "last_name": "",
        "email": "enschede.editor@example.org",
        "is_active": "on",
        "is_staff": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "initial-date_joined_0": "2026-01-01",
        "initial-date_joined_1": "10:00:00",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = AuditEvent.objects.get()
    assert event.action == "toolbox_site.account.rights_changed"
    assert event.data == {"is_staff": {"old": False, "new": True}}
    assert event.organization is None
