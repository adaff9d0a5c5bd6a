"""Read-only foreign keys in the admin that link only where the user may follow the
link (:class:`RelatedAsText`, part of every region-scoped admin: toolbox_site/admin.py)."""

from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets


class RelatedAsText:
    """Read-only foreign keys that link only where the user may follow the link.

    Django shows a read-only foreign key as a link to the related object's admin page
    without asking whether the user may open it, so a coordinator met links to accounts
    and regions that answer 403. Here such a field shows the related object as text
    when the user may not view its model in the admin (the history pages ask the same,
    toolbox_site/history_admin.py).
    """

    TEXT = "{}_as_text"  # the name under which a field shows as text

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._related = {
            field.name: field
            for field in self.model._meta.get_fields()
            if field.concrete and (field.many_to_one or field.one_to_one)
        }
        for field in self._related.values():
            setattr(self, self.TEXT.format(field.name), self._as_text(field))

    def _as_text(self, field):
        @admin.display(description=field.verbose_name)
        def shown(obj):
            value = getattr(obj, field.name)
            return self.get_empty_value_display() if value is None else str(value)

        return shown

    def _unlinked(self, request, names):
        """Of ``names`` (fields shown read-only), the foreign keys whose model the user
        may not view in the admin."""
        unlinked = set()
        for name in names:
            field = self._related.get(name) if isinstance(name, str) else None
            related = field and self.admin_site._registry.get(field.related_model)
            if field and not (related and related.has_view_permission(request)):
                unlinked.add(name)
        return unlinked

    def get_readonly_fields(self, request, obj=None):
        names = list(super().get_readonly_fields(request, obj))
        # The fields themselves stay read-only too, so the form never offers them.
        return names + [self.TEXT.format(name) for name in self._unlinked(request, names)]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and not self.has_change_permission(request, obj):
            # A page to look at: Django shows every field read-only.
            unlinked = self._unlinked(request, flatten_fieldsets(fieldsets))
        else:
            # Those made read-only here (an admin that overrides get_readonly_fields
            # without asking this class keeps Django's links).
            readonly = self.get_readonly_fields(request, obj)
            unlinked = {
                name
                for name in self._unlinked(request, readonly)
                if self.TEXT.format(name) in readonly
            }
        if not unlinked:
            return fieldsets
        seen = set()

        def shown(name):
            name = self.TEXT.format(name) if name in unlinked else name
            if name in seen:  # get_fields lists the read-only fields after the form's
                return None
            seen.add(name)
            return name

        result = []
        for title, options in fieldsets:
            lines = []
            for line in options["fields"]:
                if isinstance(line, (list, tuple)):
                    line = [name for name in map(shown, line) if name]
                    if line:
                        lines.append(line)
                elif name := shown(line):
                    lines.append(name)
            result.append((title, {**options, "fields": lines}))
        return result
