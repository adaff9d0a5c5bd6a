from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from toolbox_site.admin import ConstraintChecking, RegionScopedAdmin
from toolbox_site.history_admin import HistoryAdmin
from toolbox_site.models import Organization
from toolbox_site.permissions import is_region_coordinator
from toolbox_site.versioned_admin import VersionChecked

from .models import (
    Law,
    LifeDomain,
    Link,
    Provider,
    Role,
    RoleCategory,
    Service,
    ServiceImport,
    Step,
    StepProgress,
    TargetGroup,
    VerificationReminder,
)

ORGANIZATION_FIELDS = {"owning_organization", "maintained_by", "organization", "municipality"}


class ReferenceAdmin(ConstraintChecking, admin.ModelAdmin):
    """Shared reference lists: any region coordinator keeps them."""

    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["uuid"]

    def has_module_permission(self, request):
        return is_region_coordinator(request.user)


@admin.register(Law)
class LawAdmin(ReferenceAdmin):
    list_display = ["abbreviation", "name", "slug", "order"]
    search_fields = ["name", "abbreviation"]


@admin.register(LifeDomain)
class LifeDomainAdmin(ReferenceAdmin):
    pass


@admin.register(TargetGroup)
class TargetGroupAdmin(ReferenceAdmin):
    pass


@admin.register(RoleCategory)
class RoleCategoryAdmin(ReferenceAdmin):
    list_display = ["code", "name", "slug", "order"]
    search_fields = ["code", "name"]


@admin.register(Role)
class RoleAdmin(ReferenceAdmin):
    list_display = [
        "name",
        "category",
        "formality",
        "gives_support",
        "spots_and_refers",
        "decides_access",
        "order",
    ]
    list_filter = ["category", "formality", "laws", "gives_support", "spots_and_refers"]
    list_select_related = ["category"]
    search_fields = ["name", "description", "does_not"]
    filter_horizontal = ["laws"]


@admin.register(Step)
class StepAdmin(ConstraintChecking, admin.ModelAdmin):
    list_display = ["number", "title", "slug"]
    ordering = ["number"]
    search_fields = ["title", "guidance"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["uuid"]

    def has_module_permission(self, request):
        return is_region_coordinator(request.user)


class ScopedChoicesMixin:
    """Coordinators only pick organizations of their own region."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in ORGANIZATION_FIELDS and db_field.remote_field.model is Organization:
            queryset = kwargs.get("queryset") or Organization.objects.all()
            kwargs["queryset"] = queryset.coordinated_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "municipalities":
            kwargs["queryset"] = Organization.objects.municipalities().coordinated_by(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Provider)
class ProviderAdmin(ScopedChoicesMixin, RegionScopedAdmin):
    region_path = "maintained_by__region"
    list_display = ["name", "kind", "organization", "maintained_by"]
    list_filter = ["kind", "maintained_by__region"]
    search_fields = ["name", "website"]
    list_select_related = ["organization", "maintained_by"]
    readonly_fields = ["uuid"]


@admin.register(Service)
class ServiceAdmin(VersionChecked, ScopedChoicesMixin, HistoryAdmin, RegionScopedAdmin):
    region_path = "owning_organization__region"
    list_display = [
        "name",
        "role",
        "provider",
        "owning_organization",
        "formality",
        "verified_on",
        "archived",
    ]
    list_filter = [
        "archived",
        "formality",
        "independent",
        "free",
        "role__category",
        "owning_organization__region",
        "owning_organization",
    ]
    search_fields = ["name", "description", "provider__name", "email"]
    list_select_related = ["role", "provider", "owning_organization"]
    autocomplete_fields = ["provider"]
    filter_horizontal = ["municipalities", "life_domains", "target_groups", "laws"]
    # Room for new clients is stated on the service's page, whose service layer dates
    # the statement (network/services.py); the admin shows it.
    readonly_fields = [
        "uuid",
        "version",
        "created_at",
        "updated_at",
        "accepts_new_clients",
        "waiting_weeks",
        "capacity_stated_on",
    ]
    date_hierarchy = "verified_on"
    fieldsets = [
        (None, {"fields": ["name", "owning_organization", "provider", "role", "description"]}),
        (
            _("Scope"),
            {"fields": ["municipalities", "life_domains", "target_groups", "laws"]},
        ),
        (
            _("Character"),
            {
                "fields": [
                    "formality",
                    "independent",
                    "free",
                    "languages",
                    "minimum_age",
                    "maximum_age",
                ]
            },
        ),
        (
            _("Contact"),
            {
                "fields": [
                    "phone",
                    "email",
                    "website",
                    "visiting_address",
                    "postal_code",
                    "city",
                    "opening_hours",
                ]
            },
        ),
        (
            _("Up to date"),
            {
                "fields": [
                    "verified_on",
                    "verified_by",
                    "accepts_new_clients",
                    "waiting_weeks",
                    "capacity_stated_on",
                    "archived",
                    "uuid",
                    "version",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]


@admin.register(Link)
class LinkAdmin(VersionChecked, ScopedChoicesMixin, HistoryAdmin, RegionScopedAdmin):
    region_path = "municipality__region"
    list_display = ["from_service", "kind", "to_service", "municipality"]
    list_filter = ["kind", "municipality__region", "municipality"]
    search_fields = ["from_service__name", "to_service__name", "note"]
    list_select_related = ["from_service", "to_service", "municipality"]
    autocomplete_fields = ["from_service", "to_service"]
    readonly_fields = ["version"]


@admin.register(StepProgress)
class StepProgressAdmin(VersionChecked, ScopedChoicesMixin, HistoryAdmin, RegionScopedAdmin):
    region_path = "municipality__region"
    list_display = ["municipality", "step", "status", "date", "updated_by"]
    list_filter = ["status", "step", "municipality__region"]
    search_fields = ["municipality__name", "note"]
    list_select_related = ["municipality", "step", "updated_by"]
    readonly_fields = ["version"]


@admin.register(VerificationReminder)
class VerificationReminderAdmin(RegionScopedAdmin):
    region_path = "organization__region"
    list_display = ["service", "organization", "month", "sent_at"]
    list_filter = ["month", "organization__region"]
    search_fields = ["service__name", "organization__name"]
    list_select_related = ["service", "organization"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ServiceImport)
class ServiceImportAdmin(RegionScopedAdmin):
    region_path = "organization__region"
    list_display = ["file_name", "organization", "user", "status", "created_at"]
    list_filter = ["status", "organization__region"]
    list_select_related = ["organization", "user"]
    exclude = ["rows"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
