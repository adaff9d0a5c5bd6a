import re

from django import forms
from django.urls import reverse

from network.models import Link
from toolbox_site.forms import RadioWithoutBlankMixin
from toolbox_site.models import AuditEvent

from ..toolbox_site.test_control_characters import project_forms
from .once import on_the_module_network

pytestmark = on_the_module_network(__name__)


def test_the_editor_links_two_services_of_the_municipality(client, network, enschede_editor):
    services = network["enschede"]
    client.force_login(enschede_editor)
    response = client.post(
        reverse("network:link_create", kwargs={"slug": "enschede"}),
        {
            "from_service": services["huisarts"].pk,
            "to_service": services["wlz-co"].pk,
            "kind": "refers_to",
            "note": "Bij een Wlz-vraag.",
            "version": 1,
        },
    )
    assert response.status_code == 302
    assert Link.objects.filter(from_service=services["huisarts"], note="Bij een Wlz-vraag.")
    assert AuditEvent.objects.filter(action="network.link.created").exists()


def test_a_link_to_a_service_elsewhere_is_refused(client, network, enschede_editor):
    client.force_login(enschede_editor)
    before = Link.objects.count()
    response = client.post(
        reverse("network:link_create", kwargs={"slug": "enschede"}),
        {
            "from_service": network["enschede"]["huisarts"].pk,
            "to_service": network["hengelo"]["wijkteam"].pk,
            "kind": "refers_to",
            "version": 1,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["to_service"]
    assert Link.objects.count() == before


def test_a_duplicate_link_gets_a_message(client, network, enschede_editor):
    link = Link.objects.filter(municipality__slug="enschede").first()
    client.force_login(enschede_editor)
    response = client.post(
        reverse("network:link_create", kwargs={"slug": "enschede"}),
        {
            "from_service": link.from_service_id,
            "to_service": link.to_service_id,
            "kind": link.kind,
            "version": 1,
        },
    )
    assert response.status_code == 200
    assert "bestaat al" in response.content.decode()


def test_a_service_cannot_link_to_itself(client, network, enschede_editor):
    service = network["enschede"]["huisarts"]
    client.force_login(enschede_editor)
    response = client.post(
        reverse("network:link_create", kwargs={"slug": "enschede"}),
        {"from_service": service.pk, "to_service": service.pk, "kind": "refers_to", "version": 1},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["to_service"]


def test_the_kind_of_link_has_no_blank_radio_checked_in_advance(client, network, enschede_editor):
    client.force_login(enschede_editor)
    page = client.get(reverse("network:link_create", kwargs={"slug": "enschede"}))
    html = page.content.decode()
    assert 'name="kind"' in html
    assert not re.search(r'<input[^>]*name="kind"[^>]*value=""', html)
    assert not re.search(r'<input[^>]*name="kind"[^>]*checked', html)


def test_every_form_with_radio_buttons_offers_no_blank_choice():
    """A class fix: each project form that shows a choice as radio buttons drops the
    blank choice, so a new one cannot forget it."""
    missing = []
    for cls in project_forms():
        widgets = [field.widget for field in cls.base_fields.values()]
        if any(isinstance(widget, forms.RadioSelect) for widget in widgets) and not issubclass(
            cls, RadioWithoutBlankMixin
        ):
            missing.append(cls.__qualname__)
    assert missing == []
