import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from toolbox_site.form_fields import JinjaFieldsMixin
from toolbox_site.forms import RadioWithoutBlankMixin
from toolbox_site.validators import ControlCharactersMixin

from .models import BestTime, CallbackRequest

NOTE_MAX_LENGTH = 300
DUTCH = "NL"


def dutch_phone_e164(value):
    """A Dutch phone number in E.164 (``+31612345678``), or a ValidationError."""
    message = _("Enter a Dutch phone number, for example 06 12345678 or 053 123 4567.")
    try:
        number = phonenumbers.parse(value.strip(), DUTCH)
    except phonenumbers.NumberParseException:
        raise ValidationError(message, code="invalid_phone") from None
    if (
        not phonenumbers.is_valid_number(number)
        or phonenumbers.region_code_for_number(number) != DUTCH
    ):
        raise ValidationError(message, code="invalid_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class CallbackForm(
    JinjaFieldsMixin, RadioWithoutBlankMixin, ControlCharactersMixin, forms.ModelForm
):
    first_name = forms.CharField(
        label=_("Your first name"),
        max_length=40,
        help_text=_("Only your first name. Then they know who to ask for."),
        error_messages={"required": _("Enter your first name.")},
    )
    phone = forms.CharField(
        label=_("Your phone number"),
        max_length=30,
        help_text=_("A Dutch number, for example 06 12345678."),
        error_messages={"required": _("Enter your phone number.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    best_time = forms.ChoiceField(
        label=_("When can they call you best?"),
        widget=forms.RadioSelect,
        choices=BestTime.choices,
        error_messages={
            "required": _("Choose when they can call you."),
            "invalid_choice": _("Choose one of the options."),
        },
    )
    note = forms.CharField(
        label=_("Short note (optional)"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Do not write anything about your health, your address or other personal "
            "things here. At most 300 characters."
        ),
    )
    consent = forms.BooleanField(
        label=_(
            "Yes, they may call me about my question. They may keep my first name and "
            "phone number for this."
        ),
        error_messages={"required": _("Tick the box if they may call you.")},
    )

    class Meta:
        model = CallbackRequest
        fields = ["first_name", "phone", "best_time", "note", "consent"]

    def clean_first_name(self):
        return self.cleaned_data["first_name"].strip()

    def clean_phone(self):
        return dutch_phone_e164(self.cleaned_data["phone"])


class MarkForm(forms.Form):
    """The queue's buttons: a request called or not reached, at the version the
    list showed (checked again in ``services.mark``)."""

    status = forms.ChoiceField(
        choices=[
            (CallbackRequest.Status.CALLED, CallbackRequest.Status.CALLED.label),
            (CallbackRequest.Status.NOT_REACHED, CallbackRequest.Status.NOT_REACHED.label),
        ]
    )
    version = forms.IntegerField(min_value=0, max_value=10**9)
