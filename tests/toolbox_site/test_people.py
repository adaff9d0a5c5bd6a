"""One rule names a person everywhere (toolbox_site/people.py): the full name, else the
username; and no module or template writes that rule again."""

import re

from django.conf import settings
from django.contrib.auth.models import User
from django.template import Context, Template

from toolbox_site.people import display_name, display_name_of

from ..sources import PROJECT_APPS

APPS = (*PROJECT_APPS, "templates")
AGAIN = re.compile(r"get_full_name\(\) or|get_full_name\|default:[\w.]*(username|get_username)")


def test_the_full_name_else_the_username_else_the_default():
    assert display_name(User(username="esra", first_name="Esra", last_name="Yilmaz")) == (
        "Esra Yilmaz"
    )
    assert display_name(User(username="esra")) == "esra"
    assert display_name(None, "iemand") == "iemand"


def test_the_same_rule_from_columns_read_as_tuples():
    for user in (
        User(username="esra", first_name="Esra", last_name="Yilmaz"),
        User(username="esra"),
    ):
        assert display_name_of(user.username, user.first_name, user.last_name) == display_name(user)
    # A record without a user (a LEFT JOIN gives None everywhere).
    assert display_name_of(None, None, None, "iemand") == "iemand"


def test_templates_name_a_person_with_the_filter():
    html = Template("{% load toolbox %}{{ user|display_name }}").render(
        Context({"user": User(username="esra")})
    )
    assert html == "esra"


def test_no_module_or_template_writes_the_rule_again():
    found = []
    for app in APPS:
        for path in sorted((settings.BASE_DIR / app).rglob("*")):
            if path.suffix in (".py", ".html") and path.name != "people.py":
                for number, line in enumerate(path.read_text().splitlines(), start=1):
                    if AGAIN.search(line):
                        found.append(f"{path.relative_to(settings.BASE_DIR)}:{number}")
    assert not found, "Use toolbox_site.people.display_name: " + ", ".join(found)
