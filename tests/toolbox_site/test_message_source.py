"""How messages are written in the source, so every one reaches the catalogue whole.

- A translation call inside an f-string is not found by ``makemessages`` (it reads
  the f-string as one literal), so its text stays English: "(passed)" on the
  agreements page.
- A message with a count needs its plural form (``ngettext``): "1 afspraken ... zijn
  opgeslagen" came from a singular message with ``%(count)s``.
"""

import ast

from django.conf import settings

from ..sources import PROJECT_APPS, python_files

APPS = PROJECT_APPS
SINGULAR = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy"}
TRANSLATING = SINGULAR | {"ngettext", "ngettext_lazy", "npgettext", "npgettext_lazy"}


def name_of(call):
    function = call.func
    if isinstance(function, ast.Name):
        return function.id
    if isinstance(function, ast.Attribute):
        return function.attr
    return ""


def source_trees():
    for app in APPS:
        for path in python_files(app):
            yield path.relative_to(settings.BASE_DIR), ast.parse(path.read_text())


def test_no_translation_call_inside_an_f_string():
    found = [
        f"{path}:{node.lineno}"
        for path, tree in source_trees()
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for inner in ast.walk(node)
        if isinstance(inner, ast.Call) and name_of(inner) in TRANSLATING
    ]
    assert not found, "Translate the whole sentence, not a word in an f-string: " + ", ".join(found)


def test_every_counted_message_has_a_plural_form():
    found = [
        f"{path}:{node.lineno}"
        for path, tree in source_trees()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and name_of(node) in SINGULAR
        and node.args
        and isinstance(node.args[-1], ast.Constant)
        and isinstance(node.args[-1].value, str)
        and "%(count)" in node.args[-1].value
    ]
    assert not found, "Use ngettext for a message with a count: " + ", ".join(found)
