"""What the site search finds in the glossary (search/registry.py): every term (the
glossary is public and national)."""

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from search import registry

from .models import Term

# Written out in migration 0003_search_index as well: change both together.
FIELDS = registry.Fields(
    titles=("name", "also", "name_en"),
    texts=("explanation", "explanation_en"),
    title="name",
    summary="explanation",
    hit=("slug", "name_en"),
)


def terms(user, query):
    rows, total = query.find(Term.objects.all(), FIELDS)
    index = reverse("glossary:index")
    english = get_language() == "en"
    return [
        registry.Hit(
            row.search_title,
            f"{index}#{row.slug}",
            row.search_summary,
            # The Dutch word is the one residents meet; English pages name it as well.
            detail=row.name_en if english else "",
        )
        for row in rows
    ], total


def register():
    registry.add(_("Glossary"), terms, order=70)
