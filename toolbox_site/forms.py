from django import forms

from .models import Organization


class OrganizationContactForm(forms.ModelForm):
    """The contact details an organization keeps up to date itself."""

    class Meta:
        model = Organization
        fields = ["email", "phone", "website"]
