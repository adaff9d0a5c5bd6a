"""Admin: region coordinators maintain their formats; reports and values keep their history.

A format with reports is locked (``MonitoringFormat.locked``): its fields,
sections, indicators and rules are read-only here; the action "Make a new
version" copies it so it can be changed.
"""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy

from criteria.models import Criterion, Framework
from toolbox_site.admin import ConstraintChecking, RegionScopedAdmin, TabularInline, region_filter
from toolbox_site.history_admin import HistoryAdmin
from toolbox_site.models import Organization, Region
from toolbox_site.permissions import coordinates_a_region, manages_all_regions
from toolbox_site.validators import ControlCharactersMixin
from toolbox_site.versioned_admin import VersionChecked

from . import services
from .models import (
    Dimension,
    DimensionItem,
    Indicator,
    MonitoringFormat,
    Period,
    Report,
    Section,
    ValidationRule,
    Value,
    format_number,
)


class LockedInlineMixin:
    """Inlines of a locked format are read-only."""

    def _locked(self, obj):
        fmt = getattr(obj, "format", obj) if obj is not None else None
        return fmt is not None and isinstance(fmt, MonitoringFormat) and fmt.locked

    def has_add_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_delete_permission(request, obj)


class SectionInline(LockedInlineMixin, TabularInline):
    model = Section
    extra = 0
    fields = ["order", "title", "description"]
    show_change_link = True


class ValidationRuleInline(LockedInlineMixin, TabularInline):
    model = ValidationRule
    extra = 0
    fields = ["kind", "indicator", "operator", "other_indicator", "message"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in ("indicator", "other_indicator"):
            format_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Indicator.objects.filter(format_id=format_id or 0)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(MonitoringFormat)
class MonitoringFormatAdmin(RegionScopedAdmin):
    region_path = "organization__region"
    list_display = ["name", "version", "organization_kind", "period_type", "active", "organization"]
    list_filter = [
        "organization_kind",
        "period_type",
        "active",
        region_filter("organization__region"),
    ]
    search_fields = ["name"]
    list_select_related = ["organization"]
    inlines = [SectionInline, ValidationRuleInline]
    actions = ["make_new_version"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organization":
            kwargs["queryset"] = Organization.objects.filter(
                kind=Organization.Kind.REGION_TEAM
            ).coordinated_by(request.user)
            return admin.ModelAdmin.formfield_for_foreignkey(self, db_field, request, **kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.locked:
            return ["organization", "name", "version", "organization_kind", "period_type"]
        return []

    @admin.action(description=_("Make a new version (copy) of the selected formats"))
    def make_new_version(self, request, queryset):
        copies = [services.copy_format(fmt) for fmt in queryset]
        self.message_user(
            request,
            ngettext(
                "%(count)d new version made; the old one stays with its reports.",
                "%(count)d new versions made; the old ones stay with their reports.",
                len(copies),
            )
            % {"count": len(copies)},
            messages.SUCCESS,
        )


class IndicatorInline(LockedInlineMixin, ConstraintChecking, admin.StackedInline):
    model = Indicator
    extra = 0
    fields = [
        ("order", "code", "label"),
        "help_text",
        ("value_type", "unit", "aggregation"),
        ("min_value", "max_value", "required", "public"),
        "dimension",
        "choices",
    ]


@admin.register(Section)
class SectionAdmin(RegionScopedAdmin):
    region_path = "format__organization__region"
    list_display = ["title", "format", "order"]
    list_filter = ["format"]
    search_fields = ["title"]
    list_select_related = ["format"]
    inlines = [IndicatorInline]

    def has_module_permission(self, request):
        return False  # reached through the format

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "format":
            kwargs["queryset"] = MonitoringFormat.objects.filter(
                organization__in=Organization.objects.coordinated_by(request.user)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.format.locked:
            return ["format", "title", "description", "order"]
        return []

    def save_formset(self, request, form, formset, change):
        for instance in formset.save(commit=False):
            instance.format = form.instance.format
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()


class IndicatorCriteriaForm(ControlCharactersMixin, forms.ModelForm):
    """An indicator of a format that has reports: only its links to the quality
    criteria change. The indicator itself is neither validated nor saved again (its
    format is locked: Indicator.clean refuses any change)."""

    class Meta:
        model = Indicator
        fields = ["criteria"]

    def _post_clean(self):
        pass


@admin.register(Indicator)
class IndicatorAdmin(RegionScopedAdmin):
    region_path = "format__organization__region"
    list_display = ["code", "label", "value_type", "unit", "dimension", "required", "format"]
    list_filter = ["format", "value_type", "public"]
    search_fields = ["code", "label"]
    list_select_related = ["format", "dimension"]
    exclude = ["format"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None and obj.format.locked:
            kwargs["form"] = IndicatorCriteriaForm
            kwargs["fields"] = ["criteria"]
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is not None and obj.format.locked:  # criteria last, the rest read-only
            return [name for name in fields if name != "criteria"] + ["criteria"]
        return fields

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.format.locked:
            kept = ("id", "format", "criteria")
            return [
                field.name
                for field in Indicator._meta.get_fields()
                if field.concrete and field.editable and field.name not in kept
            ]
        return super().get_readonly_fields(request, obj)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "criteria":
            # The published criteria of the regions the coordinator keeps.
            kwargs["queryset"] = (
                Criterion.objects.filter(
                    framework__status=Framework.Status.PUBLISHED,
                    framework__region__in=Region.objects.coordinated_by(request.user),
                )
                .select_related("framework")
                .order_by("framework__region__name", "code")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change and obj.format.locked:
            return  # only the links change (save_related)
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.format.locked:
            return False
        return super().has_delete_permission(request, obj)


class DimensionItemInline(TabularInline):
    model = DimensionItem
    extra = 0
    fields = ["order", "code", "label"]


@admin.register(Dimension)
class DimensionAdmin(ConstraintChecking, admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    inlines = [DimensionItemInline]

    def has_module_permission(self, request):
        return coordinates_a_region(request.user)

    def has_change_permission(self, request, obj=None):
        # Shared by every region: items that reports already use stay as they are.
        if (
            obj is not None
            and not manages_all_regions(request.user)
            and obj.indicators.filter(format__reports__isnull=False).exists()
        ):
            return False
        return super().has_change_permission(request, obj)


@admin.register(Period)
class PeriodAdmin(ConstraintChecking, admin.ModelAdmin):
    list_display = ["__str__", "type", "start", "end", "deadline", "is_open"]
    list_filter = ["type", "is_open"]
    date_hierarchy = "start"

    def has_module_permission(self, request):
        return coordinates_a_region(request.user)


@admin.display(description=_("number"))
def shown_number(value):
    """The number as the site shows it ("17", "5,2"; the column stores four decimals)."""
    return format_number(value.number, value.indicator) or "-"


class ValueInline(TabularInline):
    model = Value
    extra = 0
    fields = ["indicator", "dimension_item", shown_number, "text", "comment"]
    readonly_fields = fields
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("indicator", "dimension_item")

    def has_add_permission(self, request, obj=None):
        return False


class PeriodYearFilter(admin.SimpleListFilter):
    """The year a report's period begins in: ten years of quarterly reports are ten
    links here, not forty periods (the period column sorts within a year)."""

    title = _("year")
    parameter_name = "jaar"

    def lookups(self, request, model_admin):
        years = Period.objects.dates("start", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        # A year nobody offered (typed into the address) shows no reports, not an error.
        if not (value.isascii() and value.isdigit() and len(value) == 4):
            return queryset.none()
        return queryset.filter(period__start__year=int(value))


@admin.register(Report)
class ReportAdmin(VersionChecked, HistoryAdmin, RegionScopedAdmin):
    """Reports follow the workflow: the status changes only through the actions."""

    region_path = "organization__region"
    list_display = ["organization", "period", "format", "status", "updated_at"]
    list_filter = [
        "status",
        PeriodYearFilter,
        "organization__kind",
        region_filter("organization__region"),
    ]
    search_fields = ["organization__name"]
    list_select_related = ["organization", "period", "format"]
    inlines = [ValueInline]
    actions = ["approve_reports", "reopen_reports"]
    readonly_fields = [
        "organization",
        "format",
        "period",
        "status",
        "version",
        "updated_by",
        "submitted_at",
        "submitted_by",
        "approved_at",
        "approved_by",
        "returned_at",
        "returned_by",
        "return_comment",
        "reopened_at",
        "reopened_by",
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return manages_all_regions(request.user)

    def _transition(self, request, queryset, function, done):
        count = 0
        for report in queryset:
            try:
                function(report, request.user)
                count += 1
            except services.TransitionError as error:
                self.message_user(request, f"{report}: {error.message}", messages.WARNING)
        if count:
            self.message_user(request, done % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Approve the selected submitted reports"))
    def approve_reports(self, request, queryset):
        self._transition(
            request,
            queryset,
            services.approve,
            ngettext_lazy("%(count)s report approved.", "%(count)s reports approved.", "count"),
        )

    @admin.action(description=_("Reopen the selected approved reports"))
    def reopen_reports(self, request, queryset):
        self._transition(
            request,
            queryset,
            services.reopen,
            ngettext_lazy("%(count)s report reopened.", "%(count)s reports reopened.", "count"),
        )


@admin.register(Value)
class ValueAdmin(HistoryAdmin, RegionScopedAdmin):
    """Values read-only, with their history; they are changed through the report form."""

    region_path = "report__organization__region"
    list_display = ["report", "indicator", "dimension_item", shown_number, "text"]
    list_filter = ["indicator__format", "report__period"]
    list_select_related = ["report__organization", "report__period", "indicator", "dimension_item"]
    readonly_fields = ["report", "indicator", "dimension_item", shown_number, "text", "comment"]

    def has_module_permission(self, request):
        return False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
