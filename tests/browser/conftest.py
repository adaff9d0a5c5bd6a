"""Playwright fixtures for the browser suite: Debian's Chromium, and pages
logged in as a member of the cast."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import sync_playwright

# Playwright's sync API keeps an event loop running in this thread, which makes
# Django refuse database calls from the tests unless this is set.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

HERE = Path(__file__).parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    """Every test in this folder is a browser test."""
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def pages_opened(browser, base_url, user_of):
    """``open_page(username=None)``: a page in a fresh browser context, logged in as the
    user ``user_of(username)`` gives, or anonymous; then, when the test is done, every
    context closed. The browser asks for English: the site must still answer in Dutch
    until the visitor chooses otherwise."""
    contexts = []

    def open_page(username=None):
        context = browser.new_context(locale="en-US")
        contexts.append(context)
        if username is not None:
            context.add_cookies([session_cookie(user_of(username), base_url)])
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page_as(browser, live_server, request):
    """Pages as a member of the cast (``pages_opened``)."""
    yield from pages_opened(
        browser, live_server.url, lambda username: request.getfixturevalue("cast")[username]
    )


def session_cookie(user, url):
    """A session cookie for ``user``; axes' backend needs a request, so no login()."""
    client = Client()
    client.force_login(user)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"name": settings.SESSION_COOKIE_NAME, "value": value, "url": url}
