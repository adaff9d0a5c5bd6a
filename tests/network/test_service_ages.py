"""A service's age range: edited in the form (errors next to the field), shown on
the detail page and published in HSDS as service.minimum_age / maximum_age."""

import pytest
from django.urls import reverse

from network.models import Service

from .once import on_the_module_network
from .test_services import service_data

# Every test works on the cast's network: built once for the module (tests/network/once.py),
# by one test process.
pytestmark = on_the_module_network(__name__)


def test_the_editor_gives_a_service_an_age_range(client, network, enschede, enschede_editor):
    client.force_login(enschede_editor)
    url = reverse("network:service_create", kwargs={"slug": "enschede"})
    data = service_data(municipalities=[enschede.pk], minimum_age="12", maximum_age="23")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    service = Service.objects.get(name="Nieuwe dienst")
    assert (service.minimum_age, service.maximum_age) == (12, 23)
    assert "12 tot en met 23 jaar" in client.get(service.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("low", "high", "field"),
    [
        ("30", "12", "maximum_age"),
        ("121", "", "minimum_age"),
        ("", "500", "maximum_age"),
        ("-1", "", "minimum_age"),
        ("tien", "", "minimum_age"),
    ],
)
def test_a_wrong_age_range_is_refused_next_to_the_field(
    client, network, enschede, enschede_editor, low, high, field
):
    client.force_login(enschede_editor)
    url = reverse("network:service_create", kwargs={"slug": "enschede"})
    data = service_data(municipalities=[enschede.pk], minimum_age=low, maximum_age=high)
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert f'href="#id_{field}"' in response.content.decode()
    assert not Service.objects.filter(name="Nieuwe dienst").exists()


def test_no_ages_means_all_ages(client, network, enschede_editor):
    service = network["enschede"]["oco"]
    assert service.minimum_age is None and service.maximum_age is None
    client.force_login(enschede_editor)
    assert "Alle leeftijden" in client.get(service.get_absolute_url()).content.decode()
