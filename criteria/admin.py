from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from toolbox_site.admin import ConstraintChecking, RegionScopedAdmin, TabularInline, region_filter
from toolbox_site.history_admin import HistoryAdmin
from toolbox_site.models import Organization, Region
from toolbox_site.permissions import is_region_coordinator, manages_all_regions
from toolbox_site.versioned_admin import VersionChecked

from .models import (
    Criterion,
    Framework,
    LocalAgreement,
    Theme,
    Training,
    TrainingSession,
    TrainingTopic,
)
from .services import publish_framework


class CriteriaRegionAdmin(RegionScopedAdmin, HistoryAdmin):
    """Region-scoped, with history, diff and revert (django-simple-history).

    Choices of regions, frameworks, themes and criteria are narrowed to the
    coordinator's own regions, so nothing can be moved into another region.
    """

    def _has(self, request, action, obj):
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}", obj)

    # The admin asks without the object; asking with it keeps a coordinator out of
    # another region's objects everywhere, also in the history and revert views.
    def has_view_permission(self, request, obj=None):
        return self._has(request, "view", obj) or self._has(request, "change", obj)

    def has_change_permission(self, request, obj=None):
        return self._has(request, "change", obj)

    def has_delete_permission(self, request, obj=None):
        return self._has(request, "delete", obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not manages_all_regions(request.user):
            regions = Region.objects.coordinated_by(request.user)
            narrowed = {
                "region": regions,
                "framework": Framework.objects.filter(region__in=regions),
                "theme": Theme.objects.filter(framework__region__in=regions),
                "criterion": Criterion.objects.filter(framework__region__in=regions),
                "training": Training.objects.filter(region__in=regions),
            }
            if db_field.name in narrowed:
                kwargs["queryset"] = narrowed[db_field.name]
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "criteria":
            kwargs["queryset"] = Criterion.objects.filter(
                framework__region__in=Region.objects.coordinated_by(request.user)
            ).select_related("framework")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ThemeInline(TabularInline):
    model = Theme
    extra = 0
    fields = ["order", "name", "description"]
    show_change_link = True


class CriterionInline(ConstraintChecking, admin.StackedInline):
    model = Criterion
    extra = 0
    fields = [("code", "order", "applies_to"), "title", "explanation", "questions", "source"]
    show_change_link = True


@admin.register(Framework)
class FrameworkAdmin(CriteriaRegionAdmin):
    list_display = ["name", "version", "region", "status", "published_on"]
    list_filter = ["status", region_filter("region")]
    search_fields = ["name"]
    list_select_related = ["region"]
    ordering = ["region__name", "-version"]
    inlines = [ThemeInline]
    actions = ["publish"]
    readonly_fields = ["status", "published_on"]

    @admin.action(description=_("Publish the selected draft framework"))
    def publish(self, request, queryset):
        for framework in queryset:
            if not request.user.has_perm("criteria.change_framework", framework):
                continue
            try:
                result = publish_framework(framework, request.user)
            except ValidationError as error:
                self.message_user(request, f"{framework}: {error.messages[0]}", messages.ERROR)
                continue
            self.message_user(
                request,
                ngettext(
                    "%(framework)s is published; %(count)d agreement was carried over "
                    "(%(review)d to review).",
                    "%(framework)s is published; %(count)d agreements were carried over "
                    "(%(review)d to review).",
                    result.carried,
                )
                % {"framework": framework, "count": result.carried, "review": result.to_review},
                messages.SUCCESS,
            )


@admin.register(Theme)
class ThemeAdmin(CriteriaRegionAdmin):
    region_path = "framework__region"
    list_display = ["name", "framework", "order"]
    list_filter = [
        region_filter("framework__region"),
        ("framework", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["name", "description"]
    list_select_related = ["framework"]
    ordering = ["framework", "order"]
    inlines = [CriterionInline]


@admin.register(Criterion)
class CriterionAdmin(CriteriaRegionAdmin):
    region_path = "framework__region"
    list_display = ["code", "title", "theme", "applies_to", "framework"]
    list_filter = [
        "applies_to",
        region_filter("framework__region"),
        ("framework", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["code", "title", "explanation"]
    list_select_related = ["theme", "framework"]
    ordering = ["framework", "theme__order", "order"]


@admin.register(LocalAgreement)
class LocalAgreementAdmin(VersionChecked, CriteriaRegionAdmin):
    region_path = "municipality__region"
    list_display = ["municipality", "criterion", "status", "area", "review_date", "needs_review"]
    list_filter = ["status", "area", "needs_review", region_filter("municipality__region")]
    search_fields = ["municipality__name", "criterion__code", "criterion__title", "text"]
    list_select_related = ["municipality", "criterion"]
    readonly_fields = ["updated_by", "updated_at", "version"]
    raw_id_fields = ["criterion"]
    # Hundreds of thousands of rows nationally: grouped per municipality on the index
    # of the one-agreement-per-criterion constraint (newest first walked the whole
    # table backwards for a region's older rows), and no second count of all rows.
    ordering = ["municipality_id", "criterion_id"]
    show_full_result_count = False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "municipality":
            kwargs["queryset"] = Organization.objects.municipalities().coordinated_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


class TrainingSessionInline(TabularInline):
    model = TrainingSession
    extra = 1


@admin.register(Training)
class TrainingAdmin(CriteriaRegionAdmin):
    list_display = ["title", "provider", "audience", "format", "accredited", "region"]
    list_filter = ["audience", "format", "accredited", "topics", region_filter("region")]
    search_fields = ["title", "description", "provider"]
    list_select_related = ["region"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["topics", "criteria"]
    ordering = ["title"]
    inlines = [TrainingSessionInline]


@admin.register(TrainingTopic)
class TrainingTopicAdmin(ConstraintChecking, admin.ModelAdmin):
    """Topics are shared by all regions: coordinators add and rename them."""

    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def has_module_permission(self, request):
        return is_region_coordinator(request.user)
