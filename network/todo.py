"""The network's lines of the start page (toolbox_site/todo.py): entries not checked
for eleven months or more (before the twelve after which the maps mark them), and the
roles no active service plays in a municipality, for who may change them."""

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from toolbox_site.models import Organization
from toolbox_site.permissions import is_region_coordinator
from toolbox_site.todo import Item, Section

from .models import Role, Service

CHECK_AFTER_DAYS = 335  # eleven months: a month before the maps mark an entry


def section(user):
    organizations = list(Organization.objects.editable_by(user).only("pk", "name", "slug", "kind"))
    if not organizations:
        return None
    today = timezone.localdate()
    before = today - datetime.timedelta(days=CHECK_AFTER_DAYS)
    by_pk = {organization.pk: organization for organization in organizations}
    unchecked = (
        Service.objects.active()
        .filter(owning_organization_id__in=list(by_pk))
        .filter(Q(verified_on__isnull=True) | Q(verified_on__lt=before))
        .values("owning_organization_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    items = []
    for row in sorted(unchecked, key=lambda row: by_pk[row["owning_organization_id"]].name):
        organization = by_pk[row["owning_organization_id"]]
        items.append(
            Item(
                ngettext(
                    "Check one entry of %(organization)s",
                    "Check %(count)s entries of %(organization)s",
                    row["count"],
                )
                % {"count": row["count"], "organization": organization.name},
                reverse("network:organization", args=[organization.slug]),
                _("not checked for 11 months or more"),
            )
        )
    municipalities = [o for o in organizations if o.kind == Organization.Kind.MUNICIPALITY]
    if municipalities:
        roles = Role.objects.count()
        # The services per municipality first (an index lookup), then their roles by the
        # ids found: joining the national service table through the many-to-many table,
        # or filtering it by a subquery of it, made the planner scan all of it (as on the
        # map, network/views/overview.py); a list of ids is a primary-key lookup.
        served = list(
            Service.municipalities.through.objects.filter(
                organization_id__in=[municipality.pk for municipality in municipalities]
            ).values_list("organization_id", "service_id")
        )
        role_of = dict(
            Service.objects.active()
            .filter(pk__in={service_id for _, service_id in served})
            .values_list("pk", "role_id")
            .order_by()
        )
        present = {}
        for municipality_id, service_id in served:
            if service_id in role_of:
                present.setdefault(municipality_id, set()).add(role_of[service_id])
        for municipality in sorted(municipalities, key=lambda m: m.name):
            missing = roles - len(present.get(municipality.pk, ()))
            if missing > 0:
                items.append(
                    Item(
                        ngettext(
                            "%(municipality)s: one role is missing",
                            "%(municipality)s: %(count)s roles are missing",
                            missing,
                        )
                        % {"count": missing, "municipality": municipality.name},
                        reverse("network:map", args=[municipality.slug]) + "#ontbrekend",
                    )
                )
    return Section(
        _("Network"),
        _("Every entry was checked in the last 11 months and every role is present."),
        items,
        more_url=reverse("network:index") if is_region_coordinator(user) else "",
    )
