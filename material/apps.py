from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaterialConfig(AppConfig):
    """Printable material per municipality (poster, flyer, referral card), made from the
    network map when it is asked for. No models: it keeps nothing of its own."""

    name = "material"
    verbose_name = _("Printable material")
