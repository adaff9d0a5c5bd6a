from django.urls import resolve

from toolbox_site.context_processors import navigation


def test_the_menu_links_only_to_pages_that_exist(db):
    urls = [item["url"] for item in navigation()]
    assert urls[0] == "/"
    for url in urls:
        resolve(url)  # no link to a page that is not there


def test_every_part_of_the_toolbox_is_in_the_menu(db):
    assert [(item["url"], str(item["label"])) for item in navigation()] == [
        ("/", "Home"),
        ("/gemeenten/", "Gemeenten"),
        ("/criteria/", "Kwaliteitscriteria"),
        ("/netwerk/", "Netwerk"),
        ("/vind-een-clientondersteuner/", "Vind een cliëntondersteuner"),
        ("/monitoring/", "Monitoring"),
        ("/documenten/", "Documenten"),
        ("/praktijk/", "Praktijkvoorbeelden"),
    ]
