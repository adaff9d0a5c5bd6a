"""A resident in Chromium: a phone number in three actions from the home page, and
no cookie in the browser after the whole route."""

from django.urls import reverse


def test_a_resident_reaches_a_phone_number_in_three_actions(page_as, live_server, finder_network):
    page = page_as()
    page.goto(live_server.url + reverse("home"))
    actions = 0
    page.select_option("#home-municipality", "enschede")
    actions += 1
    page.select_option("#home-situation", "geldzorgen")
    actions += 1
    with page.expect_navigation():
        page.click(".resident-finder button[type=submit]")
    actions += 1
    assert actions <= 3
    assert page.locator("h1").inner_text() == "Wie kan u helpen in Enschede?"
    assert page.locator("main a[href^='tel:']").count() > 0


def test_a_skipped_question_on_the_home_page_is_explained(page_as, live_server, finder_network):
    page = page_as()
    page.goto(live_server.url + reverse("home"))
    page.select_option("#home-municipality", "enschede")
    with page.expect_navigation():
        page.click(".resident-finder button[type=submit]")
    summary = page.locator(".error-summary")
    assert "Kies waar uw vraag over gaat." in summary.inner_text()
    summary.locator("a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_situatie_0"


def test_the_browser_holds_no_cookie_after_the_resident_s_route(
    page_as, live_server, finder_network, enschede_service
):
    page = page_as()
    page.goto(live_server.url + reverse("home"))
    page.select_option("#home-municipality", "enschede")
    page.select_option("#home-situation", "geldzorgen")
    with page.expect_navigation():
        page.click(".resident-finder button[type=submit]")
    with page.expect_navigation():
        page.click("main a[href$='/klopt-er-iets-niet/']")
    page.check("input[name=reason] >> nth=0")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator("h1").inner_text() == "Bedankt voor uw bericht"
    for url in (
        reverse("network:service_detail", args=[enschede_service.pk]),
        reverse("accessibility"),
        reverse("privacy"),
        reverse("monitoring:public"),
    ):
        assert page.goto(live_server.url + url).status == 200
    assert page.context.cookies() == []
    # Choosing a language is the first thing that sets one.
    with page.expect_navigation():
        page.click(".language-switch a[lang=en]")
    assert [cookie["name"] for cookie in page.context.cookies()] == ["django_language"]
    assert page.locator("html").get_attribute("lang") == "en"
