"""The admin's history pages (django-simple-history) as the coordinators need them.

Changes are shown word by word (``word_diff``; the markup lives in
``templates/simple_history/object_history_list.html``) instead of simple-history's
shortened "[83 chars]" texts, and the person who made a change is a link only for
someone who may open that account in the admin.
"""

import difflib
import re

from django.contrib.auth import get_user_model
from django.utils.text import capfirst
from simple_history.admin import SimpleHistoryAdmin

WORDS = re.compile(r"(\s+)")


def _text(value):
    if value is None or value == "":
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


def word_diff(old, new):
    """``[{"kind": "same" | "removed" | "added", "text": ...}]`` for two values."""
    before, after = WORDS.split(_text(old)), WORDS.split(_text(new))
    parts = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append({"kind": "same", "text": "".join(before[a1:a2])})
            continue
        if a2 > a1:
            parts.append({"kind": "removed", "text": "".join(before[a1:a2])})
        if b2 > b1:
            parts.append({"kind": "added", "text": "".join(after[b1:b2])})
    return [part for part in parts if part["text"]]


class HistoryAdmin(SimpleHistoryAdmin):
    """``SimpleHistoryAdmin`` with readable, Dutch history pages. Use it for every model."""

    def history_view(self, request, object_id, extra_context=None):
        user_admin = self.admin_site._registry.get(get_user_model())
        may_open_users = bool(user_admin and user_admin.has_view_permission(request))
        extra_context = {**(extra_context or {}), "may_open_users": may_open_users}
        return super().history_view(request, object_id, extra_context=extra_context)

    def _value(self, field, value):
        if field.many_to_many:
            key = field.m2m_reverse_field_name()
            pks = [row.get(key) for row in value or ()]
            objects = field.related_model._default_manager.filter(pk__in=pks)
            return sorted(str(obj) for obj in objects)
        return value

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        previous = None
        for current in historical_records:
            if previous is None:
                previous = current
                continue
            delta = previous.diff_against(current, foreign_keys_are_objs=foreign_keys_are_objs)
            changes = []
            for change in delta.changes:
                field = self.model._meta.get_field(change.field)
                changes.append(
                    {
                        "field": capfirst(field.verbose_name),
                        "words": word_diff(
                            self._value(field, change.old), self._value(field, change.new)
                        ),
                    }
                )
            previous.history_delta_changes = changes
            previous = current
