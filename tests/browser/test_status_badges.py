"""Every report-state badge is readable where it appears: its stylesheet is loaded
(the badges were white on transparent on /monitoring/) and its text has a contrast
of at least 4.5:1 against its own background."""

import pytest
from django.urls import reverse

from monitoring.models import Report

from ..monitoring.fixtures import make_report

CONTRAST = """
el => {
  const rgb = s => s.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map(v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const style = getComputedStyle(el);
  const bg = rgb(style.backgroundColor);
  if (bg.length === 4 && bg[3] === 0) return 0;  // transparent: no badge background at all
  const [a, b] = [lum(rgb(style.color)), lum(bg)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}
"""


@pytest.mark.parametrize("status", [s for s, _label in Report.Status.choices])
def test_a_report_state_badge_is_readable_on_the_monitoring_index(
    page_as, live_server, cast, status
):
    make_report("enschede", status)
    page = page_as("enschede.editor")
    page.goto(live_server.url + reverse("monitoring:index"))
    badge = page.locator(f".monitoring-status-{status}").first
    assert badge.is_visible()
    assert badge.evaluate(CONTRAST) >= 4.5


def test_the_state_badges_on_the_completeness_page_are_readable(page_as, live_server, cast):
    make_report("enschede", Report.Status.SUBMITTED)
    page = page_as("twente.coordinator")
    page.goto(live_server.url + reverse("monitoring:completeness"))
    badges = page.locator(".monitoring-status")
    assert badges.count() >= 2
    for index in range(badges.count()):
        assert badges.nth(index).evaluate(CONTRAST) >= 4.5
