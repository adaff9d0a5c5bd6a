"""Who may do what with practice examples (``user.has_perm``; found by
rules.apps.AutodiscoverRulesConfig). The same answers as the querysets'
``for_user`` / ``editable_by`` (practice/models.py)."""

import rules

from toolbox_site.access import access_for
from toolbox_site.choices import WRITE_ROLES
from toolbox_site.permissions import can_change, can_view, manages_all_regions


@rules.predicate
def is_member(user):
    """Belongs to an organization (or coordinates a region): reads every published example."""
    if manages_all_regions(user):
        return True
    access = access_for(user)
    return bool(access.roles or access.coordinated_regions)


@rules.predicate
def is_published(user, example):
    return example is not None and example.published


@rules.predicate
def edits_a_municipality(user, obj=None):
    """An editor of a municipality, or a coordinator of a region: may write examples.
    With an example: may change that example (its municipality's editors, the region's
    coordinators)."""
    if obj is not None:
        return can_change(user, obj)
    if manages_all_regions(user):
        return True
    access = access_for(user)
    return bool(access.coordinated_regions) or any(
        access.roles.get(pk) in WRITE_ROLES for pk in access.municipalities
    )


may_read = (is_member & is_published) | can_view

rules.add_perm("practice.read_example", may_read)
rules.add_perm("practice.write_examples", edits_a_municipality)
rules.add_perm("practice.change_example", can_change)
rules.add_perm("practice.publish_example", can_change)

# The admin: the same rules, by Django's permission names.
rules.add_perm("practice.view_practiceexample", edits_a_municipality)
rules.add_perm("practice.add_practiceexample", edits_a_municipality)
rules.add_perm("practice.change_practiceexample", edits_a_municipality)
rules.add_perm("practice.delete_practiceexample", edits_a_municipality)
