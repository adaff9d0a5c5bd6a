"""`__in` on integer columns ignores numbers the column can't hold.

Django already does this for `exact`, `lt`, `gt` and friends (an out-of-range
number matches nothing), but not for `__in`. Form fields that accept several
ids (ModelMultipleChoiceField, django-filter's multiple-choice filters, the
admin) look them up with `pk__in`, so `?municipalities=9223372036854775808`
raised OverflowError on SQLite: a 500 where the user should see "not one of
the available choices". The two lookups here fix every such field at once.
"""

from django.db.models import ForeignObject, IntegerField
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import In


class SkipOutOfRange:
    def process_rhs(self, compiler, connection):
        field = self.lhs.output_field
        while getattr(field, "target_field", None) is not None:
            field = field.target_field
        if self.rhs_is_direct_value() and isinstance(field, IntegerField):
            low, high = connection.ops.integer_field_range(field.get_internal_type())
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


class IntegerFieldIn(SkipOutOfRange, In):
    pass


class RelatedIntegerIn(SkipOutOfRange, RelatedIn):
    pass


def register():
    """Use these for ``__in`` on integer columns and foreign keys (from AppConfig.ready)."""
    IntegerField.register_lookup(IntegerFieldIn)
    ForeignObject.register_lookup(RelatedIntegerIn)
