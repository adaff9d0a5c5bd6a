"""Every page of the inventory passes axe-core (WCAG 2.1 A and AA), has one h1, the
right language and a skip link as its first tab stop, reports no error in the console
and fits a phone (reflow.py), looked at on the demo site: the data a visitor of
``make run`` sees, loaded once for a group of pages instead of once a page.

The benchmark resolves the inventory against the same demo data, so every entry has
the object its URL names and answers with the inventory's status. The pages are split
into a few groups (``xdist_group``): one test process takes a group and loads the demo
once for it, and the groups spread over the processes. Each test runs in a savepoint of
its own, so what a page writes (a session, a visit) is gone before the next one.

The live server shares the test's connection to the in-memory SQLite database, so it
sees the demo without it being committed; the data is rolled back when the module is
done. That is why this module needs SQLite: the browser suite runs on it in CI
(.ci/run).
"""

import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection
from django.test import Client
from django.urls import reverse
from pytest_django.live_server_helper import LiveServer

from ..inventory import PAGES
from ..once import loaded_once
from .conftest import pages_opened
from .reflow import assert_fits_a_phone
from .test_accessibility import check_page

# One group a test process (two in CI): each loads the demo once, and the other tests
# fill in around them.
GROUPS = 2

demo = loaded_once(lambda: call_command("seed_demo", stdout=None), DEBUG=True)


def _html_pages():
    """The inventory's HTML pages, each in its group. Downloads, JSON and the HSDS API
    are tested in their apps' own tests."""
    pages = [page for page in PAGES if page.html and not page.name.startswith("hsds:")]
    return [
        pytest.param(page, id=page.id, marks=pytest.mark.xdist_group(f"demo-pages-{n % GROUPS}"))
        for n, page in enumerate(pages)
    ]


class SharedConnectionServer(ThreadedWSGIServer):
    """The live server, whose request threads all use the test's one in-memory SQLite
    connection: closing it after a request only checks the thread. A browser's idle
    keep-alive connection that ends after the server has stopped (the connection no
    longer shared) then raised in its thread, and pytest reported that at whichever
    test came next. Nothing to close, so nothing is closed."""

    def _close_connections(self):
        pass


@pytest.fixture(scope="module")
def demo_site(demo):
    """The demo, served by a live server of this module's own (pytest-django's
    ``live_server`` would make every test flush the database)."""
    if not (connection.vendor == "sqlite" and connection.is_in_memory_db()):
        pytest.skip("the live server must share the test's in-memory SQLite database")
    server = LiveServer("localhost", start=False)  # a host the test settings allow
    server.thread.server_class = SharedConnectionServer
    server.start()
    yield server.url
    server.stop()


@pytest.fixture
def open_as(browser, demo_site, db):
    """Pages as a demo user (``pages_opened``)."""
    yield from pages_opened(
        browser, demo_site, lambda username: get_user_model().objects.get(username=username)
    )


@pytest.mark.parametrize("page", _html_pages())
def test_the_page_is_accessible_and_fits_a_phone(open_as, demo_site, page):
    browser_page = open_as(page.user)
    errors = []
    browser_page.on("console", lambda message: message.type == "error" and errors.append(message))
    response = browser_page.goto(demo_site + page.url())
    check_page(browser_page, demo_site, response, page.status)
    # Nothing refused by the Content-Security-Policy, no failed loads, no script errors
    # (a page refused on purpose, 403, reports its own status as a failed load).
    own_status = f"the server responded with a status of {page.status} "
    assert [m.text for m in errors if page.status < 400 or own_status not in m.text] == []
    assert_fits_a_phone(browser_page)


# The admin's lists on its index, and the links to a list's objects and its add page.
ADMIN_LIST = re.compile(r'href="(/admin/[a-z_]+/[a-z_]+/)"')


def model_admin(address):
    """The ModelAdmin of an admin list's address (/admin/<app>/<model>/)."""
    app_label, model_name = address.strip("/").split("/")[1:3]
    return admin.site._registry[apps.get_model(app_label, model_name)]


@pytest.mark.xdist_group("demo-pages-0")
def test_every_admin_form_the_coordinator_opens_is_accessible(open_as, demo_site):
    """The inventory names the admin's index and lists; their forms are checked here, on
    the demo: for every list the coordinator has, the first object's page and the add
    page pass axe-core, with one h1, the right language and the skip link. Django's own
    widgets needed mending (static/js/admin.js, toolbox_site/admin.py TabularInline)."""
    # The addresses are found with Django's test client (quicker than the browser).
    client = Client()
    client.force_login(get_user_model().objects.get(username="twente.coordinator"))
    # An add page shows every field of its form, empty; an object's page is checked too
    # where it shows more: the rows of inlines, or where nothing can be added.
    forms = []
    for address in sorted(set(ADMIN_LIST.findall(client.get(reverse("admin:index")).text))):
        listing = client.get(address).text
        found = re.search(rf'href="({re.escape(address)}\d+/change/)', listing)
        adds = f'href="{address}add/"' in listing
        forms += [f"{address}add/"] if adds else []
        if found and (not adds or model_admin(address).inlines):
            forms.append(found[1])
    assert len(forms) > 25
    page = open_as("twente.coordinator")
    for address in forms:
        response = page.goto(demo_site + address)
        check_page(page, demo_site, response, 200)
