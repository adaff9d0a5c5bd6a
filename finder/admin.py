"""Admin of the finder: life situations (a shared reference list, kept by any
region coordinator), anonymous search counts and residents' reports (each
coordinator sees their own region)."""

from django.contrib import admin

from network.admin import ReferenceAdmin
from toolbox_site.admin import RegionScopedAdmin
from toolbox_site.history_admin import HistoryAdmin

from .models import FinderSearch, LifeSituation, ServiceReport


@admin.register(LifeSituation)
class LifeSituationAdmin(ReferenceAdmin, HistoryAdmin):
    list_display = ["name", "slug", "long_term_care", "order"]
    list_filter = ["long_term_care", "life_domains"]
    search_fields = ["name", "question", "slug"]
    filter_horizontal = ["life_domains", "target_groups", "laws", "roles"]


@admin.register(FinderSearch)
class FinderSearchAdmin(RegionScopedAdmin):
    region_path = "municipality__region"
    list_display = ["date", "municipality", "situation", "result_count", "independent_found"]
    list_filter = ["independent_found", "situation"]
    list_select_related = ["municipality", "situation"]
    date_hierarchy = "date"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ServiceReport)
class ServiceReportAdmin(RegionScopedAdmin):
    """To look at only. Residents make reports on the site, and editors close them there
    (finder/views/reports.py): with who closed it and when, in the audit trail, and
    deleted in time (finder/services.py). A save here did none of that, and adding
    one ended in a server error (a report without its service)."""

    region_path = "service__owning_organization__region"
    list_display = ["created_at", "service", "reason", "status", "led_to_change"]
    list_filter = ["status", "reason", "led_to_change"]
    list_select_related = ["service"]
    search_fields = ["service__name", "text"]
    readonly_fields = ["uuid", "service", "reason", "text", "created_at", "closed_at", "closed_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
