"""Publishing and unpublishing a versioned row (a document, a practice example): one
way for every app, with the lock and version check of toolbox_site/locking.py and an
entry in the audit trail."""

from django.db import transaction
from django.utils import timezone

from .audit import log_action
from .locking import lock


def set_published(queryset, obj, published, expected_version, user, actions, details=None):
    """Publish (``published=True``) or unpublish ``obj``, seen at ``expected_version``;
    ``Conflict`` when it changed since. Publishing what is published changes nothing.

    ``actions``: the audit codes ``(published, unpublished)``; ``details(current)``: the
    audit entry's data."""
    with transaction.atomic():
        current = lock(queryset, expected_version, pk=obj.pk)
        if current.published == published:
            return current
        current.published = published
        if published:
            current.published_at = timezone.now()
        current.version += 1
        current.save(update_fields=["published", "published_at", "version", "updated_at"])
        log_action(
            user,
            current,
            actions[0] if published else actions[1],
            details(current) if details else {},
        )
    return current
