"""The network's lines of the start page (toolbox_site/todo.py): entries not checked
for eleven months or more (before the twelve after which the maps mark them), and the
roles no active service plays in a municipality, for who may change them."""

import datetime

from django.db.models import Count, Func, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from toolbox_site.addresses import slug_prefix
from toolbox_site.models import Organization
from toolbox_site.permissions import changes_some_data, is_region_coordinator
from toolbox_site.todo import Item, Section

from .models import Role, Service

CHECK_AFTER_DAYS = 335  # eleven months: a month before the maps mark an entry


def count_per_organization(services, organization, counted):
    """``counted`` over ``services`` of each organization (``organization`` is the path
    from a service to it), as a subquery per organization: an index lookup each, where
    a join of the national service table made the planner scan all of it."""
    services = services.filter(**{organization: OuterRef("pk")}).order_by().values(organization)
    return Coalesce(Subquery(services.annotate(count=counted).values("count")), 0)


def section(user):
    if not changes_some_data(user):
        return None
    before = timezone.localdate() - datetime.timedelta(days=CHECK_AFTER_DAYS)
    unchecked = Service.objects.active().filter(
        Q(verified_on__isnull=True) | Q(verified_on__lt=before)
    )
    organizations = sorted(
        Organization.objects.editable_by(user)
        .annotate(
            unchecked=count_per_organization(unchecked, "owning_organization", Count("pk")),
            # Only municipalities are served: 0 for the other kinds.
            roles_present=count_per_organization(
                Service.objects.active(), "municipalities", Count("role", distinct=True)
            ),
            # Every role (the same number on each row; an aggregate without grouping).
            roles=Subquery(
                Role.objects.order_by().annotate(n=Func("pk", function="COUNT")).values("n")
            ),
        )
        .values("name", "slug", "kind", "unchecked", "roles_present", "roles"),
        key=lambda organization: organization["name"],
    )
    organization_url, map_url = slug_prefix("network:organization"), slug_prefix("network:map")
    items = [
        Item(
            ngettext(
                "Check one entry of %(organization)s",
                "Check %(count)s entries of %(organization)s",
                organization["unchecked"],
            )
            % {"count": organization["unchecked"], "organization": organization["name"]},
            f"{organization_url}{organization['slug']}/",
            _("not checked for 11 months or more"),
        )
        for organization in organizations
        if organization["unchecked"]
    ]
    for municipality in organizations:
        missing = municipality["roles"] - municipality["roles_present"]
        if municipality["kind"] == Organization.Kind.MUNICIPALITY and missing > 0:
            items.append(
                Item(
                    ngettext(
                        "%(municipality)s: one role is missing",
                        "%(municipality)s: %(count)s roles are missing",
                        missing,
                    )
                    % {"count": missing, "municipality": municipality["name"]},
                    f"{map_url}{municipality['slug']}/#ontbrekend",
                )
            )
    return Section(
        _("Network"),
        _("Every entry was checked in the last 11 months and every role is present."),
        items,
        more_url=reverse("network:index") if is_region_coordinator(user) else "",
    )
