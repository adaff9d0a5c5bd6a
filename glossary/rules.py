"""Who keeps the glossary: the coordinators of a region (its terms hold nationally)."""

import rules

from toolbox_site.permissions import is_region_coordinator

for _action in ("view", "add", "change", "delete"):
    rules.add_perm(f"glossary.{_action}_term", is_region_coordinator)
