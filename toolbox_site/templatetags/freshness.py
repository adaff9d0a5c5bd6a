"""``{% cached part %}…{% endcached %}``: the one template tag that keeps markup in
the cache, under a part built by ``toolbox_site.freshness.part`` (the key is never
spelled out in a template)."""

from django import template

from toolbox_site.freshness import CachedNode

register = template.Library()


@register.tag
def cached(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("Usage: {% cached part %}…{% endcached %}")
    nodelist = parser.parse(("endcached",))
    parser.delete_first_token()
    return CachedNode(nodelist, parser.compile_filter(bits[1]))
