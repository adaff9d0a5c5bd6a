"""Phone numbers, e-mail and web addresses are checked and stored in one form on every
form (site, admin, import); bad values already stored never break a page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from network.models import Service
from tests.toolbox_site.test_accounts_admin import organization_post
from toolbox_site.models import Organization
from toolbox_site.templatetags.toolbox import tel_href
from toolbox_site.validators import normalize_phone

PHONE_ERROR = "Vul een geldig telefoonnummer in"
HTTPS_ERROR = "Vul een webadres in dat begint met https://"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0534811234", "053 481 1234"),
        ("(053) 481 12 34", "053 481 1234"),
        ("+31 53 481 1234", "053 481 1234"),
        ("0031534811234", "053 481 1234"),
        ("14053", "14 053"),
        ("0612345678", "06 12345678"),
        ("0800-1234", "0800 1234"),
        ("+44 20 7946 0958", "+44 20 7946 0958"),
        ("0049 30 1234567", "+49 30 1234567"),
    ],
)
def test_a_phone_number_is_stored_in_one_readable_form(typed, stored):
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize(
    "typed", ["074-12ab34", "bel ons maar!!", "0000 00 1234", "12", "0800-FLOWERS", "+", "1" * 40]
)
def test_what_is_no_phone_number_is_refused(typed):
    with pytest.raises(ValidationError):
        normalize_phone(typed)


def test_only_a_valid_number_becomes_a_tel_link():
    assert tel_href("053 481 1234") == "tel:0534811234"
    assert tel_href("14 053") == "tel:14053"
    assert tel_href("+44 20 7946 0958") == "tel:+442079460958"
    assert tel_href("074-12ab34") == ""
    assert tel_href("bel ons maar!!") == ""


def edit_contact(client, **data):
    return client.post(
        reverse("organization_edit", kwargs={"slug": "enschede"}),
        {"email": "", "phone": "", "website": "", **data},
    )


@pytest.mark.parametrize("phone", ["074-12ab34", "bel ons maar!!"])
def test_the_organization_form_refuses_a_bad_phone_number_at_the_field(
    client, enschede_editor, enschede, phone
):
    client.force_login(enschede_editor)
    response = edit_contact(client, phone=phone)
    assert response.status_code == 200
    assert PHONE_ERROR in str(response.context["form"].errors["phone"])
    enschede.refresh_from_db()
    assert enschede.phone != phone


def test_the_organization_form_stores_the_normalized_number(client, enschede_editor, enschede):
    client.force_login(enschede_editor)
    assert edit_contact(client, phone="0534811234").status_code == 302
    enschede.refresh_from_db()
    assert enschede.phone == "053 481 1234"


@pytest.mark.parametrize("website", ["http://www.enschede.nl", "ftp://enschede.nl"])
def test_the_organization_form_wants_an_https_web_address(
    client, enschede_editor, enschede, website
):
    client.force_login(enschede_editor)
    response = edit_contact(client, website=website)
    assert response.status_code == 200
    assert HTTPS_ERROR in str(response.context["form"].errors["website"])


def test_the_service_form_refuses_a_bad_phone_number(client, network, enschede, enschede_editor):
    from tests.network.test_services import service_data

    client.force_login(enschede_editor)
    url = reverse("network:service_create", kwargs={"slug": "enschede"})
    response = client.post(
        url, service_data(municipalities=[enschede.pk], phone="074-12ab34", email="geen")
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert PHONE_ERROR in str(errors["phone"])
    assert "email" in errors
    assert not Service.objects.filter(name="Nieuwe dienst").exists()
    response = client.post(url, service_data(municipalities=[enschede.pk], phone="+31534811234"))
    assert response.status_code == 302
    assert Service.objects.get(name="Nieuwe dienst").phone == "053 481 1234"


def test_the_admin_refuses_a_bad_phone_number_and_normalizes_a_good_one(
    client, coordinator, menzis
):
    client.force_login(coordinator)
    url = reverse("admin:toolbox_site_organization_change", args=[menzis.pk])
    response = client.post(url, organization_post(menzis, phone="bel ons maar!!"))
    assert response.status_code == 200
    assert PHONE_ERROR in response.content.decode()
    response = client.post(url, organization_post(menzis, phone="0534811234"))
    assert response.status_code == 302
    menzis.refresh_from_db()
    assert menzis.phone == "053 481 1234"


def test_bad_values_stored_before_the_check_break_no_page(client, finder_network, enschede):
    service = Service.objects.get(name="Onafhankelijke cliëntondersteuning Enschede")
    Service.objects.filter(pk=service.pk).update(
        phone="bel ons maar!!", email="geen adres", website="javascript:alert(1)"
    )
    Organization.objects.filter(pk=enschede.pk).update(phone="074-12ab34")
    finder = client.get(
        reverse("finder:index") + "?gemeente=enschede&situatie=geldzorgen"
    ).content.decode()
    assert "bel ons maar!!" in finder
    assert "074-12ab34" in finder
    assert ">bel ons maar!!</a>" not in finder
    assert ">074-12ab34</a>" not in finder
    assert 'href="javascript:' not in finder
    assert "mailto:geen adres" not in finder
    page = client.get(service.get_absolute_url())
    assert page.status_code == 200
    assert 'href="javascript:' not in page.content.decode()
    api = client.get(f"/api/hsds/services/{service.uuid}")
    assert api.status_code == 200
    assert api.json()["phones"][0]["number"] == "bel ons maar!!"


contact_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "074-12ab34",
            "bel ons maar!!",
            "053 481 1234",
            "+31 6 12345678",
            "14 053",
            "http://x.nl",
            "ftp://x.nl",
            "https://x.nl",
            "a@b.nl",
            "a@b",
            "\x01",
            "+" + "9" * 60,
        ]
    ),
)


@given(phone=contact_text, email=contact_text, website=contact_text)
def test_any_contact_input_is_saved_whole_or_not_at_all(
    client, enschede_editor, enschede, phone, email, website
):
    client.force_login(enschede_editor)
    before = Organization.objects.values("email", "phone", "website").get(pk=enschede.pk)
    response = edit_contact(client, phone=phone, email=email, website=website)
    assert response.status_code in (200, 302, 400)  # 400: a NUL byte, refused before the view
    after = Organization.objects.values("email", "phone", "website").get(pk=enschede.pk)
    if response.status_code != 302:
        assert after == before
    else:
        assert after["phone"] == "" or normalize_phone(after["phone"]) == after["phone"]
        assert after["website"] == "" or after["website"].startswith("https://")
