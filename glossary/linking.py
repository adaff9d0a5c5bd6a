"""Words on a page linked to their explanation in the glossary (``/begrippen/``).

``{{ text|link_terms }}`` (``{% load glossary %}``) escapes the text and links the
first use of each term, in any of its forms, whole words only and the longest form
first ("onafhankelijke cliëntondersteuning" before "cliëntondersteuning"). The terms
are kept under the glossary's data version (toolbox_site/freshness.py), so an edit in
the admin shows at the next request.
"""

import functools
import re

from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from toolbox_site import freshness

from .models import Term


def _forms():
    """{form in lower case: slug} of every term's forms."""
    found = {}
    for term in Term.objects.only("slug", "name", "also"):
        for form in term.forms():
            found.setdefault(form.casefold(), term.slug)
    return found


def forms():
    return freshness.cached(freshness.part("glossary-forms", "glossary", shared=True), _forms)


@functools.lru_cache(maxsize=8)
def _pattern(alternatives):
    # Whole words: no letter or digit just before or after the form.
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def link_terms(text):
    """``text`` as safe HTML, the first use of each term linked to its explanation."""
    text = "" if text is None else str(text)
    known = forms()
    if not known or not text:
        return escape(text)
    alternatives = "|".join(re.escape(form) for form in sorted(known, key=len, reverse=True))
    address = reverse("glossary:index")
    parts, linked, position = [], set(), 0
    for match in _pattern(alternatives).finditer(text):
        slug = known.get(match.group(0).casefold())
        if slug is None or slug in linked:
            continue
        linked.add(slug)
        parts.append(escape(text[position : match.start()]))
        parts.append(
            format_html(
                '<a class="glossary-term" href="{}#{}">{}</a>', address, slug, match.group(0)
            )
        )
        position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))
