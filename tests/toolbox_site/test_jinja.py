"""The Jinja2 templates behind {% jinja %} and {% options %}: the values given,
autoescaped, translated like the Django templates around them."""

import re
from pathlib import Path

from django import forms
from django.template import Context, Template, engines
from django.template.loader import get_template
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from monitoring.dashboards import Cell
from monitoring.views.dashboard_common import Table
from toolbox_site.widgets import Select


def render(source, **context):
    return Template("{% load toolbox %}" + source).render(Context(context))


def test_the_jinja_tag_renders_a_table_with_its_values_escaped():
    table = Table(
        caption="<script>alert(1)</script>",
        columns=["Periode", "Totaal"],
        rows=[["2026 K1", Cell(value=None, shown="< 5", hidden=True)], ["2026 K2", "12"]],
        key="region",
    )
    html = render('{% jinja "monitoring/dashboard/table.html" table=table %}', table=table)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<td class="text-end dashboard-hidden">&lt; 5</td>' in html
    assert '<td class="text-end">12</td>' in html
    assert html.count('<th scope="row">') == 2


def test_jinja_templates_translate_as_the_page_does():
    template = engines["jinja2"].from_string('{{ _("Filter") }}')
    with translation.override("nl"):
        assert template.render() == "Filteren"
    with translation.override("en"):
        assert template.render() == "Filter"


def test_options_marks_the_chosen_value_and_escapes_labels():
    html = render(
        "{% options choices chosen %}",
        choices=[("a", "A & B"), ("b", "<b>")],
        chosen="b",
    )
    assert '<option value="a">A &amp; B</option>' in html
    assert '<option value="b" selected>&lt;b&gt;</option>' in html


def _tags(html):
    """The markup without the whitespace between tags, quotes escaped one way
    (markupsafe writes &#39; and &#34;, Django &#x27; and &quot;: the same text)."""
    html = html.replace("&#39;", "&#x27;").replace("&#34;", "&quot;")
    return re.sub(r">\s+<", "><", html.strip())


@settings(max_examples=60, deadline=None)
@given(
    choices=st.lists(
        st.tuples(st.text(alphabet="ab<&\"' 1", max_size=4), st.text(max_size=6)),
        max_size=4,
        unique_by=lambda pair: pair[0],
    ),
    chosen=st.one_of(st.none(), st.text(alphabet="ab<&\"' 1", max_size=4)),
    attrs=st.dictionaries(
        st.sampled_from(["class", "aria-invalid", "aria-describedby", "required", "disabled"]),
        st.one_of(st.booleans(), st.text(alphabet='ab<&" -', max_size=5)),
        max_size=3,
    ),
    grouped=st.booleans(),
)
def test_the_select_widget_writes_djangos_markup(choices, chosen, attrs, grouped):
    """toolbox_site.widgets.Select (one Jinja2 template) writes what Django's Select
    writes, attributes (aria-invalid, required) and optgroups included."""
    if grouped and choices:
        choices = [("Groep <1>", choices[:2]), *choices[2:]]
    ours = Select(attrs=attrs, choices=choices).render("veld", chosen, attrs={"id": "id_veld"})
    django = forms.Select(attrs=attrs, choices=choices).render(
        "veld", chosen, attrs={"id": "id_veld"}
    )
    assert _tags(ours) == _tags(django)


def _words(html):
    """The markup with its whitespace collapsed and none around tags (a browser shows
    both alike)."""
    html = html.replace("&#39;", "&#x27;").replace("&#34;", "&quot;")
    return re.sub(r"\s*([<>])\s*", r"\1", re.sub(r"\s+", " ", html)).strip()


def _crispy_checkboxes():
    """crispy-bootstrap5's own radio_checkbox_select.html (the one
    templates/bootstrap5/layout/ overrides)."""
    import crispy_bootstrap5

    path = Path(crispy_bootstrap5.__file__).parent.joinpath(
        "templates", "bootstrap5", "layout", "radio_checkbox_select.html"
    )
    return Template(path.read_text())


@settings(max_examples=60, deadline=None)
@given(
    choices=st.lists(
        st.tuples(st.text(alphabet="ab<&\"' 1", min_size=1, max_size=4), st.text(max_size=6)),
        min_size=1,
        max_size=4,
        unique_by=lambda pair: pair[0],
    ),
    chosen=st.lists(st.text(alphabet="ab<&\"' 1", max_size=4), max_size=2),
    grouped=st.booleans(),
    multiple=st.booleans(),
    inline=st.booleans(),
)
def test_the_check_boxes_are_written_as_crispy_writes_them(
    choices, chosen, grouped, multiple, inline
):
    """templates/bootstrap5/layout/radio_checkbox_select.html (the options in one Jinja2
    loop) writes what crispy-bootstrap5's template writes, for check boxes and radio
    buttons, in groups or not."""
    if grouped:
        choices = [("Groep <1>", choices[:2]), *choices[2:]]
    if multiple:
        field = forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple)
    else:
        field = forms.ChoiceField(choices=choices, widget=forms.RadioSelect)
        chosen = chosen[0] if chosen else None

    class ChoiceForm(forms.Form):
        veld = field

    bound = ChoiceForm(initial={"veld": chosen})["veld"]
    context = {"field": bound, "inline_class": "inline" if inline else ""}
    ours = get_template("bootstrap5/layout/radio_checkbox_select.html").render(context)
    crispy = _crispy_checkboxes().render(Context(context))
    assert _words(ours) == _words(crispy)
