"""The monitoring dashboard draws its charts under the strict CSP (Chart.js from
the site, data through json_script) without a single console error, and keeps
the tables with the same figures."""

import pytest
from django.urls import reverse

from ..monitoring.dashboard_fixtures import figures  # noqa: F401 (a fixture)
from .test_accessibility import check_page

pytestmark = pytest.mark.usefixtures("figures")


def console_errors(page):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_the_dashboard_draws_a_line_and_a_bar_chart(page_as, live_server, cast):
    page = page_as("enschede.editor")
    errors = console_errors(page)
    url = reverse("monitoring:dashboard") + "?indicator=clients_total&gemeente=enschede"
    response = page.goto(live_server.url + url)
    page.wait_for_function("() => Chart.getChart('chart-line') !== undefined")
    assert page.locator("#chart-line").is_visible()
    assert page.evaluate("Chart.getChart('chart-line').data.datasets[0].label") == "Enschede"
    assert page.locator("#table-municipalities").is_visible()
    check_page(page, live_server.url, response, 200)
    assert errors == []


def test_the_public_dashboard_draws_its_chart_without_csp_errors(page_as, live_server):
    page = page_as()
    errors = console_errors(page)
    response = page.goto(live_server.url + reverse("monitoring:public"))
    page.wait_for_function("() => Chart.getChart('chart-line') !== undefined")
    # A hidden small number is a gap in the chart, never the number itself.
    data = page.evaluate("Chart.getChart('chart-line').data.datasets[0].data")
    assert 3 not in data
    check_page(page, live_server.url, response, 200)
    assert errors == []


def test_without_javascript_the_tables_carry_everything(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + reverse("monitoring:public") + "?indicator=clients_total")
    assert page.locator("#table-region").is_visible()
    assert not page.locator("#chart-line").is_visible()  # the chart's box stays hidden
    context.close()
