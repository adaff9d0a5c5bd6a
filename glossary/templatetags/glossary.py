from django import template

from ..linking import link_terms as link

register = template.Library()


@register.filter
def link_terms(text):
    """The first use of each glossary term in ``text`` linked to its explanation
    (glossary/linking.py); the rest escaped."""
    return link(text)
