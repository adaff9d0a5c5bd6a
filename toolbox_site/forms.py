from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

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


class ProfileForm(forms.ModelForm):
    """The user's own name and e-mail address (needed for a password reset)."""

    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        taken = (
            get_user_model()
            .objects.filter(email__iexact=email)
            .exclude(pk=self.instance.pk)
            .exists()
        )
        if taken:
            raise forms.ValidationError(
                _("Another account already uses this e-mail address."), code="taken"
            )
        return email
