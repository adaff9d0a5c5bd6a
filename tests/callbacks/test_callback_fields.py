"""The call-back form's fields, written by toolbox_site/jinja2/includes/fields.html, carry the
markup crispy-forms wrote for them, empty and for any input sent (errors, hints, ARIA)."""

from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from callbacks.forms import CallbackForm

from ..network.test_service_fields import both

FIELDS = ["first_name", "phone", "best_time", "note", "consent"]
values = st.one_of(
    st.none(),
    st.text(alphabet="ab<&\"' 1", max_size=5),
    st.sampled_from(["", "0612345678", "morning", "on", "x" * 301]),
)


def test_the_empty_form_is_crispys():
    for language in ("nl", "en"):
        with translation.override(language):
            ours, crispy = both(CallbackForm)
            assert ours == crispy


@settings(max_examples=40, deadline=None)
@given(sent=st.fixed_dictionaries({}, optional=dict.fromkeys(FIELDS, values)))
def test_the_form_with_any_input_is_crispys(sent):
    data = {key: value for key, value in sent.items() if value is not None}

    def make():
        form = CallbackForm(data)
        form.is_valid()
        return form

    ours, crispy = both(make)
    assert ours == crispy
