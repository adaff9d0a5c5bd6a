from django.test import override_settings

from toolbox_site.context_processors import navigation


def test_the_menu_shows_only_parts_that_exist(db):
    assert [item["url"] for item in navigation()] == ["/", "/netwerk/"]


@override_settings(ROOT_URLCONF="tests.toolbox_site.urls_with_all_parts")
def test_a_part_appears_in_the_menu_once_its_page_exists(db):
    assert [(item["url"], str(item["label"])) for item in navigation()] == [
        ("/", "Home"),
        ("/criteria/", "Kwaliteitscriteria"),
        ("/netwerk/", "Netwerk"),
    ]
