"""The Jinja2 templates behind {% jinja %} and {% options %}: the values given,
autoescaped, translated like the Django templates around them."""

from django.template import Context, Template, engines
from django.utils import translation

from monitoring.dashboards import Cell
from monitoring.views.dashboard_common import Table


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
