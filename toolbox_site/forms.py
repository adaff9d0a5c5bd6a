from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm

from .models import Organization


class OrganizationContactForm(forms.ModelForm):
    """The contact details an organization keeps up to date itself."""

    class Meta:
        model = Organization
        fields = ["email", "phone", "website"]


class NoAutofocusMixin:
    """Django puts autofocus on the first field; that makes keyboard and screen
    reader users skip the skip link, the header and the page's introduction."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("autofocus", None)


class LoginForm(NoAutofocusMixin, AuthenticationForm):
    pass


class ChangePasswordForm(NoAutofocusMixin, PasswordChangeForm):
    pass
