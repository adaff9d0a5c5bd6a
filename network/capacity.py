"""Whether a service takes new clients: the one place that reads a service's stated
capacity.

Editors state it on the service (``accepts_new_clients``, ``waiting_weeks``); the
service layer stamps ``capacity_stated_on`` when either changes or when an editor
confirms the entry is still correct. A statement older than :data:`VALID_FOR_DAYS`
(about three months), or one never made, counts as unknown: the finder ranks by
:meth:`Capacity.rank`, the service page and the open data show :func:`capacity_of`.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: A statement about room for new clients holds this long (three months).
VALID_FOR_DAYS = 92
#: The longest waiting time an editor can state: two years.
MAX_WAITING_WEEKS = 104


class AcceptsNewClients(models.TextChoices):
    YES = "yes", _("yes, takes new clients")
    WAITING_LIST = "waiting_list", _("waiting list")
    NOT_NOW = "not_now", _("not now")


class State(models.TextChoices):
    YES = "yes", _("takes new clients")
    WAITING = "waiting", _("waiting list")
    NOT_NOW = "not_now", _("takes no new clients now")
    UNKNOWN = "unknown", _("unknown")


_STATES = {
    AcceptsNewClients.YES: State.YES,
    AcceptsNewClients.WAITING_LIST: State.WAITING,
    AcceptsNewClients.NOT_NOW: State.NOT_NOW,
}
#: The order of the finder: room first, then a waiting list, then unknown, then "not now".
_ORDER = {State.YES: 0, State.WAITING: 1, State.UNKNOWN: 2, State.NOT_NOW: 3}


@dataclass(frozen=True)
class Capacity:
    state: str
    weeks: int | None = None  # waiting time in weeks, when stated
    stated_on: datetime.date | None = None

    @property
    def known(self):
        return self.state != State.UNKNOWN

    @property
    def label(self):
        return State(self.state).label

    def rank(self):
        """A sort key: room first; on a waiting list fewer weeks first (an unstated
        waiting time after every stated one); then unknown; then not now."""
        weeks = self.weeks if self.weeks is not None else MAX_WAITING_WEEKS + 1
        return (_ORDER[self.state], weeks if self.state == State.WAITING else 0)


UNKNOWN = Capacity(State.UNKNOWN)


def valid_since(today=None):
    """The oldest statement date that still counts."""
    return (today or timezone.localdate()) - datetime.timedelta(days=VALID_FOR_DAYS)


def capacity_of(service, today=None):
    """The service's :class:`Capacity` on ``today`` (default: today in Amsterdam)."""
    state = _STATES.get(service.accepts_new_clients)
    stated_on = service.capacity_stated_on
    if state is None or stated_on is None or stated_on < valid_since(today):
        return UNKNOWN
    weeks = service.waiting_weeks if state == State.WAITING else None
    return Capacity(state, weeks, stated_on)
