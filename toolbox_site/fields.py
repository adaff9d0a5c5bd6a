from django.db import models

from . import validators


class HttpsURLField(models.URLField):
    """A URL field for https:// addresses; its forms assume https:// when the scheme
    is left out. (Django 6 makes that the default; saying so here keeps admin and
    site forms alike.)"""

    default_validators = [validators.validate_https_url]

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


class PhoneField(models.CharField):
    """A telephone number, checked and stored in one readable form
    (``validators.normalize_phone``) by every form made from the model: the site's
    forms and the admin alike."""

    default_validators = [validators.validate_phone]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", validators.PHONE_MAX_LENGTH)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": validators.PhoneNumberField, **kwargs})
