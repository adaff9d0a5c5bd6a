"""Who may do what with the finder's models in the admin: life situations are a
shared reference list, kept by any region coordinator; search counts and
residents' reports belong to the coordinator's region."""

import rules

from toolbox_site.permissions import coordinates_a_region, is_region_coordinator

for _action in ("view", "add", "change", "delete"):
    rules.add_perm(f"finder.{_action}_lifesituation", coordinates_a_region)
    rules.add_perm(f"finder.{_action}_servicereport", is_region_coordinator)
rules.add_perm("finder.view_findersearch", is_region_coordinator)
rules.add_perm("finder.delete_findersearch", is_region_coordinator)
