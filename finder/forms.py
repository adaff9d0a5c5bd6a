from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from toolbox_site.forms import RadioWithoutBlankMixin, VersionMixin
from toolbox_site.locking import latest_history_id
from toolbox_site.validators import ControlCharactersMixin
from toolbox_site.widgets import Select

from .models import AgeGroup, FinderEmbed, FinderLanguage, Preference, ServiceReport


class FinderForm(RadioWithoutBlankMixin, ControlCharactersMixin, forms.Form):
    """The finder's GET form. Choices come from lists the view read once, so
    validating costs no queries; an unknown slug is a field error, not a 500."""

    gemeente = forms.ChoiceField(
        label=_("In which municipality do you live?"),
        error_messages={
            "required": _("Choose your municipality."),
            "invalid_choice": _("We do not know this municipality. Choose it from the list."),
        },
    )
    situatie = forms.ChoiceField(
        label=_("What is your question about?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what your question is about."),
            "invalid_choice": _("We do not know this situation. Choose one from the list."),
        },
    )
    leeftijd = forms.ChoiceField(
        label=_("Who needs help? (optional)"),
        required=False,
        widget=forms.RadioSelect,
        choices=[("", _("I'd rather not say")), *list(AgeGroup.choices)],
        error_messages={"invalid_choice": _("Choose an age group from the list.")},
    )
    voorkeur = forms.ChoiceField(
        label=_("Who would you like to talk to? (optional)"),
        required=False,
        widget=forms.RadioSelect,
        choices=[("", _("No preference")), *list(Preference.choices)],
        error_messages={"invalid_choice": _("Choose a preference from the list.")},
    )
    taal = forms.ChoiceField(
        label=_("Would you like help in another language? (optional)"),
        required=False,
        choices=[("", _("Dutch is fine")), *list(FinderLanguage.choices)],
        error_messages={"invalid_choice": _("Choose a language from the list.")},
    )

    def __init__(self, data=None, *, municipalities, situations, **kwargs):
        """``municipalities``: (slug, name) pairs; ``situations``: LifeSituation objects."""
        super().__init__(data, **kwargs)
        self.fields["gemeente"].choices = [("", _("Choose your municipality")), *municipalities]
        self.fields["situatie"].choices = [(s.slug, s.question) for s in situations]


class ServiceReportForm(RadioWithoutBlankMixin, ControlCharactersMixin, forms.ModelForm):
    reason = forms.ChoiceField(
        label=_("What is not right?"),
        widget=forms.RadioSelect,
        choices=ServiceReport.Reason.choices,
        error_messages={
            "required": _("Choose what is not right."),
            "invalid_choice": _("Choose one of the options."),
        },
    )
    text = forms.CharField(
        label=_("Explanation (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    class Meta:
        model = ServiceReport
        fields = ["reason", "text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        days = settings.REPORT_TEXT_RETENTION_DAYS
        self.fields["text"].help_text = ngettext(
            "Do not write anything about yourself here: no name, address, phone number "
            "or anything about your health. Write only what is wrong with the entry. "
            "At most 1,000 characters. We delete this text %(days)d day after the "
            "report is dealt with.",
            "Do not write anything about yourself here: no name, address, phone number "
            "or anything about your health. Write only what is wrong with the entry. "
            "At most 1,000 characters. We delete this text %(days)d days after the "
            "report is dealt with.",
            days,
        ) % {"days": days}


class CloseReportForm(ControlCharactersMixin, forms.Form):
    note = forms.CharField(
        label=_("Note"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What did you do with this report?"),
    )
    led_to_change = forms.BooleanField(
        label=_("I changed the entry because of this report"), required=False
    )


class UnmetDemandFilterForm(ControlCharactersMixin, forms.Form):
    """The unmet-demand page's filters and order (GET). The choices are what the user
    may see, read by the view; anything else is a field error and is left out."""

    SORTS = {
        # key: (label, order_by, the column it sorts, ascending); every order ends in
        # the row's id, so that pages never repeat or skip a row.
        "recent": (
            _("Most recent month first"),
            ("-month", "municipality_name", "situation_name", "pk"),
            "month",
            False,
        ),
        "share": (
            _("Highest share without a match first"),
            ("-share", "-searches", "-month", "municipality_name", "situation_name", "pk"),
            "share",
            False,
        ),
        "without": (
            _("Most searches without a match first"),
            ("-without_match", "-month", "municipality_name", "situation_name", "pk"),
            "without",
            False,
        ),
        "searches": (
            _("Most searches first"),
            ("-searches", "-month", "municipality_name", "situation_name", "pk"),
            "searches",
            False,
        ),
        "municipality": (
            _("Municipality, A to Z"),
            ("municipality_name", "-month", "situation_name", "pk"),
            "municipality",
            True,
        ),
        "situation": (
            _("Life situation, A to Z"),
            ("situation_name", "-month", "municipality_name", "pk"),
            "situation",
            True,
        ),
    }

    regio = forms.ChoiceField(label=_("Region"), required=False, widget=Select)
    gemeente = forms.ChoiceField(label=_("Municipality"), required=False, widget=Select)
    situatie = forms.ChoiceField(label=_("Life situation"), required=False, widget=Select)
    maand = forms.ChoiceField(label=_("Month"), required=False, widget=Select)
    sorteer = forms.ChoiceField(label=_("Order"), required=False, widget=Select)
    tekort = forms.BooleanField(
        label=_("Only where residents found no independent client support"), required=False
    )

    def __init__(self, data, *, regions, municipalities, situations, months):
        super().__init__(data)
        everything = [("", _("All"))]
        self.fields["regio"].choices = everything + regions
        self.fields["gemeente"].choices = everything + municipalities
        self.fields["situatie"].choices = everything + situations
        self.fields["maand"].choices = everything + months
        self.fields["sorteer"].choices = [(key, sort[0]) for key, sort in self.SORTS.items()]
        if len(regions) < 2:
            del self.fields["regio"]  # one region: nothing to choose

    def filters(self):
        """The valid filters: a field with a wrong value counts as not chosen."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def sort(self):
        key = self.filters().get("sorteer") or "recent"
        return key, self.SORTS[key]


class FinderEmbedForm(VersionMixin, forms.ModelForm):
    """The websites that may show a municipality's finder in a frame, one origin a line."""

    MAX_ORIGINS = 10

    class Meta:
        model = FinderEmbed
        fields = ["origins"]
        widgets = {"origins": forms.Textarea(attrs={"rows": 4, "spellcheck": "false"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("version", self.instance.version)
        self.initial.setdefault("based_on", latest_history_id(self.instance))

    def clean_origins(self):
        origins = []
        for number, line in enumerate(self.cleaned_data["origins"].split(), start=1):
            origin = normal_origin(line)
            if origin is None:
                raise ValidationError(
                    _(
                        "Line %(number)d is not a web address of a website: write it as "
                        "https://www.example.nl, without a path."
                    ),
                    params={"number": number},
                    code="invalid",
                )
            if origin not in origins:
                origins.append(origin)
        if len(origins) > self.MAX_ORIGINS:
            raise ValidationError(
                ngettext(
                    "At most %(count)d website, please.",
                    "At most %(count)d websites, please.",
                    self.MAX_ORIGINS,
                ),
                params={"count": self.MAX_ORIGINS},
                code="too_many",
            )
        return "\n".join(origins)


def normal_origin(text):
    """``https://Host[:port]`` in lower case, or None when ``text`` is not such an
    origin (another scheme, a path, a query, a user name, a host that is not one)."""
    if len(text) > 200:
        return None
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() != "https" or not parts.hostname:
        return None
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        return None
    origin = f"https://{parts.hostname.lower()}" + (f":{port}" if port else "")
    try:
        URLValidator(schemes=["https"])(origin)
    except ValidationError:
        return None
    return origin
