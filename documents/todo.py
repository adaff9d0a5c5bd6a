"""For the start page (``/mijn-toolbox/``, toolbox_site/todo.py): the documents
published since the user's previous visit, in its "new since your last visit"
(registered in apps.py)."""

from django.utils.translation import gettext as _

from toolbox_site.dates import show_date
from toolbox_site.todo import Item

from .models import Document


def new_documents(user, since):
    """Items for the documents ``user`` may read that were published after ``since``
    (an aware date-time), newest first."""
    documents = (
        Document.objects.for_user(user)
        .published()
        .filter(published_at__gt=since)
        .order_by("-published_at", "pk")
        .only("title", "slug", "published_at")
    )
    return [
        Item(
            text=_("New document: %(title)s") % {"title": document.title},
            url=document.get_absolute_url(),
            detail=_("published on %(date)s") % {"date": show_date(document.published_at)},
        )
        for document in documents
    ]
