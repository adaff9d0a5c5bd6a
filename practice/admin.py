from django.contrib import admin
from django.utils import timezone

from toolbox_site.admin import RegionScopedAdmin, region_filter
from toolbox_site.audit import changes_of, log_action
from toolbox_site.history_admin import HistoryAdmin
from toolbox_site.models import Organization
from toolbox_site.versioned_admin import VersionChecked

from . import services
from .models import PracticeExample


@admin.register(PracticeExample)
class PracticeExampleAdmin(VersionChecked, HistoryAdmin, RegionScopedAdmin):
    """The examples of the coordinator's region (``editable_by``); its municipalities'
    editors write them on the site (/praktijk/)."""

    region_path = "municipality__region"
    list_display = ["title", "municipality", "pillar", "published", "published_at"]
    list_filter = ["published", "pillar", region_filter("municipality__region")]
    search_fields = ["title", "what_was_done", "what_it_brought"]
    list_select_related = ["municipality"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["criteria", "roles"]
    readonly_fields = ["version", "published_at", "created_at", "updated_at"]

    def get_queryset(self, request):
        # The same rows as the site's editors may change: the coordinator's region.
        queryset = PracticeExample.objects.editable_by(request.user)
        ordering = self.get_ordering(request)
        return queryset.order_by(*ordering) if ordering else queryset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "municipality":
            kwargs["queryset"] = Organization.objects.municipalities().editable_by(request.user)
        elif db_field.name == "contact_organization":
            kwargs["queryset"] = Organization.objects.editable_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "criteria":
            kwargs["queryset"] = (
                db_field.related_model.objects.filter(
                    framework__region__in=Organization.objects.editable_by(request.user).values(
                        "region_id"
                    )
                )
                .select_related("framework")
                .order_by("framework", "code")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if obj.published and obj.published_at is None:
            obj.published_at = timezone.now()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        action = "practice.example.changed" if change else "practice.example.created"
        log_action(request.user, form.instance, action, {"changes": changes_of(form)})

    def delete_model(self, request, obj):
        services.delete_example(obj, request.user)

    def delete_queryset(self, request, queryset):
        for example in queryset:
            services.delete_example(example, request.user)
