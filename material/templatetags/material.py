from io import BytesIO

import segno
from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def qr_svg(url):
    """The QR code of ``url`` as inline SVG (sized by CSS through its viewBox). The
    markup is segno's; the URL is only in the code's modules, not in the markup."""
    buffer = BytesIO()
    segno.make(url, error="m").save(
        buffer, kind="svg", xmldecl=False, svgns=True, nl=False, omitsize=True, svgclass="qr"
    )
    return mark_safe(buffer.getvalue().decode())
