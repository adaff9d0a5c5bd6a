"""The finder's form fields, written by Jinja2 (finder/jinja2/finder/search_form.html),
carry the markup crispy-forms wrote for them: for any query string (empty, valid,
values nobody offered), the same fields, values, checked options, error messages
and ARIA attributes."""

import re

from django.template import Context, Template
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from finder.forms import FinderForm
from finder.models import AgeGroup, FinderLanguage, Preference
from toolbox_site.jinja import render as render_jinja

# What the page had before: crispy's fields, the municipality select written by hand.
CRISPY = Template(
    "{% load crispy_forms_tags toolbox %}"
    '<form method="get" action="{% url \'finder:index\' %}" class="finder-form measure" '
    "novalidate>"
    "{% with field=form.gemeente %}"
    '<div class="mb-3">'
    '<label for="{{ field.id_for_label }}" class="form-label">{{ field.label }}</label>'
    '<select name="{{ field.html_name }}" id="{{ field.id_for_label }}" '
    'class="form-select{% if field.errors %} is-invalid{% endif %}"'
    '{% if field.errors %} aria-invalid="true" '
    'aria-describedby="{{ field.id_for_label }}_error"{% endif %}>'
    "{% options field.field.choices field.value %}</select>"
    '{% for error in field.errors %}<div id="{{ field.id_for_label }}_error" '
    'class="invalid-feedback d-block"><strong>{{ error }}</strong></div>{% endfor %}'
    "</div>{% endwith %}"
    "{{ form.situatie|as_crispy_field }}{{ form.leeftijd|as_crispy_field }}"
    "{{ form.voorkeur|as_crispy_field }}{{ form.taal|as_crispy_field }}"
    '<button type="submit" class="btn btn-primary">Toon wie kan helpen</button></form>'
)


class Situation:
    def __init__(self, slug, question):
        self.slug, self.question = slug, question


SITUATIONS = [
    Situation("geldzorgen", "Geld & <zorgen>"),
    Situation("eenzaam", "Ik voel me 'eenzaam'"),
]
MUNICIPALITIES = [("enschede", "Enschede"), ("hof-van-twente", 'Hof "van" Twente')]


def normalised(html):
    """Markup compared as a browser reads it: whitespace beside tags dropped and runs
    of it made one space, crispy's
    ``<div >`` written ``<div>``, quotes escaped one way (markupsafe writes &#39;,
    Django &#x27;), the button's text left out (translated by the page)."""
    html = html.replace("&#39;", "&#x27;").replace("&#34;", "&quot;").replace("<div >", "<div>")
    html = re.sub(r"\s+", " ", html)
    html = re.sub(r"\s*(<[^>]+>)\s*", r"\1", html)
    return re.sub(r"<button[^>]*>.*?</button>", "", html)


def values(choices):
    junk = st.text(alphabet="ab<'\"& 1", max_size=4)
    return st.one_of(st.none(), st.sampled_from([value for value, _ in choices]), junk)


@settings(max_examples=80, deadline=None)
@given(
    gemeente=values(MUNICIPALITIES),
    situatie=values([(s.slug, s.question) for s in SITUATIONS]),
    leeftijd=values([("", ""), *AgeGroup.choices]),
    voorkeur=values([("", ""), *Preference.choices]),
    taal=values([("", ""), *FinderLanguage.choices]),
    bound=st.booleans(),
    language=st.sampled_from(["nl", "en"]),
)
def test_the_jinja_fields_write_what_crispy_wrote(
    gemeente, situatie, leeftijd, voorkeur, taal, bound, language
):
    sent = {"gemeente": gemeente, "situatie": situatie, "leeftijd": leeftijd}
    sent |= {"voorkeur": voorkeur, "taal": taal}
    data = {key: value for key, value in sent.items() if value is not None}
    with translation.override(language):
        form = FinderForm(
            data if bound else None, municipalities=MUNICIPALITIES, situations=SITUATIONS
        )
        form.is_valid()
        ours = render_jinja("finder/search_form.html", {"form": form})
        crispy = CRISPY.render(Context({"form": form}))
    assert normalised(ours) == normalised(crispy)
