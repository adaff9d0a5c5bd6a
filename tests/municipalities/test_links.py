"""Pages that name a municipality link to its page (/gemeenten/<slug>/): every entry of
the page inventory of these pages that answers with a page."""

import pytest
from django.urls import reverse

from ..inventory import PAGES
from ..network.once import on_the_module_network

# Every test works on the cast's network: built once for the module (tests/network/once.py),
# by one test process.
pytestmark = on_the_module_network(__name__)

NAMING = {
    "account",
    "audit_trail",
    "criteria:agreements",
    "monitoring:completeness",
    "monitoring:index",
    "monitoring:report",
    "municipalities:overview",
    "network:map",
    "network:municipality_steps",
    "network:organization",
    "practice:detail",
    "practice:index",
}
CHECKED = [page for page in PAGES if page.name in NAMING and page.status == 200 and page.html]


def test_every_page_named_here_is_in_the_inventory():
    assert {page.name for page in CHECKED} == NAMING


@pytest.mark.parametrize("page", CHECKED, ids=[page.id for page in CHECKED])
def test_a_page_that_names_a_municipality_links_to_its_page(client, cast, page, request):
    for fixture in page.fixtures:
        request.getfixturevalue(fixture)
    if page.user:
        client.force_login(cast[page.user])
    content = client.get(page.url()).content.decode()
    prefix = reverse("municipalities:detail", args=["x"]).removesuffix("x/")
    assert f'href="{prefix}' in content
