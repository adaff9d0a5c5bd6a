from django import forms

from toolbox_site.forms import NoAutofocusMixin, VersionMixin
from toolbox_site.locking import latest_history_id
from toolbox_site.validators import ControlCharactersMixin

from .models import ContactPerson

CONTACT_FIELDS = ("name", "position", "email", "phone", "order")


class NewContactPersonForm(NoAutofocusMixin, ControlCharactersMixin, forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = CONTACT_FIELDS
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "off"})}


class ContactPersonForm(VersionMixin, NewContactPersonForm):
    """Edit a contact person, from the version the editor started from."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("version", self.instance.version)
        self.initial.setdefault("based_on", latest_history_id(self.instance))


class RemoveContactPersonForm(VersionMixin):
    """Removing a contact person: only the version."""
