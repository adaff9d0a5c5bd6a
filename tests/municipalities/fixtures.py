"""The municipality pages' fixtures, named by the shared harnesses (tests/inventory.py)."""

import pytest

from municipalities import demo


@pytest.fixture
def contact_persons(cast):
    """The demo's contact persons of the cast's municipalities (Enschede, Hengelo)."""
    demo.seed()
