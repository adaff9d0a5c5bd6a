"""The site's input rules for contact details and text, in one place.

Phone numbers are checked and written in one readable form with ``phonenumbers``
(Google's libphonenumber): Dutch numbers (the default when no country code is
given) in the national form, ``053 481 1234``, ``14 053``, ``06 12345678``; other
countries' numbers in the international form, ``+44 20 7946 0958``. Web addresses
must use https. Every form of the site refuses control characters (see
``ControlCharactersMixin``); multi-line fields keep tab, new line and carriage return.

Forms, the admin (through the model fields in ``fields.py``) and the network
import all use these, so a value accepted in one place is accepted everywhere.
"""

import re

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_REGION = "NL"
PHONE_MAX_LENGTH = 30
# What people write in a phone number besides digits; letters are never part of one.
PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()./-]+$")
PHONE_MESSAGE = _(
    "Enter a valid telephone number, for example 053 481 1234, 14 053 or, from abroad, "
    "+49 30 1234567."
)

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
CONTROL_CHARACTERS_MULTI_LINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CONTROL_MESSAGE = _(
    "This text contains invisible control characters (for example from a copied text). "
    "Remove them and try again."
)


def _parse_phone(value):
    value = (value or "").strip()
    if not value or len(value) > 50 or not PHONE_CHARACTERS.match(value):
        return None
    try:
        number = phonenumbers.parse(value, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return number


def _is_dutch(number):
    return phonenumbers.region_code_for_number(number) == DEFAULT_REGION


def normalize_phone(value):
    """The phone number in its one stored form, or a ValidationError in Dutch."""
    number = _parse_phone(value)
    if number is None:
        raise ValidationError(PHONE_MESSAGE, code="invalid_phone")
    form = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if _is_dutch(number)
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    text = phonenumbers.format_number(number, form)
    if len(text) > PHONE_MAX_LENGTH:
        raise ValidationError(PHONE_MESSAGE, code="invalid_phone")
    return text


def validate_phone(value):
    if value:
        normalize_phone(value)


def phone_href(value):
    """A ``tel:`` link for a valid number, or "" for a value that is no phone number
    (old data from before the check): that one is shown as plain text."""
    number = _parse_phone(value)
    if number is None:
        return ""
    if _is_dutch(number):
        digits = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        return "tel:" + re.sub(r"\D", "", digits)
    return "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def mailto_href(value):
    """``mailto:`` and a valid e-mail address; "" for any other stored value."""
    try:
        validate_email(value)
    except ValidationError:
        return ""
    return f"mailto:{value}"


def web_href(value):
    """A stored web address when it is a valid http(s) address; "" otherwise."""
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return ""
    return value


class PhoneNumberField(forms.CharField):
    """A phone number, returned in its normalized form."""

    default_error_messages = {"invalid_phone": PHONE_MESSAGE}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 50)  # typed; the normalized form fits the column
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values or CONTROL_CHARACTERS.search(value):
            return value  # empty, or left to the control character check
        return normalize_phone(value)


validate_https_url = URLValidator(
    schemes=["https"],
    message=_("Enter a web address that starts with https://, for example https://www.example.nl."),
    code="https_only",
)


def validate_not_in_future(value):
    if value and value > timezone.localdate():
        raise ValidationError(_("This date lies in the future."), code="future")


def has_control_characters(text, *, multi_line=False):
    pattern = CONTROL_CHARACTERS_MULTI_LINE if multi_line else CONTROL_CHARACTERS
    return bool(pattern.search(text or ""))


def refuse_control_characters(value):
    if isinstance(value, str) and has_control_characters(value):
        raise ValidationError(CONTROL_MESSAGE, code="control_characters")


def refuse_control_characters_multi_line(value):
    if isinstance(value, str) and has_control_characters(value, multi_line=True):
        raise ValidationError(CONTROL_MESSAGE, code="control_characters")


def guard_field(field):
    """Give a text field the control character check (once); multi-line fields
    (a Textarea) keep tab, new line and carriage return. Passwords are left alone."""
    if not isinstance(field, forms.CharField) or isinstance(field.widget, forms.PasswordInput):
        return
    check = (
        refuse_control_characters_multi_line
        if isinstance(field.widget, forms.Textarea)
        else refuse_control_characters
    )
    if check not in field.validators:
        field.validators.insert(0, check)


class ControlCharactersMixin:
    """For every form of the site: text fields refuse control characters, with an
    error at the field. Applied when the form is cleaned, so fields a form adds in
    its own ``__init__`` are covered too."""

    def full_clean(self):
        for field in self.fields.values():
            guard_field(field)
        super().full_clean()
