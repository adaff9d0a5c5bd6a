"""History tracking that writes one record per change, many-to-many fields included.

django-simple-history writes a record on ``save()`` and then one more record for every
many-to-many change (``post_add``, ``post_remove``, ``post_clear``): a service created
through the form, whose municipalities, life domains, target groups and laws are set
after the save, got four "saved without change" rows. Here a many-to-many change right
after a save of the same object updates that save's record (its snapshot of that
relation, the others left as they are) instead; a many-to-many change on its own
still gets one record.

Use this class instead of ``simple_history.models.HistoricalRecords`` for every model.
"""

from django.conf import settings
from simple_history import models as simple_history_models


class HistoricalRecords(simple_history_models.HistoricalRecords):
    def create_historical_record_m2ms(self, history_instance, instance):
        super().create_historical_record_m2ms(history_instance, instance)
        # The record this object's next many-to-many change belongs to.
        instance._toolbox_history_record = history_instance

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
            return
        if hasattr(instance, "skip_history_when_saving"):
            return
        if action not in ("post_add", "post_remove", "post_clear"):
            return
        record = getattr(instance, "_toolbox_history_record", None)
        if reverse or record is None or not self._is_latest(instance, record):
            super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
            return
        # Only the relation that changed is taken again: a service saved with four
        # relations set after it would otherwise copy every relation four times.
        changed = [field for field in record._history_m2m_fields if field.name == attr]
        for field in changed:
            self.m2m_models[field].objects.filter(history=record).delete()
        record._history_m2m_fields = changed  # this record only; the class keeps them all
        try:
            self.create_historical_record_m2ms(record, instance)
        finally:
            del record._history_m2m_fields

    def _is_latest(self, instance, record):
        """Only the newest record may be completed: older ones are the past."""
        manager = getattr(instance, self.manager_name)
        latest = manager.order_by("-history_date", "-history_id").values_list("pk", flat=True)
        return latest.first() == record.pk
