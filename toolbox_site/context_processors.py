from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# The main navigation. A part of the toolbox appears here from the moment its
# page exists, so the header never links to a page that is not there.
NAVIGATION = [
    ("home", _("Home")),
    ("municipalities:overview", _("Municipalities")),
    ("criteria:index", _("Quality criteria")),
    ("network:index", _("Network")),
    ("finder:index", _("Find a client supporter")),
    ("monitoring:index", _("Monitoring")),
    ("documents:index", _("Documents")),
    ("practice:index", _("Practice exchange")),
]


def resolve_or_none(url_name):
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


def navigation():
    return [
        {"url": url, "label": label}
        for url, label in ((resolve_or_none(name), label) for name, label in NAVIGATION)
        if url
    ]


def site(request):
    return {
        "nav_items": navigation(),
        "contact_email": settings.CONTACT_EMAIL,
    }
