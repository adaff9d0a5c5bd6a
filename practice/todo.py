"""For the start page (``/mijn-toolbox/``, toolbox_site/todo.py): the practice examples
published since the user's previous visit, in its "new since your last visit"
(registered in apps.py)."""

from django.utils.translation import gettext as _

from toolbox_site.access import access_for
from toolbox_site.dates import show_date
from toolbox_site.todo import Item

from .models import PracticeExample

# At most this many; the practice exchange's list has the rest.
LIMIT = 20


def new_examples(user, since):
    """The examples the user may read that were published after ``since`` (an aware
    date-time; None: every published one), newest first, as start-page items. Their
    own municipalities' examples are left out: they know those."""
    examples = PracticeExample.objects.for_user(user).published()
    if since is not None:
        examples = examples.filter(published_at__gt=since)
    examples = examples.exclude(municipality__in=list(access_for(user).roles))
    examples = examples.select_related("municipality").only(
        "title", "slug", "published_at", "municipality__name"
    )
    return [
        Item(
            text=_("New practice example of %(municipality)s: %(title)s")
            % {"municipality": example.municipality.name, "title": example.title},
            url=example.get_absolute_url(),
            detail=show_date(example.published_at),
        )
        for example in examples.order_by("-published_at")[:LIMIT]
    ]
