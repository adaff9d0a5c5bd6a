"""The project's own source files, for the tests that read the code itself (no
table in Python, no csv writer outside exports, every audit code labelled…)."""

from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent

#: The project's own apps (a folder of this repository with an apps.py), from
#: INSTALLED_APPS: a new app is read by every code-reading test without a list to edit.
PROJECT_APPS = tuple(
    name
    for name in settings.INSTALLED_APPS
    if "." not in name and (ROOT / name / "apps.py").exists()
)


def python_files(*apps, migrations=False):
    """The Python modules below the apps' folders, sorted.

    Leaves out the copies ``makemessages`` writes beside each template while
    ``check_translations`` runs in a parallel test (``index.html.py``: the template
    with its text blanked out, not Python): a module's name has no other dot."""
    for app in apps:
        for path in sorted((ROOT / app).rglob("*.py")):
            if len(path.suffixes) > 1 or (not migrations and "migrations" in path.parts):
                continue
            yield path
