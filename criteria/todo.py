"""The criteria's sections of the start page (toolbox_site/todo.py): local agreements
due for review in the municipalities the user may change, and trainings that start in
the coming weeks in the user's own regions."""

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from toolbox_site.access import access_for
from toolbox_site.addresses import slug_prefix
from toolbox_site.dates import show_date
from toolbox_site.models import Organization
from toolbox_site.permissions import changes_some_data
from toolbox_site.todo import Item, Section

from .models import LocalAgreement, TrainingSession

SOON_DAYS = 42  # six weeks: time to sign up


def agreements_section(user):
    """The local agreements due for review, for who may change them."""
    if not changes_some_data(user):
        return None
    today = timezone.localdate()
    due = (
        LocalAgreement.objects.filter(
            municipality__in=Organization.objects.editable_by(user).municipalities()
        )
        .filter(Q(needs_review=True) | Q(review_date__lte=today))
        .values("municipality__name", "municipality__slug")
        .annotate(count=Count("pk"))
        .order_by("municipality__name")
    )
    agreements = slug_prefix("criteria:agreements")
    items = [
        Item(
            ngettext(
                "Review one local agreement of %(municipality)s",
                "Review %(count)s local agreements of %(municipality)s",
                row["count"],
            )
            % {"count": row["count"], "municipality": row["municipality__name"]},
            f"{agreements}{row['municipality__slug']}/",
            _("the criterion changed or the review date has come"),
        )
        for row in due
    ]
    return Section(
        _("Local agreements"),
        _("No local agreement is due for review."),
        items,
        more_url=reverse("criteria:matrix"),
    )


def trainings_section(user):
    """The sessions of the coming weeks in the user's own regions."""
    access = access_for(user)
    regions = access.member_regions | access.coordinated_regions
    if not regions:
        return None
    today = timezone.localdate()
    sessions = (
        TrainingSession.objects.filter(
            date__gte=today, date__lte=today + datetime.timedelta(days=SOON_DAYS)
        )
        .filter(training__region_id__in=list(regions))
        .values("date", "place", "training__title", "training__slug")
        .order_by("date", "pk")
    )
    detail = slug_prefix("training:detail")
    items = [
        Item(
            _("Training: %(title)s") % {"title": session["training__title"]},
            f"{detail}{session['training__slug']}/",
            _("on %(date)s (%(place)s)")
            % {"date": show_date(session["date"]), "place": session["place"]},
        )
        for session in sessions
    ]
    return Section(
        _("Training"),
        _("No training starts in the next six weeks."),
        items,
        more_url=reverse("training:index"),
    )
