"""What is new for a user since their previous visit: the time they logged in before
the current session, kept at every login (``Visit``). The start page's "new since
your last visit" section reads it (toolbox_site/todo.py ``news``)."""

import datetime

from django.contrib.auth.signals import user_logged_in
from django.utils import timezone

from .models import Visit

#: Without an earlier login (a first visit), "new" is what came in these last days.
FIRST_VISIT_DAYS = 30


def remember_previous_login(sender, request, user, **kwargs):
    """Keep the login before this one. Connected before Django's ``update_last_login``
    (toolbox_site comes before django.contrib.auth in INSTALLED_APPS), so
    ``user.last_login`` is still the previous one here; a test holds it."""
    Visit.objects.update_or_create(user=user, defaults={"previous_login": user.last_login})


def connect():
    user_logged_in.connect(remember_previous_login, dispatch_uid="toolbox-previous-login")


def since(user):
    """The moment from which things count as new for ``user`` (one query). Without an
    earlier login, the start of the day FIRST_VISIT_DAYS ago (Amsterdam time): the same
    moment all day, so the start page's kept part, which varies with it, holds."""
    previous = Visit.objects.filter(user=user).values_list("previous_login", flat=True).first()
    if previous is not None:
        return previous
    first_day = timezone.localdate() - datetime.timedelta(days=FIRST_VISIT_DAYS)
    return datetime.datetime.combine(
        first_day, datetime.time.min, tzinfo=timezone.get_current_timezone()
    )
