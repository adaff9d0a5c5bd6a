"""``{{ text|highlight:words }}``: the matched words in <mark>, the rest escaped."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from search.registry import marked

register = template.Library()


@register.filter
def highlight(text, words):
    """The pieces PostgreSQL's headline marked (search/registry.py), else each of
    ``words``, in <mark>; every piece escaped."""
    return mark_safe(
        "".join(
            format_html("<mark>{}</mark>", piece) if is_match else conditional_escape(piece)
            for piece, is_match in marked(str(text or ""), words or ())
        )
    )
