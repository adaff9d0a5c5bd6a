from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's minimum length, with a message that is translated.

    Django 5.2 changed this message's msgid ("%d" instead of "%(min_length)d")
    but its Dutch catalogue still has the old one, so the message stayed
    English on the Dutch site. The text is ours, in our own catalogue.
    """

    def get_error_message(self):
        return ngettext(
            "This password is too short. It must contain at least %(min_length)d character.",
            "This password is too short. It must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
