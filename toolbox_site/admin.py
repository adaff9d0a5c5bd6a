from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent, Membership, Organization, Region
from .permissions import access_for, is_region_coordinator


class RegionScopedAdmin(admin.ModelAdmin):
    """Admin for data owned by organizations: coordinators see their own region only.

    Rights come from the permission module (``toolbox_site.permissions``)
    through ``user.has_perm``; this class only narrows lists and choices.
    """

    region_path = "region"

    def has_module_permission(self, request):
        return is_region_coordinator(request.user)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        regions = access_for(request.user).coordinated_regions
        return queryset.filter(**{f"{self.region_path}__in": regions})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organization" and not request.user.is_superuser:
            kwargs["queryset"] = Organization.objects.filter(
                region__in=access_for(request.user).coordinated_regions
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organization)
class OrganizationAdmin(RegionScopedAdmin):
    list_display = ["name", "kind", "region", "cbs_code", "inhabitants", "participates"]
    list_filter = ["kind", "participates", "region"]
    search_fields = ["name", "cbs_code", "email"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["region"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "region"]}),
        (_("Municipality"), {"fields": ["cbs_code", "inhabitants", "participates"]}),
        (_("Contact"), {"fields": ["email", "phone", "website"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        # Coordinators keep their organizations up to date, but do not move
        # them to another region or change what kind they are.
        if request.user.is_superuser:
            return []
        return ["kind", "region", "slug"]

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if request.user.is_superuser else {}


@admin.register(Membership)
class MembershipAdmin(RegionScopedAdmin):
    region_path = "organization__region"
    list_display = ["user", "organization", "role"]
    list_filter = ["role", "organization__kind", "organization__region"]
    search_fields = ["user__username", "user__email", "organization__name"]
    autocomplete_fields = ["user"]
    list_select_related = ["user", "organization"]


@admin.register(AuditEvent)
class AuditEventAdmin(RegionScopedAdmin):
    """The audit log, read-only for everyone: entries are never changed or deleted."""

    region_path = "organization__region"
    list_display = ["created_at", "action", "object_repr", "organization", "user"]
    list_filter = ["action", "organization__kind", "organization__region"]
    search_fields = ["action", "object_repr", "user__username", "organization__name"]
    list_select_related = ["organization", "user"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "created_at",
        "user",
        "organization",
        "action",
        "object_type",
        "object_id",
        "object_repr",
        "data",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
