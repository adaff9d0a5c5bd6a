"""Who may download a municipality's material: its editors and the coordinators of its
region (the same people who keep its data, ``can_change`` in toolbox_site/permissions.py).
Viewers and other municipalities' editors may not: the material carries the network's
contact details as the municipality hands them out."""

import rules

from toolbox_site.permissions import can_change


@rules.predicate
def makes_material(user, municipality):
    return municipality is not None and can_change(user, municipality)


rules.add_perm("material.download_material", makes_material)
