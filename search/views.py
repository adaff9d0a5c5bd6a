"""The site search (``/zoeken/?q=…``): the hits of every kind the apps add
(search/registry.py), grouped by kind, only what the visitor may see."""

from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from toolbox_site import freshness

from . import registry
from .forms import SearchForm


def results(request):
    form = SearchForm(request.GET) if "q" in request.GET else SearchForm()
    query = form.cleaned_data["q"] if form.is_bound and form.is_valid() else ""
    context = {"form": form, "query": query, "breadcrumbs": [(_("Search"), None)]}
    if query:
        context.update(
            {
                # The results, kept under the versions of every app searched, the
                # visitor's visibility and the address (the query): a hit runs no query.
                "part": freshness.part(
                    "search-results", "toolbox_site", *registry.app_labels(), request=request
                ),
                "kinds": SimpleLazyObject(lambda: registry.search(request.user, query)),
                "words": registry.Query(query).words,
            }
        )
    return render(request, "search/results.html", context)
