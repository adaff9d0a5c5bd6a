from django.db import models


class HttpsURLField(models.URLField):
    """A URL field whose forms assume https:// when the scheme is left out.

    (Django 6 makes this the default; saying so here keeps admin and site forms alike.)
    """

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})
