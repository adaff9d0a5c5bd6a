"""The start page of a logged-in user (``/mijn-toolbox/``): what needs doing for their
own organizations (toolbox_site/todo.py), where logging in lands."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from .. import freshness, todo, visits
from ..permissions import is_region_coordinator
from ..regions import own_region_id


@login_required
def my_toolbox(request):
    user = request.user
    since = visits.since(user)
    return render(
        request,
        "toolbox_site/my_toolbox.html",
        {
            # Per user, under the versions of their own region (every app's data), the
            # day (deadlines, "not checked for 11 months") and what they may see.
            "part": freshness.part(
                "my-toolbox",
                *freshness.APPS,
                region=own_region_id(user),
                request=request,
                vary=(user.pk, since.isoformat()),
            ),
            "sections": SimpleLazyObject(lambda: todo.sections(user)),
            "news": SimpleLazyObject(lambda: todo.news(user, since)),
            "is_coordinator": is_region_coordinator(user),
            "breadcrumbs": [(_("My toolbox"), None)],
        },
    )
