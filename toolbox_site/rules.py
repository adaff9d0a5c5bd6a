"""Who may do what with the core's models (``user.has_perm``), on the predicates
of toolbox_site/permissions.py. Each pillar app has a rules.py of its own."""

import rules

from .permissions import can_change, can_view, is_region_coordinator, manages_all_regions

rules.add_perm("toolbox.view", can_view)
rules.add_perm("toolbox.change", can_change)
rules.add_perm("toolbox.manage_all_regions", manages_all_regions)


# Django admin: region coordinators manage the organizations and memberships of
# their own region. Creating or deleting organizations stays with superusers.
rules.add_perm("toolbox_site.view_organization", is_region_coordinator)
rules.add_perm("toolbox_site.change_organization", is_region_coordinator)
rules.add_perm("toolbox_site.view_membership", is_region_coordinator)
rules.add_perm("toolbox_site.add_membership", is_region_coordinator)
rules.add_perm("toolbox_site.change_membership", is_region_coordinator)
rules.add_perm("toolbox_site.delete_membership", is_region_coordinator)
rules.add_perm("toolbox_site.view_auditevent", is_region_coordinator)

# Accounts: coordinators do NOT get auth.view_user (the user list shows every
# region's accounts); the membership form has its own account picker
# (MembershipAdmin.accounts_view), and they invite new colleagues into the
# organizations of their region. Managing accounts stays with superusers.
rules.add_perm("toolbox_site.invite_member", is_region_coordinator)
