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


def terms(user):
    index, english = reverse("glossary:index"), get_language() == "en"

    def term_hit(row):
        return registry.Hit(
            row.title,
            f"{index}#{row.slug}",
            row.summary,
            # The Dutch word is the one residents meet; English pages name it as well.
            detail=row.name_en if english else "",
        )

    return registry.Source(Term.objects.all(), FIELDS, term_hit)


def register():
    registry.add(_("Glossary"), terms, order=70)
