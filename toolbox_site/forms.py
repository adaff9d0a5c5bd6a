from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.contrib.auth import get_user_model, user_login_failed
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Membership, Organization
from .validators import ControlCharactersMixin


class OrganizationContactForm(ControlCharactersMixin, forms.ModelForm):
    """The contact details an organization keeps up to date itself."""

    class Meta:
        model = Organization
        fields = ["email", "phone", "website"]


class VersionMixin(ControlCharactersMixin, forms.Form):
    """The version the user started from, for optimistic locking (toolbox_site/locking.py)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)
    based_on = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=0, max_value=2**63 - 1
    )


class NoAutofocusMixin:
    """Django puts autofocus on the first field; that makes keyboard and screen
    reader users skip the skip link, the header and the page's introduction."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("autofocus", None)


class RadioWithoutBlankMixin:
    """A required choice shown as radio buttons offers its real choices only: the
    ModelForm's blank "---------" would be an option of its own, and checked."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            # Check boxes are a RadioSelect subclass in Django; they have no blank choice.
            if (
                not field.required
                or not isinstance(widget, forms.RadioSelect)
                or isinstance(widget, forms.CheckboxSelectMultiple)
            ):
                continue
            if isinstance(field, forms.ModelChoiceField):
                field.empty_label = None  # the queryset stays lazy
            else:
                field.choices = [choice for choice in field.choices if choice[0] != ""]


class LoginForm(NoAutofocusMixin, ControlCharactersMixin, AuthenticationForm):
    def clean(self):
        # No account has a longer name: answer as for any wrong name, without
        # asking the database or the lockout records (their column holds 255).
        username = self.cleaned_data.get("username") or ""
        if len(username) > self.username_field.max_length:
            raise self.get_invalid_login_error()
        return super().clean()


def check_own_password(request, user, password):
    """Check the password of a logged-in user, counted like a login attempt.

    A wrong password counts as a failed login for django-axes, so a stolen
    session cannot guess it without limit; when the limit is reached the user
    sees the lockout page. Returns True when the password is right.
    """
    credentials = {"username": user.get_username()}
    if request is not None and AxesProxyHandler.is_locked(request, credentials):
        request.axes_locked_out = True
        request.axes_credentials = credentials
        return False
    if user.check_password(password or ""):
        return True
    if request is not None:
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
    return False


class ChangePasswordForm(NoAutofocusMixin, ControlCharactersMixin, PasswordChangeForm):
    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        if not check_own_password(self.request, self.user, old_password):
            raise forms.ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password


class ResetPasswordForm(ControlCharactersMixin, PasswordResetForm):
    """Password reset whose mail leaves after the response (see ``views.PasswordResetView``).

    The view collects the messages in ``outbox`` instead of sending them
    inside the request, so the answer takes as long for an unknown address as
    for a known one.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.outbox = []

    def send_mail(self, *args, **kwargs):
        self.outbox.append((args, kwargs))

    def send_collected(self):
        for args, kwargs in self.outbox:
            PasswordResetForm.send_mail(self, *args, **kwargs)
        self.outbox = []


class ProfileForm(ControlCharactersMixin, forms.ModelForm):
    """The user's own name and e-mail address (needed for a password reset).

    Changing the e-mail address asks for the current password: whoever holds
    the address can reset the password, so a stolen session must not be
    enough to take over the account.
    """

    current_password = forms.CharField(
        label=_("Current password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Only needed when you change your e-mail address."),
    )

    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name", "email"]

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.old_email = self.instance.email

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

    @property
    def email_changed(self):
        email = self.cleaned_data.get("email")
        return email is not None and email.lower() != (self.old_email or "").lower()

    def clean(self):
        cleaned_data = super().clean()
        if "email" in cleaned_data and self.email_changed:
            password = cleaned_data.get("current_password")
            if not password:
                self.add_error(
                    "current_password",
                    forms.ValidationError(
                        _("Enter your current password to change your e-mail address."),
                        code="password_required",
                    ),
                )
            elif not check_own_password(self.request, self.instance, password):
                self.add_error(
                    "current_password",
                    forms.ValidationError(
                        _("Your current password was entered incorrectly."),
                        code="password_incorrect",
                    ),
                )
        return cleaned_data


class InvitationForm(ControlCharactersMixin, forms.Form):
    """A new colleague for an organization: name, e-mail address and role."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=150,
        help_text=_("The invitation goes to this address; it is also the user name."),
    )
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        roles = [Membership.Role.VIEWER, Membership.Role.EDITOR]
        if organization.kind == Organization.Kind.REGION_TEAM:
            roles.append(Membership.Role.COORDINATOR)
        self.fields["role"].choices = [(role.value, role.label.capitalize()) for role in roles]
        self.fields["role"].initial = Membership.Role.EDITOR

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        users = get_user_model().objects
        if users.filter(Q(email__iexact=email) | Q(username__iexact=email)).exists():
            raise forms.ValidationError(
                _(
                    "An account with this e-mail address already exists. Add that account "
                    "as a member of the organization in the management pages."
                ),
                code="exists",
            )
        return email


class KeptChoiceIterator(forms.models.ModelChoiceIterator):
    """The choices of a model choice field, read in one query however often the form
    shows them (the widget and crispy-forms each go through them; Django's own iterator
    asks the database each time, through a server-side cursor on PostgreSQL): the
    field's queryset keeps its rows. A form's fields are copies, so rows are kept for
    one form only."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class KeptModelChoiceField(forms.ModelChoiceField):
    iterator = KeptChoiceIterator


class KeptModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = KeptChoiceIterator
