"""toolbox_site/jinja2/includes/fields.html (includes/form.html ``fields_template``)
writes the markup ``{{ form|crispy }}`` writes, for a form without data and for any
input with its errors."""

import re

from django import forms
from django.template import Context, Template
from django.template.loader import render_to_string
from hypothesis import given, settings
from hypothesis import strategies as st

from toolbox_site.form_fields import JinjaFieldsMixin
from toolbox_site.forms import NoAutofocusMixin, RadioWithoutBlankMixin
from toolbox_site.jinja import render
from toolbox_site.widgets import Select


class ExampleForm(JinjaFieldsMixin, NoAutofocusMixin, RadioWithoutBlankMixin, forms.Form):
    title = forms.CharField(label="Titel <b>", max_length=20)
    place = forms.ChoiceField(
        label="Plaats",
        choices=[("", "Kies"), ("1", "Almelo & co"), ("2", "Borne")],
        widget=Select,
    )
    other = forms.ChoiceField(
        label="Ander", required=False, choices=[("", "Geen"), ("a", "A")], help_text="Hint"
    )
    text = forms.CharField(
        label="Tekst", widget=forms.Textarea(attrs={"rows": 4}), help_text="Gewone tekst."
    )
    email = forms.EmailField(label="E-mail", required=False)
    pillar = forms.ChoiceField(
        label="Pijler",
        choices=[("x", "Netwerk"), ("y", "Kwaliteit <1>")],
        widget=forms.RadioSelect,
    )
    criteria = forms.MultipleChoiceField(
        label="Criteria",
        required=False,
        choices=[("1", "ON-1"), ("2", "ON-2 \"'"), ("3", "ON-3")],
        widget=forms.CheckboxSelectMultiple,
        help_text="De criteria.",
    )
    roles = forms.MultipleChoiceField(
        label="Rollen", choices=[("1", "Een"), ("2", "Twee")], widget=forms.CheckboxSelectMultiple
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("title") == "fout":
            raise forms.ValidationError("Het geheel klopt niet.")
        return cleaned_data


def _words(html):
    """The markup with its whitespace collapsed and none around tags (a browser shows
    both alike), quotes escaped one way."""
    html = html.replace("&#39;", "&#x27;").replace("&#34;", "&quot;")
    return re.sub(r"\s*([<>])\s*", r"\1", re.sub(r"\s+", " ", html)).strip()


def _both(make_form):
    crispy = Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(
        Context({"form": make_form()})
    )
    ours = render("includes/fields.html", {"form": make_form()})
    return _words(ours), _words(crispy)


def test_a_form_without_data_is_written_as_crispy_writes_it():
    ours, crispy = _both(lambda: ExampleForm(initial={"version": 3, "criteria": ["2"]}))
    assert ours == crispy
    assert 'id="id_criteria_1" checked' in ours


@settings(max_examples=80, deadline=None)
@given(
    data=st.dictionaries(
        st.sampled_from(
            ["title", "place", "other", "text", "email", "pillar", "criteria", "version"]
        ),
        st.sampled_from(["", "1", "2", "x", "a", "fout", "<b>&", "a" * 30, "-1", "a@b.nl"]),
    ),
    roles=st.lists(st.sampled_from(["1", "2", "9"]), max_size=2),
)
def test_any_input_with_its_errors_is_written_as_crispy_writes_it(data, roles):
    def make_form():
        form = ExampleForm({**data, "roles": roles})
        form.is_valid()
        return form

    ours, crispy = _both(make_form)
    assert ours == crispy


def test_the_form_include_writes_the_fields_template():
    html = render_to_string(
        "includes/form.html",
        {"form": ExampleForm(), "fields_template": "includes/fields.html", "csrf_free": True},
    )
    assert 'id="div_id_title"' in html and 'type="submit"' in html
