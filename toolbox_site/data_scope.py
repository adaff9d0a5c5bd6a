"""Where a row's data shows: the organizations and regions it belongs to.

A model names them with ``data_scope``, paths to organizations or regions, e.g.
``("owning_organization", "municipalities")`` for a service. :func:`places` turns a
row into places, (kind, id, region id) with kind "municipality" or "region", that
toolbox_site/freshness.py raises the data versions of. Lookups go through ``memo``
(one per transaction), so a cascade of a thousand values reads its report once.
"""

from django.apps import apps

from .choices import OrganizationKind

# Models of other apps: where their rows belong.
SCOPES = {"auth.user": ("memberships__organization",)}


def paths_of(model):
    """The model's ``data_scope``: paths to the organizations or regions its rows
    belong to (None: nowhere in particular)."""
    return SCOPES.get(model._meta.label_lower, getattr(model, "data_scope", None))


def _target(model, path):
    for segment in path.split("__"):
        model = model._meta.get_field(segment).related_model
    return model


def _lookup(model, pk, path, memo):
    key = (model._meta.label_lower, pk, path)
    if key not in memo:
        memo[key] = set(model._base_manager.filter(pk=pk).values_list(path, flat=True)) - {None}
    return memo[key]


def _ids(instance, path, stored, memo):
    """The ids at the end of ``path`` for ``instance``: as stored in the database
    (``stored``, before a save) or as the instance holds them now."""
    model = type(instance)
    if stored:
        return set(model._base_manager.filter(pk=instance.pk).values_list(path, flat=True)) - {None}
    first, _, rest = path.partition("__")
    field = model._meta.get_field(first)
    if field.many_to_one:
        pk = getattr(instance, field.attname)
        if pk is None:
            return set()
        return {pk} if not rest else _lookup(field.related_model, pk, rest, memo)
    return _lookup(model, instance.pk, path, {}) if instance.pk is not None else set()


def _organizations(ids, memo):
    Organization = apps.get_model("toolbox_site", "Organization")
    missing = [pk for pk in ids if ("organization", pk) not in memo]
    for pk, region_id, kind in Organization.objects.filter(pk__in=missing).values_list(
        "pk", "region_id", "kind"
    ):
        memo[("organization", pk)] = (kind, pk, region_id)
    return [memo.get(("organization", pk)) for pk in ids]


def places(instance, stored=False, memo=None):
    """Where ``instance``'s data shows: a set of (kind, id, region id) with kind
    "municipality" or "region"; None when not known."""
    Region = apps.get_model("toolbox_site", "Region")
    Organization = apps.get_model("toolbox_site", "Organization")
    model = type(instance)
    memo = {} if memo is None else memo
    if model is Region:
        # Every page that spans municipalities offers the choice of all regions: a
        # region's change builds every page anew. Regions are made once, rarely renamed.
        return None
    if model is Organization:
        # Organizations' names show across regions (a service of one serves another's
        # municipalities): a change of one builds every page anew. They rarely change.
        memo.pop(("organization", instance.pk), None)
        return None
    paths, organizations, regions = paths_of(model), set(), set()
    if not paths:
        return None
    for path in paths:
        target = _target(model, path)
        found = _ids(instance, path, stored, memo)
        (regions if target is Region else organizations).update(found)
    return where(organizations, regions, memo)


def places_of_rows(model, pks, memo=None):
    """Where the stored rows ``pks`` of ``model`` show, together (one query a path, not
    one a row: the other side of a many-to-many change); None when not known."""
    Region = apps.get_model("toolbox_site", "Region")
    paths, organizations, regions = paths_of(model), set(), set()
    if not paths:
        return None
    if not pks:
        return set()
    for path in paths:
        found = set(model._base_manager.filter(pk__in=pks).values_list(path, flat=True)) - {None}
        (regions if _target(model, path) is Region else organizations).update(found)
    return where(organizations, regions, {} if memo is None else memo)


def where(organizations, regions, memo):
    """The places of these organizations and regions (None if one has no region)."""
    places = {("region", pk, pk) for pk in regions}
    for found in _organizations(organizations, memo):
        if found is None or found[2] is None:
            return None
        kind, pk, region_id = found
        places.add((_kind(kind), pk, region_id))
    return places


def _kind(organization_kind):
    return "municipality" if organization_kind == OrganizationKind.MUNICIPALITY else "region"
