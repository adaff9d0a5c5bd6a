import pytest
from django import forms

from toolbox_site.models import Organization

pytestmark = pytest.mark.django_db

TOO_BIG = 2**63


def test_in_skips_numbers_the_column_cannot_hold(enschede):
    known = Organization.objects.order_by("pk").first()
    found = Organization.objects.filter(pk__in=[known.pk, TOO_BIG, -TOO_BIG - 1])
    assert list(found) == [known]
    assert not Organization.objects.filter(pk__in=[TOO_BIG]).exists()


def test_a_multiple_choice_field_reports_a_huge_id_as_an_invalid_choice(enschede):
    field = forms.ModelMultipleChoiceField(Organization.objects.all())
    with pytest.raises(forms.ValidationError) as error:
        field.clean([str(TOO_BIG)])
    assert error.value.code == "invalid_choice"


def test_in_through_a_relation_skips_them_too(enschede):
    from toolbox_site.models import Membership

    assert not Membership.objects.filter(organization__in=[TOO_BIG]).exists()
    assert not Membership.objects.filter(organization_id__in=[TOO_BIG]).exists()
