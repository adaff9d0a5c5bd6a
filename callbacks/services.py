"""Domain operations of "Bel mij terug", shared by views, the purge command and tests.

- :func:`request_allowed`: the flood protection (as the finder's reports);
- :func:`receive`: a resident's request saved, counted and announced;
- :func:`mark`: an editor says the resident was called, or could not be reached;
- :func:`send_reminders` and :func:`purge`: the retention rules, run by
  ``manage.py purge_callbacks``.

The audit log and the e-mails never hold the resident's data: the log records the
action and the request's id, the e-mails say only that a request is waiting.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, IntegerField, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from finder import services as finder
from toolbox_site.audit import log_action
from toolbox_site.locking import Conflict, lock
from toolbox_site.models import Organization
from toolbox_site.security import over_limit

from .models import CallbackRequest, CallbackTally

AUDIT_ACTIONS = {
    "callbacks.request.received": gettext_lazy("Call-back request received"),
    "callbacks.request.called": gettext_lazy("Call-back request: resident called"),
    "callbacks.request.not_reached": gettext_lazy("Call-back request: resident not reached"),
    "callbacks.request.deleted": gettext_lazy("Call-back request deleted (retention period)"),
}

#: Handled requests are deleted this many days after they were handled.
HANDLED_DAYS = 30
#: Requests nobody handled are deleted this many days after they came in.
UNHANDLED_DAYS = 60
#: The maintaining organization is reminded after this many working days (Monday to Friday).
REMINDER_WORKING_DAYS = 3

#: Requests one visitor may send per window, per service per day and in total per hour.
REQUESTS_PER_VISITOR = 3
VISITOR_WINDOW = 10 * 60
REQUESTS_PER_SERVICE_PER_DAY = 20
REQUESTS_PER_HOUR = 300


def _visitor_key(request):
    """A short-lived, salted hash: the cache never holds an IP address."""
    window = int(timezone.now().timestamp()) // VISITOR_WINDOW
    source = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{window}:{source}".encode()).hexdigest()
    return f"callbacks:visitor:{digest[:32]}"


def request_allowed(request, service):
    """Whether one more request may be sent now (counts it when it may)."""
    today = timezone.localdate().isoformat()
    hour = int(timezone.now().timestamp()) // 3600
    return (
        not over_limit(_visitor_key(request), REQUESTS_PER_VISITOR, VISITOR_WINDOW)
        and not over_limit(
            f"callbacks:service:{service.pk}:{today}", REQUESTS_PER_SERVICE_PER_DAY, 86400
        )
        and not over_limit(f"callbacks:all:{hour}", REQUESTS_PER_HOUR, 3600)
    )


def receive(form, *, service, municipality, situation, request=None):
    """Save a valid :class:`~callbacks.forms.CallbackForm`, count it for unmet demand
    and tell the maintaining organization that a request is waiting."""
    with transaction.atomic():
        callback = form.save(commit=False)
        callback.service = service
        callback.municipality = municipality
        callback.situation = situation
        callback.consent = True
        callback.save()
        count(callback)
        log_action(None, callback, "callbacks.request.received")
        transaction.on_commit(lambda: notify_new(callback, request))
    return callback


def count(callback):
    """One more request in its month's tally (two statements, as the finder's tally)."""
    key = {
        "municipality_id": callback.municipality_id,
        "situation_id": callback.situation_id,
        "month": timezone.localdate(callback.created_at).replace(day=1),
    }
    CallbackTally.objects.bulk_create([CallbackTally(**key)], ignore_conflicts=True)
    CallbackTally.objects.filter(**key).update(requests=F("requests") + 1)
    finder.demand_changed(**key)


def requests_per_tally():
    """The requests of the finder tally's municipality, situation and month (a
    subquery of finder.services.unmet_demand: no query of its own)."""
    return Subquery(
        CallbackTally.objects.filter(
            municipality_id=OuterRef("municipality_id"),
            situation_id=OuterRef("situation_id"),
            month=OuterRef("month"),
        ).values("requests")[:1],
        output_field=IntegerField(),
    )


def mark(user, pk, status, version):
    """The editor called the resident (``called``) or could not reach them
    (``not_reached``). Raises ``Conflict`` (toolbox_site/locking.py) when someone else
    changed the request since ``version``; ``DoesNotExist`` when it is gone."""
    if status not in (CallbackRequest.Status.CALLED, CallbackRequest.Status.NOT_REACHED):
        raise ValueError(status)
    with transaction.atomic():
        current = lock(
            CallbackRequest.objects.select_related("service__owning_organization"), pk=pk
        )
        if current.version != version or current.status == CallbackRequest.Status.CALLED:
            raise Conflict(current)
        current.status = status
        current.handled_at = timezone.now()
        current.handled_by = user
        current.version += 1
        current.save()
        log_action(user, current, f"callbacks.request.{status}")
    return current


def queue_link(request=None):
    path = reverse("callbacks:queue")
    return (
        request.build_absolute_uri(path)
        if request is not None
        else settings.SITE_URL.rstrip("/") + path
    )


def notify_new(callback, request=None):
    """E-mail the maintaining organization's editors that a request is waiting: only
    that, never the resident's data (a copy in a mailbox would outlive the request)."""
    recipients = finder.editor_addresses(callback.service.owning_organization)
    if not recipients:
        return 0
    body = _(
        "A resident asked to be called back. The request is waiting for you on the site:\n"
        "%(link)s\n\n"
        "This e-mail holds no data of the resident on purpose."
    ) % {"link": queue_link(request)}
    return send_mail(_("New call-back request"), body, None, recipients, fail_silently=True)


def working_days_before(moment, days):
    """The moment ``days`` working days (Monday to Friday) before ``moment``."""
    while days:
        moment -= timedelta(days=1)
        if moment.weekday() < 5:
            days -= 1
    return moment


def send_reminders(now=None):
    """Remind the maintaining organizations of requests unhandled for
    :data:`REMINDER_WORKING_DAYS` working days, once per request. Returns how many
    requests were reminded of."""
    now = now or timezone.now()
    cutoff = working_days_before(timezone.localtime(now), REMINDER_WORKING_DAYS)
    with transaction.atomic():
        waiting = list(
            CallbackRequest.objects.select_for_update()
            .filter(
                status=CallbackRequest.Status.NEW,
                reminder_sent_at__isnull=True,
                created_at__lte=cutoff,
            )
            .values_list("pk", "service__owning_organization_id")
        )
        if not waiting:
            return 0
        per_organization = {}
        for _pk, organization_id in waiting:
            per_organization[organization_id] = per_organization.get(organization_id, 0) + 1
        CallbackRequest.objects.filter(pk__in=[pk for pk, _org in waiting]).update(
            reminder_sent_at=now
        )
    for organization in Organization.objects.filter(pk__in=per_organization):
        recipients = finder.editor_addresses(organization)
        if not recipients:
            continue
        number = per_organization[organization.pk]
        body = ngettext(
            "One call-back request has been waiting for more than %(days)d working days. "
            "Please call the resident back: %(link)s",
            "%(count)d call-back requests have been waiting for more than %(days)d working "
            "days. Please call the residents back: %(link)s",
            number,
        ) % {"count": number, "days": REMINDER_WORKING_DAYS, "link": queue_link()}
        send_mail(
            _("Reminder: call-back requests are waiting"),
            body,
            None,
            recipients,
            fail_silently=True,
        )
    return len(waiting)


def purge(now=None):
    """Delete the requests past their retention; the audit log records each deletion
    by id only. Returns how many. The monthly counts stay."""
    now = now or timezone.now()
    handled = CallbackRequest.objects.filter(
        status__in=[CallbackRequest.Status.CALLED, CallbackRequest.Status.NOT_REACHED],
        handled_at__lte=now - timedelta(days=HANDLED_DAYS),
    )
    unhandled = CallbackRequest.objects.filter(
        status=CallbackRequest.Status.NEW, created_at__lte=now - timedelta(days=UNHANDLED_DAYS)
    )
    deleted = 0
    with transaction.atomic():
        for reason, rows in (("handled", handled), ("unhandled", unhandled)):
            for callback in rows.select_for_update().select_related("service__owning_organization"):
                log_action(None, callback, "callbacks.request.deleted", {"reason": reason})
                callback.delete()
                deleted += 1
    return deleted
