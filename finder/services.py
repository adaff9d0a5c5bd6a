"""Domain operations of the resident finder, shared by views, admin and tests.

- :func:`finder_candidates` and :func:`rank_services`: who can help with a life
  situation in a municipality, best fit first;
- :func:`count_search`: the anonymous count behind "vraag zonder aanbod";
- :func:`unmet_demand`: those counts per municipality, situation and month;
- :func:`report_allowed`: the flood protection of "Klopt er iets niet?";
- :func:`erase_old_report_texts`: residents' free text gone a while after closing.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import (
    CharField,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Max,
    Q,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from network.capacity import State
from network.models import Formality, Service
from toolbox_site import freshness
from toolbox_site.audit import log_action
from toolbox_site.locking import lock
from toolbox_site.models import Membership, Organization
from toolbox_site.permissions import visibility_key
from toolbox_site.security import over_limit
from toolbox_site.unions import tagged_rows

from .models import (
    AgeGroup,
    FinderEmbed,
    FinderSearch,
    LifeSituation,
    Preference,
    SearchTally,
    ServiceReport,
)

# The labels of the codes this app writes (the audit trail's, toolbox_site/audit_trail.py):
# residents' reports about the network's entries.
AUDIT_ACTIONS = {
    "network.report.received": gettext_lazy("Resident's report received"),
    "network.report.closed": gettext_lazy("Resident's report closed"),
    "network.report.text_erased": gettext_lazy("Text of a resident's report erased"),
    "finder.embed.changed": gettext_lazy("Websites that may show the finder changed"),
}

#: Role categories whose services give client support themselves (A formal, B informal).
CLIENT_SUPPORT_CATEGORIES = ("A", "B")

#: The target groups that go with an age group.
AGE_GROUP_TARGETS = {
    AgeGroup.CHILD: {"jeugd", "ouders", "emb"},
    AgeGroup.ADULT: {"volwassenen"},
    AgeGroup.ELDERLY: {"ouderen", "ouderen-met-klein-netwerk", "dementie"},
}


def life_situations():
    """The life situations a resident chooses from (finder and home page), kept as
    a cached part (their texts are data, the same in every language; they belong to
    no region)."""
    return freshness.cached(
        freshness.part("situations", "finder", shared=True),
        lambda: list(LifeSituation.objects.all()),
    )


@dataclass
class SituationNeeds:
    """What ranking asks of a life situation: its life domains as (id, name) pairs in
    their order, the ids of its roles and the slugs of its target groups."""

    domains: list
    role_ids: set
    group_slugs: set


def situation_needs(situation):
    """The situation's :class:`SituationNeeds`: one query over its three relations
    (UNION ALL), read as tuples, not as model rows."""
    number, text = IntegerField(), CharField()

    def linked(relation):
        return relation.through.objects.filter(lifesituation_id=situation.pk)

    # Each row: (the linked row's id or 0, its name or slug or "", its order or 0).
    rows = tagged_rows(
        {
            "domains": (
                linked(LifeSituation.life_domains),
                {
                    "key": F("lifedomain_id"),
                    "label": F("lifedomain__name"),
                    "sort": F("lifedomain__order"),
                },
            ),
            "roles": (
                linked(LifeSituation.roles),
                {
                    "key": F("role_id"),
                    "label": Value("", output_field=text),
                    "sort": Value(0, output_field=number),
                },
            ),
            "groups": (
                linked(LifeSituation.target_groups),
                {
                    "key": Value(0, output_field=number),
                    "label": F("targetgroup__slug"),
                    "sort": Value(0, output_field=number),
                },
            ),
        }
    )
    return SituationNeeds(
        domains=[
            (key, label)
            for key, label, _sort in sorted(rows["domains"], key=lambda row: (row[2], row[1]))
        ],
        role_ids={key for key, _label, _sort in rows["roles"]},
        group_slugs={label for _key, label, _sort in rows["groups"]},
    )


@dataclass
class Result:
    service: Service
    independent_support: bool  # independent client support: the first group
    score: int
    reasons: list = field(default_factory=list)
    capacity_line: str = ""  # room for new clients in plain words; empty when unknown
    capacity_rank: tuple = ()  # network.capacity.Capacity.rank(): room first


def capacity_words(capacity):
    """Room for new clients as a resident reads it (B1); nothing when unknown."""
    if capacity.state == State.YES:
        return _("Has room now")
    if capacity.state == State.WAITING:
        if capacity.weeks is None:
            return _("Has a waiting list")
        if capacity.weeks == 0:
            return _("Waiting time less than a week")
        return ngettext(
            "Waiting time about %(weeks)d week",
            "Waiting time about %(weeks)d weeks",
            capacity.weeks,
        ) % {"weeks": capacity.weeks}
    if capacity.state == State.NOT_NOW:
        return _("Takes no new clients at the moment")
    return ""


def finder_candidates(municipality):
    """The active services that serve the municipality, with what ranking needs: the
    provider and role, the ids of their life domains and the slugs of their target
    groups (two queries; those pairs are read as tuples, not as model rows)."""
    services = list(
        Service.objects.active()
        .serving(municipality)
        .select_related("provider", "role__category")
        .order_by("name", "pk")
    )
    pks = [service.pk for service in services]
    domains, groups = defaultdict(set), defaultdict(set)
    # Both relations in one query (UNION ALL): (service, life domain id or 0, target
    # group slug or "").
    in_domains = (
        Service.life_domains.through.objects.filter(service_id__in=pks)
        .order_by()
        .annotate(domain=F("lifedomain_id"), slug=Value("", output_field=CharField()))
        .values_list("service_id", "domain", "slug")
    )
    in_groups = (
        Service.target_groups.through.objects.filter(service_id__in=pks)
        .order_by()
        .annotate(domain=Value(0, output_field=IntegerField()), slug=F("targetgroup__slug"))
        .values_list("service_id", "domain", "slug")
    )
    for pk, domain_id, slug in in_domains.union(in_groups, all=True):
        if slug:
            groups[pk].add(slug)
        else:
            domains[pk].add(domain_id)
    for service in services:
        service.life_domain_ids = domains[service.pk]
        service.target_group_slugs = groups[service.pk]
    return services


def is_independent_support(service):
    return (
        service.independent
        and service.role.gives_support
        and service.role.category.code in CLIENT_SUPPORT_CATEGORIES
    )


def rank_services(services, situation, *, age_group="", preference="", language=""):
    """Rank ``services`` (all serving one municipality) for a life situation.

    Independent client support that fits the situation comes first, then the
    other services that fit (a referrer, an information point, the desk). A
    service fits when it works on one of the situation's life domains or plays
    one of the roles that fit the situation. Archived services never appear.
    Within a group, services with room come first (network/capacity.py: room, a
    waiting list with the shorter wait first, unknown, not now); then the
    situation's roles, shared life domains, the age group, the preference for a
    volunteer or a professional and the language count.
    """
    needs = situation_needs(situation)
    today = timezone.localdate()
    role_ids, situation_groups = needs.role_ids, needs.group_slugs
    age_targets = AGE_GROUP_TARGETS.get(age_group, set())
    results = []
    for service in services:
        if service.archived:
            continue
        domains = [name for pk, name in needs.domains if pk in service.life_domain_ids]
        fits_role = service.role_id in role_ids
        if not domains and not fits_role:
            continue
        groups = service.target_group_slugs
        score = 0
        reasons = []
        if fits_role:
            score += 4
        if domains:
            score += 2 * len(domains)
            reasons.append(_("They help with: %(domains)s.") % {"domains": ", ".join(domains)})
        if groups & situation_groups:
            score += 1
        if age_targets and groups & age_targets:
            score += 2
            reasons.append(_("They often help people of your age."))
        if preference == Preference.VOLUNTEER and service.formality == Formality.INFORMAL:
            score += 2
            reasons.append(_("You get help from a trained volunteer."))
        elif preference == Preference.PROFESSIONAL and service.formality == Formality.FORMAL:
            score += 2
            reasons.append(_("You get help from a professional."))
        if language and language.lower() in (name.lower() for name in service.language_list):
            score += 3
            reasons.append(_("They also speak %(language)s.") % {"language": language})
        independent = is_independent_support(service)
        if independent:
            reasons.insert(0, _("This help is independent: they are on your side."))
        capacity = service.capacity(today)
        results.append(
            Result(
                service,
                independent,
                score,
                reasons,
                capacity_line=capacity_words(capacity),
                capacity_rank=capacity.rank(),
            )
        )
    results.sort(
        key=lambda r: (not r.independent_support, r.capacity_rank, -r.score, r.service.name)
    )
    return results


def count_search(
    municipality, situation, *, age_group, preference, language, result_count, independent_found
):
    """Count one search anonymously: the choices, the number of results and the day,
    and one more in its month's tally."""
    with transaction.atomic():
        _commit_without_waiting_for_the_disk()
        search = FinderSearch.objects.create(
            municipality=municipality,
            situation=situation,
            age_group=age_group,
            preference=preference,
            language=language,
            result_count=result_count,
            independent_found=independent_found,
            date=timezone.localdate(),
        )
        tally(search, 1)
    return search


def _commit_without_waiting_for_the_disk():
    """A search's count is statistics, written after the resident has the answer. On
    PostgreSQL its transaction commits without waiting until the write-ahead log is on
    disk (``synchronous_commit`` off for this transaction only). Should the database
    server crash, the counts of its last fraction of a second may be lost (never a
    half-written count, never anyone's request or edit); in return the worker is free
    for the next visitor at once, where waiting for the disk took about 5 ms a search.
    """
    connection = transaction.get_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def tally(search, step):
    """Add a search to its month's tally (``step`` 1) or take it away (-1: a search
    deleted, see finder/apps.py). Two statements whatever is there already: the
    month's row if it is new (INSERT ... ON CONFLICT DO NOTHING), then the count."""
    key = {
        "municipality_id": search.municipality_id,
        "situation_id": search.situation_id,
        "month": search.date.replace(day=1),
    }
    if step > 0:
        SearchTally.objects.bulk_create([SearchTally(**key)], ignore_conflicts=True)
    change = {"searches": F("searches") + step, "updated_at": timezone.now()}
    if not search.independent_found:
        change["without_match"] = F("without_match") + step
    rows = SearchTally.objects.filter(**key)
    if step < 0:  # never below zero, should a search have passed the tally by
        rows = rows.filter(
            searches__gt=0, **({} if search.independent_found else {"without_match__gt": 0})
        )
    rows.update(**change)


def search_deleted(sender, instance, **kwargs):
    """A deleted search (the admin, a municipality removed) leaves its month's tally
    (post_delete, connected in finder/apps.py)."""
    tally(instance, -1)


def recount_searches(municipalities):
    """The municipalities' tallies counted anew from their searches: after searches
    were loaded in bulk (the demo data), which passes :func:`count_search` by."""
    counted = (
        FinderSearch.objects.filter(municipality__in=municipalities)
        .annotate(month=TruncMonth("date"))
        .values("municipality_id", "situation_id", "month")
        .annotate(
            searches=Count("pk"), without_match=Count("pk", filter=Q(independent_found=False))
        )
        .order_by()
    )
    with transaction.atomic():
        SearchTally.objects.filter(municipality__in=municipalities).delete()
        SearchTally.objects.bulk_create(SearchTally(**row) for row in counted)


#: Unmet demand covers this many months, this month included.
MONTHS = 12


def first_month():
    """The first day of the oldest month that unmet demand covers."""
    start = timezone.localdate().replace(day=1)
    for _month in range(MONTHS - 1):
        start = (start - timedelta(days=1)).replace(day=1)
    return start


def unmet_demand_municipalities(user):
    """The municipalities whose counts the user may see: their own (as a member),
    every municipality of a region they coordinate, everything for superusers."""
    return Organization.objects.municipalities().for_user(user)


def unmet_demand_scope(user):
    """What :func:`unmet_demand_municipalities` selects, as a cache-key part: with the
    organizations' data version it names the same municipalities."""
    return visibility_key(user)


def search_log_version(municipalities, since):
    """A version of the search counts of the municipalities since the month (one
    query over their tallies).

    Searches raise no data version (toolbox_site/freshness.py ignores them: every
    resident search writes one), so a page that shows their counts keys its cache on
    this instead: every search added or deleted moves the tally's latest change."""
    found = SearchTally.objects.filter(municipality__in=municipalities, month__gte=since).aggregate(
        count=Count("pk"), latest=Max("updated_at"), total=Sum("searches")
    )
    return f"{found['count']}.{found['latest']}.{found['total'] or 0}"


#: Counts other apps join to unmet demand, per tally (municipality, situation and
#: month): name -> (label, a function giving the count as a subquery of the tally's
#: row). The callbacks app adds its call-back requests (callbacks/apps.py).
DEMAND_COUNTS = {}


def add_demand_count(name, label, subquery):
    DEMAND_COUNTS[name] = (label, subquery)


def demand_changed(municipality_id, situation_id, month):
    """A count joined to a tally changed: move the tally's version (the month's row
    made if it is new), so the unmet-demand page is built anew."""
    key = {"municipality_id": municipality_id, "situation_id": situation_id, "month": month}
    SearchTally.objects.bulk_create([SearchTally(**key)], ignore_conflicts=True)
    SearchTally.objects.filter(**key).update(updated_at=timezone.now())


def unmet_demand(municipalities):
    """Searches per municipality, situation and month, and how many found no
    independent client support: the tallies, a few hundred rows a region a year;
    with the counts of :data:`DEMAND_COUNTS` (0 where there are none)."""
    extra = {name: Coalesce(subquery(), 0) for name, (_label, subquery) in DEMAND_COUNTS.items()}
    return (
        SearchTally.objects.filter(municipality__in=municipalities, searches__gt=0)
        .annotate(
            share=ExpressionWrapper(F("without_match") * 100.0 / F("searches"), FloatField()),
            **extra,
        )
        .values(
            "month",
            "searches",
            "without_match",
            "share",
            *extra,
            municipality_name=F("municipality__name"),
            municipality_slug=F("municipality__slug"),
            situation_name=F("situation__name"),
        )
        .order_by("-month", "municipality_name", "situation_name")
    )


# --- "Klopt er iets niet?" --------------------------------------------------------

#: Reports one visitor may send per window, per service per day and in total per hour.
REPORTS_PER_VISITOR = 5
VISITOR_WINDOW = 10 * 60
REPORTS_PER_SERVICE_PER_DAY = 20
REPORTS_PER_HOUR = 300


def _visitor_key(request):
    """A short-lived, salted hash: the cache never holds an IP address, and the
    key changes every window, so it cannot be traced back later."""
    window = int(timezone.now().timestamp()) // VISITOR_WINDOW
    source = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{window}:{source}".encode()).hexdigest()
    return f"finder-report:visitor:{digest[:32]}"


def _within(key, limit, timeout):
    return not over_limit(key, limit, timeout)


def report_allowed(request, service):
    """Whether one more report may be sent now (counts it when it may)."""
    today = timezone.localdate().isoformat()
    hour = int(timezone.now().timestamp()) // 3600
    return (
        _within(_visitor_key(request), REPORTS_PER_VISITOR, VISITOR_WINDOW)
        and _within(
            f"finder-report:service:{service.pk}:{today}", REPORTS_PER_SERVICE_PER_DAY, 86400
        )
        and _within(f"finder-report:all:{hour}", REPORTS_PER_HOUR, 3600)
    )


def reports_with_old_texts(now=None):
    """Closed reports whose free text is older than the retention period
    (``REPORT_TEXT_RETENTION_DAYS`` after closing) and not erased yet."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.REPORT_TEXT_RETENTION_DAYS)
    return ServiceReport.objects.filter(
        status=ServiceReport.Status.CLOSED, closed_at__lte=cutoff
    ).exclude(text="")


def erase_old_report_texts(now=None):
    """Blank the free text of closed reports past the retention period; the report
    itself (reason, status, closing note) stays for the counts. Returns how many.
    Idempotent: an erased text is empty, so a second run finds nothing."""
    with transaction.atomic():
        reports = list(
            reports_with_old_texts(now)
            .select_for_update()
            .select_related("service__owning_organization")
        )
        if not reports:
            return 0
        ServiceReport.objects.filter(pk__in=[report.pk for report in reports]).update(text="")
        for report in reports:
            log_action(
                None,
                report,
                "network.report.text_erased",
                {"retention_days": settings.REPORT_TEXT_RETENTION_DAYS},
            )
        # update() sends no signals: the network's pages are built anew.
        freshness.changed("network")
    return len(reports)


def editor_addresses(organization):
    return sorted(
        set(
            Membership.objects.filter(
                organization=organization,
                role__in=Membership.WRITE_ROLES,
                user__is_active=True,
            )
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )


def notify_editors(report, request=None):
    """E-mail the maintaining organization's editors about a new report."""
    service = report.service
    recipients = editor_addresses(service.owning_organization)
    if not recipients:
        return 0
    path = reverse("finder:report_queue")
    link = request.build_absolute_uri(path) if request is not None else path
    body = _(
        "Someone reported that an entry on the network map may not be right.\n\n"
        "Service: %(service)s\nWhat is wrong: %(reason)s\n\n"
        "The resident's explanation is on the site, not in this e-mail: it is erased a "
        "while after the report is closed, and a copy in a mailbox would stay.\n\n"
        "Please check the entry and close the report with a note: %(link)s"
    ) % {
        "service": service.name,
        "reason": report.get_reason_display(),
        "link": link,
    }
    return send_mail(
        _("Report about %(service)s") % {"service": service.name},
        body,
        None,
        recipients,
        fail_silently=True,
    )


def save_embed(form, municipality, user):
    """Save a valid ``FinderEmbedForm`` as ``municipality``'s websites that may frame
    the finder; ``Conflict`` when someone saved them after the version the editor saw.
    The row is made at the first save (two first saves at once: the second conflicts)."""
    with transaction.atomic():
        FinderEmbed.objects.get_or_create(municipality=municipality)
        current = lock(FinderEmbed.objects, form.cleaned_data["version"], municipality=municipality)
        before, after = set(current.origin_list), set(form.cleaned_data["origins"].split())
        current.origins = form.cleaned_data["origins"]
        current.version += 1
        current.save()
        log_action(
            user,
            current,
            "finder.embed.changed",
            {"added": sorted(after - before), "removed": sorted(before - after)},
        )
    return current
