"""Who may do what with the network's models in the admin (``user.has_perm``).

Reference lists (shared by every region) are kept by any region coordinator;
services, providers, links and step progress by the coordinators of their region.
"""

import rules

from toolbox_site.permissions import coordinates_a_region, is_region_coordinator

for _model in ("rolecategory", "role", "lifedomain", "targetgroup", "law", "step"):
    for _action in ("view", "add", "change", "delete"):
        rules.add_perm(f"network.{_action}_{_model}", coordinates_a_region)
for _model in ("provider", "service", "link", "stepprogress"):
    for _action in ("view", "add", "change", "delete"):
        rules.add_perm(f"network.{_action}_{_model}", is_region_coordinator)
for _model in ("verificationreminder", "serviceimport"):
    rules.add_perm(f"network.view_{_model}", is_region_coordinator)
