"""Who may do what with the criteria's models in the admin: frameworks, themes,
criteria and trainings are kept by the coordinators of their region."""

import rules

from toolbox_site.permissions import access_for, is_region_coordinator


@rules.predicate
def coordinates_criteria_region(user, obj=None):
    """Frameworks, themes, criteria and trainings: coordinators of their region."""
    if user.is_superuser:
        return True
    regions = access_for(user).coordinated_regions
    if obj is None:
        return bool(regions)
    return obj.permission_region_id in regions


for _model in ("framework", "theme", "criterion", "training", "trainingsession"):
    for _action in ("view", "add", "change", "delete"):
        rules.add_perm(f"criteria.{_action}_{_model}", coordinates_criteria_region)
for _action in ("view", "add", "change", "delete"):
    rules.add_perm(f"criteria.{_action}_localagreement", is_region_coordinator)
for _action in ("view", "add", "change"):
    rules.add_perm(f"criteria.{_action}_trainingtopic", is_region_coordinator)
