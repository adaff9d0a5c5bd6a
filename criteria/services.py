"""Domain operations on criteria and agreements, shared by views, admin and tests."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from toolbox_site import freshness
from toolbox_site.audit import log_action
from toolbox_site.dates import show_date, show_datetime
from toolbox_site.models import Organization
from toolbox_site.people import display_name

from .models import Criterion, Framework, LocalAgreement

# The labels of the codes this app writes (the audit trail's, toolbox_site/audit_trail.py).
AUDIT_ACTIONS = {
    "criteria.framework.published": gettext_lazy("Criteria framework published"),
    "criteria.agreement.changed": gettext_lazy("Local agreement changed"),
}

# What makes a criterion "changed" for the agreements on it.
CRITERION_TEXT_FIELDS = ("title", "explanation", "applies_to")


@dataclass
class PublishResult:
    framework: Framework
    previous: Framework | None
    carried: int = 0
    to_review: int = 0
    new_codes: list = field(default_factory=list)


def carry_links(previous, new_criteria):
    """Move every many-to-many link to a criterion of the ``previous`` framework (the
    trainings that strengthen it, the indicators that measure it: whichever app links
    to criteria) to the criterion with the same code in the new one."""
    for relation in Criterion._meta.related_objects:
        if not relation.many_to_many:
            continue
        field = relation.remote_field  # the ManyToManyField on the other model
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        rows = through.objects.filter(**{f"{target}__framework": previous}).values_list(
            f"{source}_id", f"{target}__code"
        )
        links = [
            through(**{f"{source}_id": other, f"{target}_id": new_criteria[code].pk})
            for other, code in rows
            if code in new_criteria
        ]
        through.objects.bulk_create(links, batch_size=1000, ignore_conflicts=True)
        if links:  # bulk_create sends no signals
            freshness.changed(field.model._meta.app_label)


def publish_framework(framework, user=None):
    """Publish ``framework`` as its region's current framework.

    The previous published framework of the region is archived (it stays
    readable). Every municipality's agreement on a criterion of the previous
    version is copied to the criterion with the same code in the new one;
    where the criterion's text changed, the copy is marked "to review". The links of
    trainings and indicators to a criterion move along (:func:`carry_links`).
    Everything happens in one transaction, and is written to the audit log.
    """
    with transaction.atomic():
        framework = Framework.objects.select_for_update().get(pk=framework.pk)
        if framework.status != Framework.Status.DRAFT:
            raise ValidationError(_("Only a draft framework can be published."))
        previous = (
            Framework.objects.select_for_update()
            .filter(region_id=framework.region_id, status=Framework.Status.PUBLISHED)
            .first()
        )
        result = PublishResult(framework=framework, previous=previous)
        new_criteria = {c.code: c for c in Criterion.objects.filter(framework=framework)}
        if previous is not None:
            previous.status = Framework.Status.ARCHIVED
            previous.save(update_fields=["status"])
            old_criteria = {c.code: c for c in Criterion.objects.filter(framework=previous)}
            changed = {
                code
                for code, old in old_criteria.items()
                if code in new_criteria
                and any(
                    getattr(old, name) != getattr(new_criteria[code], name)
                    for name in CRITERION_TEXT_FIELDS
                )
            }
            copies = []
            agreements = LocalAgreement.objects.filter(
                criterion__framework=previous
            ).select_related("criterion")
            for agreement in agreements:
                code = agreement.criterion.code
                if code not in new_criteria:
                    continue
                needs_review = agreement.needs_review or code in changed
                copies.append(
                    LocalAgreement(
                        municipality_id=agreement.municipality_id,
                        criterion=new_criteria[code],
                        status=agreement.status,
                        area=agreement.area,
                        text=agreement.text,
                        review_date=agreement.review_date,
                        needs_review=needs_review,
                        updated_by_id=agreement.updated_by_id,
                    )
                )
                result.to_review += needs_review
            LocalAgreement.objects.bulk_create(copies, batch_size=1000)
            # bulk_create sends no signals: the region's pages, every municipality's too.
            freshness.changed("criteria", framework)
            carry_links(previous, new_criteria)
            result.carried = len(copies)
            result.new_codes = sorted(set(new_criteria) - set(old_criteria))
        else:
            result.new_codes = sorted(new_criteria)
        framework.status = Framework.Status.PUBLISHED
        framework.published_on = timezone.localdate()
        framework.save(update_fields=["status", "published_on"])
        log_action(
            user,
            framework,
            "criteria.framework.published",
            {
                "version": framework.version,
                "previous": previous.pk if previous else None,
                "carried": result.carried,
                "to_review": result.to_review,
                "new_codes": result.new_codes,
            },
        )
    return result


def current_framework(region):
    if region is None:
        return None
    return Framework.objects.published().filter(region=region).first()


FIELD_LABELS = {
    "status": LocalAgreement._meta.get_field("status").verbose_name,
    "area": LocalAgreement._meta.get_field("area").verbose_name,
    "text": LocalAgreement._meta.get_field("text").verbose_name,
    "review_date": LocalAgreement._meta.get_field("review_date").verbose_name,
}
AGREEMENT_FIELDS = tuple(FIELD_LABELS)


def agreement_values(agreement):
    if agreement is None:
        return {"status": "", "area": "", "text": "", "review_date": None}
    return {name: getattr(agreement, name) for name in AGREEMENT_FIELDS}


def display_value(name, value):
    if name == "status":
        return str(LocalAgreement.Status(value).label) if value else _("not yet discussed")
    if name == "area":
        return str(LocalAgreement.Area(value).label) if value else "–"
    if name == "review_date":
        return show_date(value, "–")
    text = value or "–"
    return text if len(text) <= 60 else text[:57] + "…"


def describe_conflict(agreement, seen_version):
    """What another person changed since the version the editor saw, in words."""
    before = None
    if seen_version:
        record = agreement.history.filter(version=seen_version).order_by("-history_date").first()
        before = agreement_values(record) if record is not None else None
    now = agreement_values(agreement)
    if before is None:
        before = agreement_values(None)
    changes = [
        f"{capfirst(FIELD_LABELS[name])}: {display_value(name, before[name])} → "
        f"{display_value(name, now[name])}"
        for name in AGREEMENT_FIELDS
        if before[name] != now[name]
    ]
    who = agreement.updated_by
    who = display_name(who, _("someone else"))
    when = show_datetime(agreement.updated_at)
    return _(
        "%(who)s changed this agreement at %(when)s while you were editing (%(changes)s). "
        "What you typed is kept; check it and save again to replace their version."
    ) % {"who": who, "when": when, "changes": "; ".join(changes) or _("no visible change")}


@dataclass
class SaveResult:
    changed: list = field(default_factory=list)  # the agreements written
    conflicts: dict = field(default_factory=dict)  # criterion id -> message


def save_agreements(municipality, criteria, values, seen_versions, user):
    """Write the municipality's agreements on ``criteria``, all or nothing.

    ``values``: criterion id -> {status, area, text, review_date} as typed;
    ``seen_versions``: criterion id -> the agreement version the editor saw (0: none).
    An agreement that someone else changed since is a conflict: then nothing is
    written and the conflicts are returned, each described in words.
    """
    result = SaveResult()
    with transaction.atomic():
        # The municipality's row is the lock for all its agreements: a first agreement
        # has no row of its own to lock yet, and two editors creating it at once would
        # otherwise both insert (the second fails on the unique key). Now the second
        # waits, then finds the first's agreement and gets the conflict message.
        list(Organization.objects.select_for_update().filter(pk=municipality.pk).values("pk"))
        current = {
            agreement.criterion_id: agreement
            for agreement in LocalAgreement.objects.select_for_update(of=("self",))
            .filter(municipality=municipality, criterion__in=[c.pk for c in criteria])
            .select_related("updated_by", "criterion")
        }
        todo = []
        for criterion in criteria:
            wanted = values[criterion.pk]
            agreement = current.get(criterion.pk)
            if wanted == agreement_values(agreement):
                continue
            # Nothing to overwrite when there is no agreement (yet, or any more).
            if agreement is not None and (seen_versions.get(criterion.pk) or 0) != (
                agreement.version
            ):
                result.conflicts[criterion.pk] = describe_conflict(
                    agreement, seen_versions.get(criterion.pk)
                )
                continue
            todo.append((criterion, agreement, wanted))
        if result.conflicts:
            return result
        # ``criteria`` may be rows (criteria.views.agreements): a new agreement gets its
        # criterion as a model, read once for all of them.
        new = Criterion.objects.in_bulk([c.pk for c, agreement, _ in todo if agreement is None])
        for criterion, agreement, wanted in todo:
            before = agreement_values(agreement)
            if agreement is None:
                agreement = LocalAgreement(municipality=municipality, criterion=new[criterion.pk])
            else:
                agreement.version += 1
                agreement.needs_review = False
            for name, value in wanted.items():
                setattr(agreement, name, value)
            agreement.updated_by = user
            agreement.save()
            log_action(
                user,
                agreement,
                "criteria.agreement.changed",
                {
                    "criterion": criterion.code,
                    "changes": {
                        name: {"old": str(before[name] or ""), "new": str(wanted[name] or "")}
                        for name in AGREEMENT_FIELDS
                        if before[name] != wanted[name]
                    },
                },
            )
            result.changed.append(agreement)
    return result
