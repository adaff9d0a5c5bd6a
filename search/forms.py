from django import forms
from django.utils.translation import gettext_lazy as _

from toolbox_site.form_fields import JinjaFieldsMixin
from toolbox_site.validators import ControlCharactersMixin

MIN_LENGTH = 2
MAX_LENGTH = 100


class SearchForm(JinjaFieldsMixin, ControlCharactersMixin, forms.Form):
    """The words to look for, in ``?q=``: stripped, with single spaces."""

    # Not marked required (a search box has only this field): an empty one is refused
    # in clean_q, with its own message.
    q = forms.CharField(label=_("Search for"), required=False)

    def clean_q(self):
        text = " ".join(self.cleaned_data["q"].split())
        if not text:
            raise forms.ValidationError(_("Type one or more words to search for."), code="required")
        if len(text) < MIN_LENGTH:
            raise forms.ValidationError(
                _("Type at least %(minimum)d characters."),
                code="min_length",
                params={"minimum": MIN_LENGTH},
            )
        if len(text) > MAX_LENGTH:
            raise forms.ValidationError(
                _("Use at most %(maximum)d characters (you typed %(length)d)."),
                code="max_length",
                params={"maximum": MAX_LENGTH, "length": len(text)},
            )
        return text
