"""Addresses of pages in a list, built once per page rather than once per row."""

from django.urls import reverse

PLACEHOLDER = "slug"


def slug_prefix(url_name):
    """The address of ``url_name`` up to its last part, the slug, which a list then adds
    for each row: ``reverse()`` once per page, not once per row. The URL pattern must
    end in its one argument and a slash (``<slug:slug>/``)."""
    address = reverse(url_name, args=[PLACEHOLDER])
    if not address.endswith(f"/{PLACEHOLDER}/"):
        raise ValueError(f"{url_name} does not end in its slug: {address}")
    return address.removesuffix(f"{PLACEHOLDER}/")
