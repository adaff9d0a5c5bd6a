"""The audit trail as people read it: what each action code means, the filters of
``/audit/`` and the details of an event (toolbox_site/views/audit.py).

Every code that ``log_action`` writes has a label, given by the app that writes it
(:func:`add_actions`; a test reads the sources to hold that true), so the filter
offers every action and the trail never shows a bare code.
"""

import datetime
import re

from django import forms
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import F, Q
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _

from .choices import OrganizationKind
from .people import display_name_of
from .permissions import is_region_coordinator
from .validators import ControlCharactersMixin
from .widgets import Select

# The labels of the action codes, grouped as the filter offers them. Each app adds
# those of the codes it writes, in its AppConfig.ready (see add_actions).
_groups = []


def add_actions(title, labels, order):
    """Label the action codes ``labels`` ({code: label}) under ``title`` in the
    trail's action filter, groups by ``order``."""
    if all(existing != title for _order, existing, _labels in _groups):
        _groups.append((order, title, dict(labels)))
        _groups.sort(key=lambda group: group[0])


def action_groups():
    """(title, {code: label}) of every app, in order."""
    return [(title, labels) for _order, title, labels in _groups]


def actions():
    """{code: label} of every action the apps write."""
    return {code: label for _title, labels in action_groups() for code, label in labels.items()}


# The details an action keeps (``data``), by key. Keys not named here show as they are.
DETAIL_LABELS = {
    "period": _("period"),
    "comment": _("comment"),
    "name": _("name"),
    "file": _("file"),
    "step": _("step"),
    "status": _("status"),
    "role": _("role"),
    "username": _("user name"),
    "user": _("account"),
    "organization": _("organization"),
    "reason": _("reason"),
    "note": _("note"),
    "led_to_change": _("led to a change"),
    "criterion": _("criterion"),
    "version": _("version"),
    "link": _("link"),
    "retention_days": _("kept for (days)"),
}

# ``?object=network.service:12``: one object's own trail.
OBJECT_PATTERN = re.compile(
    r"^(?P<app>[a-z_]{1,100})\.(?P<model>[a-z_]{1,100}):(?P<pk>[0-9]{1,18})$"
)
# A detail's value is cut after this many characters (a long text changed).
SHOWN_CHARACTERS = 120
FIRST_DAY = datetime.date(2000, 1, 1)
LAST_DAY = datetime.date(2999, 12, 31)


def object_key(obj):
    """The value of ``?object=`` for an object's own trail."""
    return f"{obj._meta.app_label}.{obj._meta.model_name}:{obj.pk}"


class AuditFilterForm(ControlCharactersMixin, forms.Form):
    """The trail's filters, as GET parameters (a shareable address)."""

    # One template loop for the options (toolbox_site/widgets.py), not one a option.
    organisatie = forms.TypedChoiceField(
        label=_("Organization"), required=False, coerce=int, widget=Select
    )
    actie = forms.ChoiceField(label=_("Action"), required=False, widget=Select)
    gebruiker = forms.CharField(
        label=_("Person (name or user name)"), required=False, max_length=150
    )
    van = forms.DateField(
        label=_("From"),
        required=False,
        validators=[MinValueValidator(FIRST_DAY), MaxValueValidator(LAST_DAY)],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    tot = forms.DateField(
        label=_("Up to and including"),
        required=False,
        validators=[MinValueValidator(FIRST_DAY), MaxValueValidator(LAST_DAY)],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, data, *, organizations):
        super().__init__(data)
        self.fields["organisatie"].choices = [
            ("", _("All organizations")),
            *((organization.pk, organization.name) for organization in organizations),
        ]
        self.fields["actie"].choices = [
            ("", _("All actions")),
            *((group, list(codes.items())) for group, codes in action_groups()),
        ]
        for field in self.fields.values():
            kind = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = kind

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("van"), cleaned.get("tot")
        if start and end and start > end:
            self.add_error("tot", _("Choose a day on or after the first day."))
        return cleaned

    def filter(self, events):
        """``events`` narrowed by the valid filters."""
        if not self.is_bound:
            return events
        # What is valid narrows the list; an invalid filter shows its error instead.
        self.is_valid()
        data = self.cleaned_data
        if data.get("organisatie"):
            events = events.filter(organization_id=data["organisatie"])
        if data.get("actie"):
            events = events.filter(action=data["actie"])
        if data.get("gebruiker"):
            words = data["gebruiker"].strip()
            events = events.filter(
                Q(user__username__icontains=words)
                | Q(user__first_name__icontains=words)
                | Q(user__last_name__icontains=words)
            )
        if data.get("van"):
            events = events.filter(created_at__gte=_start_of(data["van"]))
        if data.get("tot"):
            events = events.filter(created_at__lt=_start_of(data["tot"] + datetime.timedelta(1)))
        return events


def object_of(value):
    """The content type and primary key that ``?object=`` names; None if it names
    nothing known."""
    found = OBJECT_PATTERN.match(value or "")
    try:
        model = apps.get_model(found["app"], found["model"]) if found else None
    except LookupError:
        return None
    return (ContentType.objects.get_for_model(model), found["pk"]) if model else None


def _start_of(day):
    """Midnight at the start of ``day`` in Amsterdam."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


# What a row shows of the event's account and organization, read with the event (two
# joins, where select_related's three made PostgreSQL plan longer than it ran); the
# content types come from Django's own cache of them.
SHOWN_COLUMNS = {
    "by_username": F("user__username"),
    "by_first_name": F("user__first_name"),
    "by_last_name": F("user__last_name"),
    "organization_name": F("organization__name"),
    "organization_slug": F("organization__slug"),
    "organization_kind": F("organization__kind"),
}


def trail_rows(events, municipality_url):
    """The table's rows of ``events`` (annotated with SHOWN_COLUMNS): each event with
    its action's label, what it keeps (:func:`details`), who did it, the kind of its
    object and the address of its municipality's page. Each label is translated once."""
    labels, shown = actions(), {}
    nobody = str(_("the system or a resident"))
    rows = []
    for event in events:
        if event.action not in shown:
            shown[event.action] = str(labels.get(event.action, event.action))
        kind = ""
        if event.object_type_id:
            event.object_type = ContentType.objects.get_for_id(event.object_type_id)
            kind = capfirst(event.object_type.name)
        municipal = event.organization_kind == OrganizationKind.MUNICIPALITY
        rows.append(
            {
                "event": event,
                "label": shown[event.action],
                "details": details(event),
                "by": display_name_of(
                    event.by_username, event.by_first_name, event.by_last_name, nobody
                ),
                "kind": kind,
                "organization_url": f"{municipality_url}{event.organization_slug}/"
                if municipal
                else "",
            }
        )
    return rows


def details(event):
    """What an event keeps, as (label, old, new) rows ready to show: the label with a
    capital, a choice's label instead of its code, the values cut at SHOWN_CHARACTERS.
    ``old`` is None for a value that was not changed but recorded (a period, a comment)."""
    model = event.object_type.model_class() if event.object_type_id else None
    rows = []
    data = event.data if isinstance(event.data, dict) else {"": event.data}
    for key, value in data.items():
        if key == "changes" and isinstance(value, dict):
            for name, change in value.items():
                if isinstance(change, dict):
                    field = _field(model, name)
                    rows.append(
                        (
                            capfirst(str(field.verbose_name) if field else name),
                            _shown(_choice(field, change.get("old"))),
                            _shown(_choice(field, change.get("new"))),
                        )
                    )
            continue
        shown = _choice(_field(model, key), value)
        rows.append((capfirst(DETAIL_LABELS.get(key, key)), None, _shown(shown)))
    return rows


def _field(model, name):
    """The model's field ``name`` (None if the model has none of that name)."""
    try:
        return model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return None


def _choice(field, value):
    """The label of ``value`` if it is one of the field's choices, else the value."""
    if field is None or not getattr(field, "choices", None) or not isinstance(value, (str, int)):
        return value
    return dict(field.flatchoices).get(value, value)


def _shown(value):
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (list, tuple)):
        return Truncator(", ".join(str(item) for item in value) or "–").chars(SHOWN_CHARACTERS)
    return Truncator(str(value)).chars(SHOWN_CHARACTERS)


def trail_url(user, obj, **filters):
    """The address of ``obj``'s own trail (or, with ``filters``, of the trail so
    filtered), for who may read it; None for everyone else."""
    if not is_region_coordinator(user, obj):
        return None
    query = QueryDict(mutable=True)
    if filters:
        query.update(filters)
    else:
        query["object"] = object_key(obj)
    return f"{reverse('audit_trail')}?{query.urlencode()}"
