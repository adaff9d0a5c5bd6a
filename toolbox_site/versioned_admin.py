"""Admin change forms that never silently overwrite someone else's save.

A model with a ``version`` field that guards against overwriting (a service, a link,
a step's progress, an agreement, a report) is also edited on the site, where every
form checks the version it was opened at. In the admin, a coordinator's form opened
before a colleague's save would overwrite it. ``VersionChecked`` gives the admin the
same rule: the change form carries the version it was opened at, the save locks the
row (the admin saves in one transaction) and compares; a newer version is a form error
naming who changed it and when, with what was typed kept. Saving again after that is
a conscious choice. A change raises the version, so the site's forms notice it too.
"""

from django.utils.translation import gettext as _

from .admin import ConstraintCheckingForm
from .dates import show_datetime
from .locking import last_change
from .people import display_name

SEEN_VERSION = "seen_version"


class VersionCheckingForm(ConstraintCheckingForm):
    def clean(self):
        cleaned_data = super().clean()
        instance = self.instance
        if instance._state.adding or instance.pk is None:
            return cleaned_data
        model = type(instance)
        self.current_version = (
            model._default_manager.select_for_update()
            .filter(pk=instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if self.current_version is not None and self.posted_version() != self.current_version:
            self.add_error(None, self.conflict_message())
            self.conflict = True
        return cleaned_data

    def posted_version(self):
        try:
            return int(self.data.get(SEEN_VERSION, ""))
        except ValueError:
            return None

    @property
    def seen_version(self):
        """The version the form stands for: as opened; after a conflict, the new one."""
        if not self.is_bound:
            return self.instance.version
        if getattr(self, "conflict", False):
            return self.current_version
        posted = self.posted_version()
        return self.instance.version if posted is None else posted

    def conflict_message(self):
        user, when = last_change(self.instance)
        who = display_name(user, _("Someone else"))
        when = show_datetime(when) if when is not None else ""
        return _(
            "%(who)s saved this item (%(when)s) while you were editing it. Nothing has been "
            "saved. What you typed is still in the form: compare it with the history, then "
            "save again to replace their version."
        ) % {"who": who, "when": when}


class VersionChecked:
    """For the admin of a model whose ``version`` guards against overwriting."""

    form = VersionCheckingForm
    change_form_template = "admin/versioned_change_form.html"

    def save_model(self, request, obj, form, change):
        if change and form.has_changed():
            obj.version += 1
        super().save_model(request, obj, form, change)
