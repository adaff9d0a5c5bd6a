"""Documents in the admin: read only, for the coordinators of their region. They are
written on the site's own pages (/documenten/), through documents/services.py, so
every change is version-checked and in the audit trail; "View on site" leads there."""

from django.contrib import admin

from toolbox_site.admin import RegionScopedAdmin, TabularInline, region_filter
from toolbox_site.versioned_admin import VersionChecked

from .models import Document, DocumentFile


class DocumentFileInline(TabularInline):
    model = DocumentFile
    extra = 0
    fields = ["number", "original_name", "content_type", "size", "uploaded_at", "uploaded_by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("documents.change_document", obj)


@admin.register(Document)
class DocumentAdmin(VersionChecked, RegionScopedAdmin):
    """Read only; should it ever save, the version guards it like every other admin."""

    list_display = ["title", "pillar", "published", "updated_at", "region"]
    list_filter = ["pillar", "published", "audiences", region_filter("region")]
    list_select_related = ["region"]
    search_fields = ["title", "summary"]
    ordering = ["title"]
    fields = [
        "title",
        "slug",
        "summary",
        "pillar",
        "audiences",
        "region",
        "external_url",
        "published",
        "published_at",
        "updated_at",
        "version",
    ]
    readonly_fields = fields
    inlines = [DocumentFileInline]

    def get_queryset(self, request):
        # The documents the user keeps (and reads): those of the regions they coordinate.
        return super().get_queryset(request).managed_by(request.user)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("documents.change_document", obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
