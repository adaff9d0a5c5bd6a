"""Several short read-only lists in one statement: a UNION ALL of their queries, each
row tagged with the list it belongs to.

A page that shows, say, a service's municipalities, life domains, target groups and
laws asks for them in one round trip instead of four::

    laws = Law.objects.filter(services=service)
    domains = LifeDomain.objects.filter(services=service)
    lists = tagged_rows(
        {
            "laws": (laws, {"ref": F("slug"), "label": F("abbreviation")}),
            "life_domains": (domains, {"ref": F("slug"), "label": F("name")}),
        }
    )
    lists["laws"]  # [(slug, label), ...]
"""

from django.db.models import IntegerField, Value

_TAG = "union_list"


def tagged_rows(lists, order_by=()):
    """Run ``lists`` (name → (queryset, columns)) as one UNION ALL query; return name →
    its rows, each a tuple of the columns' values in the columns' order.

    ``columns`` maps a column name (not one of the model's fields) to an expression
    (``F(...)``, ``Value(...)``). Every
    list names the same columns in the same order: a UNION takes its branches' columns
    by position, so a ``Value`` standing where another list has a column gets that
    column's ``output_field``. ``order_by``: column names to sort each list's rows by,
    in the database; without it the rows come in no particular order."""
    names = list(lists)
    queries = [
        queryset.order_by()
        .annotate(**{_TAG: Value(number, output_field=IntegerField())}, **columns)
        .values_list(_TAG, *columns)
        for number, (queryset, columns) in enumerate(lists.values())
    ]
    union = queries[0].union(*queries[1:], all=True)
    if order_by:
        union = union.order_by(_TAG, *order_by)
    rows = {name: [] for name in names}
    for number, *values in union:
        rows[names[number]].append(tuple(values))
    return rows
