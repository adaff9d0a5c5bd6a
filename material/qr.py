"""The QR code that leads from the printed material to the finder."""

from io import BytesIO

import segno
from django.utils.safestring import mark_safe


def qr_svg(url):
    """The QR code of ``url`` as inline SVG (sized by CSS through its viewBox). The
    markup is segno's; the URL is only in the code's modules, not in the markup.
    Drawn into each PDF (render.pdf) and served as the preview's image
    (views.qr_code): choosing the best of QR's eight masks takes several
    milliseconds, so the preview page itself does not draw it. Always a full QR code, never a
    Micro QR (which ``segno.make`` tries first): phone cameras do not read those, and
    trying them cost a fifth of the code's time."""
    buffer = BytesIO()
    segno.make_qr(url, error="m").save(
        buffer, kind="svg", xmldecl=False, svgns=True, nl=False, omitsize=True, svgclass="qr"
    )
    return mark_safe(buffer.getvalue().decode())
