"""The glossary (``/begrippen/``): the words a resident or a newcomer meets, A to Z."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from .models import Term


def index(request):
    terms = sorted(Term.objects.all(), key=lambda term: term.shown_name.casefold())
    letters = {}
    for term in terms:
        letters.setdefault(term.shown_name[:1].upper(), []).append(term)
    return render(
        request,
        "glossary/index.html",
        {
            "letters": [{"letter": letter, "terms": items} for letter, items in letters.items()],
            "breadcrumbs": [(_("Glossary"), None)],
        },
    )
