"""The material as PDF: the print templates rendered by WeasyPrint (as documents/render.py
renders the demo's documents). Nothing is fetched: the QR code is inline SVG."""

from pathlib import Path

from django.template.loader import render_to_string
from weasyprint import CSS, HTML

from .qr import qr_svg

STYLES = Path(__file__).parent / "templates" / "material" / "print" / "print.css"


def pdf(item, context):
    """The PDF (bytes) of ``item`` (content.ITEMS) for one municipality. The QR code is
    drawn into it; the preview page links the same code as an image (views.qr_code)."""
    html = render_to_string(
        "material/print/document.html",
        {
            "page": context,
            "item": item,
            "heading": "h1",
            "subheading": "h2",
            "pdf": True,
            "finder_qr": qr_svg(context["finder_url"]),
        },
    )
    stylesheet = CSS(string=STYLES.read_text(encoding="utf-8"))
    return HTML(string=html).write_pdf(stylesheets=[stylesheet])
