"""The monitoring format and the reports filled in with it.

A ``MonitoringFormat`` (for municipalities or for care offices, per quarter,
half-year or year) has ``Section``s with ``Indicator``s; an indicator may be
broken down by a ``Dimension`` (age group, referral source, ...) into its
``DimensionItem``s. ``ValidationRule``s check more than one field. A ``Report``
is one organization's answers for one ``Period``; each answer is a ``Value``
(the total when ``dimension_item`` is empty, else one cell of the breakdown).

Empty and zero differ: a missing ``Value`` (or one with neither number nor
text) means "not reported"; ``number=0`` means zero.

A format that has reports is locked: its sections, indicators and rules are
never changed under those reports. Changing it means a new version
(``monitoring.services.copy_format``); the old reports keep theirs.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from toolbox_site.dates import show_date
from toolbox_site.history import HistoricalRecords
from toolbox_site.models import Organization, OwnedQuerySet

#: The kinds of organization that report: municipalities and the care office.
REPORTING_KINDS = [Organization.Kind.MUNICIPALITY, Organization.Kind.CARE_OFFICE]


class PeriodType(models.TextChoices):
    QUARTER = "quarter", _("quarter")
    HALF_YEAR = "half_year", _("half-year")
    YEAR = "year", _("year")


class FormatLockedError(ValidationError):
    """A change to a format that already has reports."""


class MonitoringFormatQuerySet(OwnedQuerySet):
    """Formats belong to the region team that keeps them."""


class MonitoringFormat(models.Model):
    data_scope = ("organization",)  # where its data shows (toolbox_site/data_scope.py)

    class OrganizationKind(models.TextChoices):
        MUNICIPALITY = Organization.Kind.MUNICIPALITY.value, _("municipality")
        CARE_OFFICE = Organization.Kind.CARE_OFFICE.value, _("care office")

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="monitoring_formats",
        verbose_name=_("maintained by"),
        help_text=_("The region team whose coordinators maintain this format."),
    )
    name = models.CharField(_("name"), max_length=150)
    version = models.PositiveIntegerField(_("version"), default=1)
    organization_kind = models.CharField(
        _("filled in by"), max_length=20, choices=OrganizationKind.choices
    )
    period_type = models.CharField(
        _("period type"), max_length=20, choices=PeriodType.choices, default=PeriodType.QUARTER
    )
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(
        _("in use"),
        default=True,
        help_text=_("New reports use the active format of the highest version."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MonitoringFormatQuerySet.as_manager()

    class Meta:
        ordering = ["name", "-version"]
        verbose_name = _("monitoring format")
        verbose_name_plural = _("monitoring formats")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name", "version"],
                name="monitoring_format_unique_version",
                violation_error_message=_("This format already has this version."),
            )
        ]

    def __str__(self):
        return f"{self.name} (v{self.version})"

    @property
    def owning_organization(self):
        return self.organization

    @property
    def locked(self):
        """True once reports use this format: then it is never changed under them."""
        if self.pk is None:
            return False
        cached = getattr(self, "_locked", None)
        if cached is None:
            cached = self._locked = self.reports.exists()
        return cached

    def check_unlocked(self):
        if self.locked:
            raise FormatLockedError(
                _(
                    "The format “%(format)s” already has reports, so it cannot be changed. "
                    "Make a new version instead."
                ),
                params={"format": str(self)},
                code="locked",
            )


class PeriodQuerySet(models.QuerySet):
    def open(self):
        return self.filter(is_open=True)


class Period(models.Model):
    Type = PeriodType

    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    deadline = models.DateField(_("deadline"))
    is_open = models.BooleanField(
        _("open for entry"),
        default=True,
        help_text=_("Reports of a closed period can no longer be filled in or submitted."),
    )

    objects = PeriodQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "type"]
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        constraints = [
            models.UniqueConstraint(
                fields=["type", "start"],
                name="monitoring_period_unique",
                violation_error_message=_("This period already exists."),
            ),
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")),
                name="monitoring_period_end_after_start",
                violation_error_message=_("The last day comes before the first day."),
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self):
        if self.type == self.Type.QUARTER:
            return _("Q%(quarter)s %(year)s") % {
                "quarter": (self.start.month - 1) // 3 + 1,
                "year": self.start.year,
            }
        if self.type == self.Type.HALF_YEAR:
            return _("H%(half)s %(year)s") % {
                "half": 1 if self.start.month <= 6 else 2,
                "year": self.start.year,
            }
        return str(self.start.year)

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The last day comes before the first day.")})

    @staticmethod
    def quarter_bounds(year, quarter):
        start = datetime.date(year, 3 * (quarter - 1) + 1, 1)
        end_month = 3 * quarter
        next_start = (
            datetime.date(year + 1, 1, 1)
            if end_month == 12
            else datetime.date(year, end_month + 1, 1)
        )
        return start, next_start - datetime.timedelta(days=1)

    def deadline_words(self, today=None):
        """The deadline in plain words: "closes in 5 days", "closed since 3 March"."""
        today = today or datetime.date.today()
        days = (self.deadline - today).days
        when = show_date(self.deadline)
        if not self.is_open:
            return _("closed, deadline was %(date)s") % {"date": when}
        if days > 1:
            return _("closes in %(days)s days (%(date)s)") % {"days": days, "date": when}
        if days == 1:
            return _("closes tomorrow (%(date)s)") % {"date": when}
        if days == 0:
            return _("closes today")
        return _("deadline passed on %(date)s; the period is still open") % {"date": when}


class Dimension(models.Model):
    """A breakdown such as life domain, referral source, age group, target group or law."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("breakdown")
        verbose_name_plural = _("breakdowns")

    def __str__(self):
        return self.name


class DimensionItem(models.Model):
    dimension = models.ForeignKey(
        Dimension, on_delete=models.CASCADE, related_name="items", verbose_name=_("breakdown")
    )
    code = models.SlugField(_("code"), max_length=50)
    label = models.CharField(_("label"), max_length=150)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["dimension", "order", "pk"]
        verbose_name = _("breakdown item")
        verbose_name_plural = _("breakdown items")
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "code"],
                name="monitoring_dimension_item_unique_code",
                violation_error_message=_("This breakdown already has an item with this code."),
            )
        ]

    def __str__(self):
        return self.label


class Section(models.Model):
    data_scope = ("format__organization",)  # where its data shows (toolbox_site/data_scope.py)

    format = models.ForeignKey(
        MonitoringFormat,
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name=_("format"),
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = OwnedQuerySet.through("format__organization").as_manager()

    class Meta:
        ordering = ["format", "order", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.title

    @property
    def owning_organization(self):
        return self.format.organization

    def clean(self):
        if self.format_id:
            self.format.check_unlocked()


class Indicator(models.Model):
    data_scope = ("format__organization",)  # where its data shows (toolbox_site/data_scope.py)

    class ValueType(models.TextChoices):
        WHOLE = "whole", _("whole number")
        DECIMAL = "decimal", _("decimal number")
        PERCENTAGE = "percentage", _("percentage")
        YES_NO = "yes_no", _("yes/no")
        CHOICE = "choice", _("choice")
        TEXT = "text", _("text")

    NUMERIC_TYPES = (ValueType.WHOLE, ValueType.DECIMAL, ValueType.PERCENTAGE)

    class Aggregation(models.TextChoices):
        SUM = "sum", _("sum")
        AVERAGE = "average", _("average")

    format = models.ForeignKey(
        MonitoringFormat,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("format"),
    )
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("section")
    )
    code = models.SlugField(
        _("code"),
        max_length=50,
        help_text=_("Short, fixed code, used in the spreadsheet download, e.g. clients_new."),
    )
    label = models.CharField(_("label"), max_length=200)
    help_text = models.TextField(_("help text"), blank=True)
    value_type = models.CharField(
        _("type of value"), max_length=20, choices=ValueType.choices, default=ValueType.WHOLE
    )
    choices = models.TextField(
        _("choices"),
        blank=True,
        help_text=_("Only for the type “choice”: one option per line."),
    )
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    min_value = models.DecimalField(
        _("minimum"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("maximum"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    required = models.BooleanField(_("required"), default=True)
    dimension = models.ForeignKey(
        Dimension,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("breakdown"),
    )
    aggregation = models.CharField(
        _("aggregation"), max_length=10, choices=Aggregation.choices, default=Aggregation.SUM
    )
    public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the public dashboard.")
    )
    criteria = models.ManyToManyField(
        "criteria.Criterion",
        blank=True,
        related_name="indicators",
        verbose_name=_("quality criteria"),
        help_text=_("The regional quality criteria this indicator shows progress on."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = OwnedQuerySet.through("format__organization").as_manager()

    class Meta:
        ordering = ["format", "section__order", "order", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["format", "code"],
                name="monitoring_indicator_unique_code",
                violation_error_message=_("This format already has an indicator with this code."),
            )
        ]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        if self.section_id and not self.format_id:
            self.format_id = self.section.format_id
        super().save(*args, **kwargs)

    @property
    def owning_organization(self):
        return self.format.organization

    @property
    def is_numeric(self):
        return self.value_type in self.NUMERIC_TYPES or self.value_type == self.ValueType.YES_NO

    @property
    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    @property
    def effective_min(self):
        if self.min_value is not None:
            return self.min_value
        if self.value_type in self.NUMERIC_TYPES:
            return Decimal(0)  # counts, durations and shares are never negative
        return None

    @property
    def effective_max(self):
        if self.max_value is not None:
            return self.max_value
        if self.value_type == self.ValueType.PERCENTAGE:
            return Decimal(100)
        return None

    def clean(self):
        if self.section_id:
            self.format = self.section.format
            self.format.check_unlocked()
        if self.value_type == self.ValueType.CHOICE and not self.choice_list:
            raise ValidationError({"choices": _("A choice needs at least one option.")})
        if self.dimension_id and not self.is_numeric:
            raise ValidationError({"dimension": _("Only numbers can be broken down.")})
        if (
            self.min_value is not None
            and self.max_value is not None
            and self.min_value > self.max_value
        ):
            raise ValidationError({"max_value": _("The maximum is below the minimum.")})


class ValidationRule(models.Model):
    data_scope = ("format__organization",)  # where its data shows (toolbox_site/data_scope.py)

    class Kind(models.TextChoices):
        BREAKDOWN_TOTAL = "breakdown_total", _("breakdown adds up to the total")
        COMPARISON = "comparison", _("comparison between two indicators")

    class Operator(models.TextChoices):
        LT = "lt", "<"
        LTE = "lte", "≤"
        EQ = "eq", "="
        GTE = "gte", "≥"
        GT = "gt", ">"

    format = models.ForeignKey(
        MonitoringFormat,
        on_delete=models.CASCADE,
        related_name="rules",
        verbose_name=_("format"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("indicator"),
        help_text=_("For a breakdown rule: the indicator whose breakdown is added up."),
    )
    operator = models.CharField(
        _("comparison"), max_length=5, choices=Operator.choices, default=Operator.LTE
    )
    other_indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("other indicator"),
        help_text=_(
            "For a comparison: the right-hand side. For a breakdown rule: the total it must "
            "add up to (empty: the indicator's own total)."
        ),
    )
    message = models.CharField(
        _("message"),
        max_length=300,
        blank=True,
        help_text=_("Optional: the error in plain words. Empty: a standard message."),
    )

    objects = OwnedQuerySet.through("format__organization").as_manager()

    class Meta:
        ordering = ["format", "pk"]
        verbose_name = _("validation rule")
        verbose_name_plural = _("validation rules")

    def __str__(self):
        if self.kind == self.Kind.BREAKDOWN_TOTAL:
            return _("%(indicator)s: breakdown adds up to the total") % {
                "indicator": self.indicator.code
            }
        other = self.other_indicator.code if self.other_indicator_id else "?"
        return f"{self.indicator.code} {self.get_operator_display()} {other}"

    @property
    def owning_organization(self):
        return self.format.organization

    def clean(self):
        if self.format_id:
            self.format.check_unlocked()
        if self.indicator_id and self.format_id and self.indicator.format_id != self.format_id:
            raise ValidationError({"indicator": _("Choose an indicator of this format.")})
        if self.other_indicator_id and self.other_indicator.format_id != self.format_id:
            raise ValidationError({"other_indicator": _("Choose an indicator of this format.")})
        if (
            self.kind == self.Kind.BREAKDOWN_TOTAL
            and self.indicator_id
            and not self.indicator.dimension_id
        ):
            raise ValidationError({"indicator": _("This indicator has no breakdown.")})
        if self.kind == self.Kind.COMPARISON and not self.other_indicator_id:
            raise ValidationError({"other_indicator": _("A comparison needs two indicators.")})


class ReportQuerySet(OwnedQuerySet):
    def reviewable_by(self, user):
        """Reports the user reviews: those of the regions they coordinate."""
        return self.coordinated_by(user)


class Report(models.Model):
    data_scope = ("organization",)  # where its data shows (toolbox_site/data_scope.py)

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        APPROVED = "approved", _("approved")
        RETURNED = "returned", _("returned")

    EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="monitoring_reports",
        verbose_name=_("organization"),
    )
    format = models.ForeignKey(
        MonitoringFormat, on_delete=models.PROTECT, related_name="reports", verbose_name=_("format")
    )
    period = models.ForeignKey(
        Period, on_delete=models.PROTECT, related_name="reports", verbose_name=_("period")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised on every save; guards against overwriting.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last changed by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    returned_at = models.DateTimeField(_("returned"), null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("returned by"),
    )
    return_comment = models.TextField(_("reason for returning"), blank=True)
    reopened_at = models.DateTimeField(_("reopened"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reopened by"),
    )

    history = HistoricalRecords()
    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-period__start", "organization__name"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "format", "period"],
                name="monitoring_report_unique",
                violation_error_message=_(
                    "This organization already has a report with this format for this period."
                ),
            )
        ]
        indexes = [models.Index(fields=["period", "status"], name="monitoring_report_period")]

    def __str__(self):
        return f"{self.organization} – {self.period}"

    def get_absolute_url(self):
        return reverse("monitoring:report", kwargs={"pk": self.pk})

    @property
    def open_return_comment(self):
        """The coordinator's reason for returning, while it still needs answering.

        Saving a returned report makes it a draft again; the reason stays in view
        until the report is submitted anew.
        """
        if self.status not in self.EDITABLE_STATUSES or not self.return_comment:
            return ""
        if self.returned_at is None:
            return ""
        if self.submitted_at is not None and self.submitted_at > self.returned_at:
            return ""
        return self.return_comment

    @property
    def owning_organization(self):
        return self.organization

    @property
    def is_editable_state(self):
        return self.status in self.EDITABLE_STATUSES

    def clean(self):
        if (
            self.organization_id
            and self.format_id
            and self.organization.kind != self.format.organization_kind
        ):
            raise ValidationError({"format": _("This format is for another kind of organization.")})
        if self.format_id and self.period_id and self.format.period_type != self.period.type:
            raise ValidationError({"period": _("This format uses another kind of period.")})


def format_number(number, indicator=None):
    """A stored number as the pages show it: no trailing zeros, a decimal comma; yes or
    no for a yes/no indicator."""
    if number is None:
        return ""
    if indicator is not None and indicator.value_type == Indicator.ValueType.YES_NO:
        return gettext("yes") if number else gettext("no")
    number = Decimal(number)
    normalized = number.normalize() if number == number.to_integral() else number
    text = f"{normalized:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


class ValueQuerySet(OwnedQuerySet):
    owner_field = "report__organization"

    def reported(self):
        """Values that say something: empty means "not reported", not zero."""
        return self.filter(Q(number__isnull=False) | ~Q(text=""))


class Value(models.Model):
    data_scope = ("report__organization",)  # where its data shows (toolbox_site/data_scope.py)

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="values", verbose_name=_("report")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="values", verbose_name=_("indicator")
    )
    dimension_item = models.ForeignKey(
        DimensionItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="values",
        verbose_name=_("breakdown item"),
        help_text=_("Empty for the total."),
    )
    number = models.DecimalField(_("number"), max_digits=14, decimal_places=4, null=True)
    text = models.TextField(_("text"), blank=True)
    comment = models.TextField(_("comment"), blank=True)

    history = HistoricalRecords()
    objects = ValueQuerySet.as_manager()

    class Meta:
        verbose_name = _("value")
        verbose_name_plural = _("values")
        constraints = [
            # NULL never equals NULL in a unique constraint: one for the totals, one for the cells.
            models.UniqueConstraint(
                fields=["report", "indicator"],
                condition=Q(dimension_item__isnull=True),
                name="monitoring_value_unique_total",
            ),
            models.UniqueConstraint(
                fields=["report", "indicator", "dimension_item"],
                condition=Q(dimension_item__isnull=False),
                name="monitoring_value_unique_item",
            ),
        ]
        indexes = [models.Index(fields=["indicator", "report"], name="monitoring_value_indicator")]

    def __str__(self):
        where = f" / {self.dimension_item}" if self.dimension_item_id else ""
        shown = self.text if self.number is None else format_number(self.number, self.indicator)
        return f"{self.indicator.code}{where}: {shown}"

    @property
    def owning_organization(self):
        return self.report.organization

    @property
    def is_empty(self):
        return self.number is None and not self.text


# --- What the deadline reminders have sent, so that each goes out once ---------
# (sent by ``manage.py send_monitoring_reminders``, see ``monitoring/reminders.py``)


class ReminderSent(models.Model):
    class Kind(models.TextChoices):
        BEFORE = "before", _("a week before the deadline")
        AFTER = "after", _("a day after the deadline")

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="monitoring_reminders",
        verbose_name=_("organization"),
    )
    period = models.ForeignKey(
        "monitoring.Period",
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("period"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    recipients = models.TextField(_("recipients"), blank=True)

    objects = OwnedQuerySet.through("organization").as_manager()

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "period", "kind"],
                name="monitoring_reminder_once",
            )
        ]

    def __str__(self):
        return f"{self.organization} – {self.period} ({self.get_kind_display()})"

    @property
    def owning_organization(self):
        return self.organization
