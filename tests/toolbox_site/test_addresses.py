import pytest
from django.urls import reverse

from toolbox_site.addresses import slug_prefix


def test_the_prefix_plus_a_slug_is_the_page_s_address():
    assert slug_prefix("municipalities:detail") + "enschede/" == reverse(
        "municipalities:detail", args=["enschede"]
    )


def test_an_address_that_does_not_end_in_its_slug_is_refused():
    with pytest.raises(Exception):  # noqa: B017 (NoReverseMatch or ValueError)
        slug_prefix("home")
