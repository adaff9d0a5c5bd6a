"""The service form's fields, written by one Jinja2 template (includes/fields.html, rows
from toolbox_site/form_fields.py), carry the markup crispy-forms wrote for them: for a new
service, a saved one, and any input sent (empty, valid, values nobody offered), the same
fields, values, checked and selected options, error messages, hints and ARIA attributes."""

import re

from django.template import Context, Template
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from network.forms import ServiceForm
from network.models import Service
from toolbox_site.jinja import render as render_jinja

from .test_properties import SERVICE_FIELDS

CRISPY = Template("{% load crispy_forms_tags %}{{ form|crispy }}")


def normalised(html):
    """Markup compared as a browser reads it: whitespace beside tags dropped and runs of
    it made one space, crispy's ``<div >`` written ``<div>``, quotes escaped one way
    (markupsafe writes &#39; and &#34;, Django &#x27; and &quot;)."""
    html = html.replace("&#39;", "&#x27;").replace("&#34;", "&quot;").replace("<div >", "<div>")
    html = re.sub(r"\s+", " ", html)
    return re.sub(r"\s*(<[^>]+>)\s*", r"\1", html).strip()


def both(make):
    """The fields written by fields.html and by crispy, each from a form of its own (crispy
    changes its widgets' classes as it renders)."""
    ours = render_jinja("includes/fields.html", {"form": make()})
    return normalised(ours), normalised(CRISPY.render(Context({"form": make()})))


values = st.one_of(
    st.none(),
    st.text(alphabet="ab<&\"' 1", max_size=5),
    st.sampled_from(["", "0", "1", "-3", "formal", "yes", "on", "x" * 5001]),
    st.lists(st.sampled_from(["1", "2", "3", "x", ""]), max_size=3),
)


def test_the_fields_of_a_new_and_a_saved_service_are_crispys(network, enschede):
    service = network["enschede"]["oco"]
    for language in ("nl", "en"):
        with translation.override(language):
            ours, crispy = both(
                lambda: ServiceForm(
                    organization=enschede, instance=Service(owning_organization=enschede)
                )
            )
            assert ours == crispy
            ours, crispy = both(
                lambda: ServiceForm(organization=service.owning_organization, instance=service)
            )
            assert ours == crispy


@settings(max_examples=40, deadline=None)
@given(sent=st.fixed_dictionaries({}, optional=dict.fromkeys(SERVICE_FIELDS, values)))
def test_the_fields_of_a_form_with_any_input_are_crispys(network, sent):
    service = network["enschede"]["oco"]
    data = {key: value for key, value in sent.items() if value is not None}

    def make():
        form = ServiceForm(data, organization=service.owning_organization, instance=service)
        form.is_valid()
        return form

    ours, crispy = both(make)
    assert ours == crispy
