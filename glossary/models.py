from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Term(models.Model):
    """A word a resident or a newcomer meets, explained in B1 Dutch (and in English).

    National: the same words hold in every region. Pages link the first use of a term
    to its explanation on the glossary page (glossary/linking.py)."""

    slug = models.SlugField(_("address name"), max_length=100, unique=True)
    name = models.CharField(_("term"), max_length=100, unique=True)
    also = models.CharField(
        _("other forms"),
        max_length=300,
        blank=True,
        help_text=_(
            "Other forms that link to this term as well, separated by commas: plurals, "
            "the name in full, a spelling without accents."
        ),
    )
    explanation = models.TextField(
        _("explanation"), help_text=_("In plain Dutch (B1): short sentences, and say 'u'.")
    )
    name_en = models.CharField(_("term in English"), max_length=100, blank=True)
    explanation_en = models.TextField(_("explanation in English"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("term")
        verbose_name_plural = _("terms")

    def __str__(self):
        return self.name

    def forms(self):
        """Every form of the word that links here: the term and its other forms."""
        return [self.name, *(form.strip() for form in self.also.split(",") if form.strip())]

    @property
    def shown_name(self):
        """The term in the page's language (Dutch when no English is given)."""
        return self.name_en if get_language() == "en" and self.name_en else self.name

    @property
    def shown_explanation(self):
        english = get_language() == "en" and self.explanation_en
        return self.explanation_en if english else self.explanation
