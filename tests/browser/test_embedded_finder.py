"""The finder on a municipality's website, in Chromium: a website the editors named
shows it at its full height and a search stays in the frame; any other website gets
nothing. The municipality's website is a page served by a small server of its own, at
another origin (Chromium refused to let a page that Playwright made up frame the local
test server at all, named or not)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from finder.models import FinderEmbed

HOST_PAGE = """<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Gemeente</title>
</head><body><h1>Hulp bij uw vraag</h1>
<iframe src="{frame}" title="Vind een cliëntondersteuner" data-toolbox-finder
 style="width: 100%; height: 300px; border: 0;"></iframe>
<script src="{script}" defer></script></body></html>"""


@pytest.fixture
def website(live_server):
    """The municipality's website: its origin; it serves the page with the code to paste."""
    body = HOST_PAGE.format(
        frame=live_server.url + reverse("finder:embedded", args=["enschede"]),
        script=live_server.url + reverse("finder:embed_script"),
    ).encode()

    class Page(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_a_named_website_shows_the_finder_at_its_full_height(
    page_as, website, finder_network, enschede
):
    # Through the model: the editors' form accepts https websites only.
    FinderEmbed.objects.create(municipality=enschede, origins=website)
    page = page_as()
    page.goto(website + "/")
    frame = page.frame_locator("iframe")
    expect(frame.locator("h1")).to_have_text("Vind een cliëntondersteuner in Enschede")
    page.wait_for_function("document.querySelector('iframe').offsetHeight > 600")
    frame.locator("label", has_text="Ik maak me zorgen over geld").click()
    frame.locator("button[type=submit]").click()
    # The click does not wait for the frame's new page: the expectation does.
    expect(frame.locator("h1")).to_have_text("Wie kan u helpen in Enschede?")
    assert page.url == website + "/"  # the search stayed in the frame


def test_a_website_that_was_not_named_gets_nothing(page_as, website, finder_network):
    page = page_as()
    with page.expect_console_message(lambda message: "frame-ancestors" in message.text):
        page.goto(website + "/")
    assert page.frame_locator("iframe").locator("form").count() == 0
    assert page.evaluate("document.querySelector('iframe').offsetHeight") == 300
