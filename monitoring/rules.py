"""Who may do what with monitoring: fill in a report (the reporting organization's
editors), review it (the region's coordinators), compare a municipality with its
region, and keep the formats in the admin."""

import rules

from toolbox_site.models import Membership
from toolbox_site.permissions import access_for, coordinates_a_region, is_region_coordinator


@rules.predicate
def is_reporting_editor(user, report):
    """An editor of the reporting organization itself (not the region's coordinator)."""
    if user.is_superuser:
        return True
    if report is None:
        return False
    return access_for(user).roles.get(report.owning_organization.pk) in Membership.WRITE_ROLES


@rules.predicate
def compares_a_municipality(user):
    """The own view sets a municipality beside its region: for a municipality's members
    and the region's coordinators. A care office or region team has no municipality."""
    access = access_for(user)
    return user.is_superuser or bool(access.coordinated_regions or access.municipalities)


rules.add_perm("monitoring.fill_report", is_reporting_editor)
rules.add_perm("monitoring.compare_municipality", compares_a_municipality)
rules.add_perm("monitoring.review_report", is_region_coordinator)
for _model in ("monitoringformat", "section", "indicator", "validationrule"):
    for _action in ("view", "add", "change", "delete"):
        rules.add_perm(f"monitoring.{_action}_{_model}", is_region_coordinator)
for _model in ("period", "dimension", "dimensionitem"):
    rules.add_perm(f"monitoring.view_{_model}", coordinates_a_region)
for _model in ("dimension", "dimensionitem"):
    rules.add_perm(f"monitoring.add_{_model}", coordinates_a_region)
rules.add_perm("monitoring.view_report", is_region_coordinator)
rules.add_perm("monitoring.change_report", is_region_coordinator)
rules.add_perm("monitoring.view_value", is_region_coordinator)
rules.add_perm("monitoring.view_historicalreport", is_region_coordinator)
rules.add_perm("monitoring.view_historicalvalue", is_region_coordinator)
