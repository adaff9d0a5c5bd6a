import difflib
import subprocess

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

IGNORE = [".venv", "node_modules", "staticfiles", "tests", "bench", "media", "build", "*.egg-info"]


def catalogue_path():
    return settings.BASE_DIR / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def normalized(text):
    """The catalogue without line wrapping or the extraction date, for comparison."""
    result = subprocess.run(
        ["msgcat", "--no-wrap", "-"], input=text, capture_output=True, text=True, check=True
    )
    return [
        line for line in result.stdout.splitlines() if not line.startswith('"POT-Creation-Date:')
    ]


def update_catalogue(verbosity=0):
    call_command(
        "makemessages",
        locale=["nl"],
        no_location=True,
        no_obsolete=True,
        ignore_patterns=IGNORE,
        verbosity=verbosity,
    )


def count_entries(po_text):
    return sum(1 for line in po_text.splitlines() if line.startswith("msgid ")) - 1  # header


class Command(BaseCommand):
    help = (
        "Fail when the Dutch catalogue is stale (strings added or removed in the code) "
        "or has untranslated or fuzzy entries. With --update, rewrite the catalogue instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("--update", action="store_true", help="Update locale/nl from the code.")

    def handle(self, *args, update=False, **options):
        po = catalogue_path()
        if update:
            update_catalogue(verbosity=options["verbosity"])
            return
        original = po.read_text(encoding="utf-8")
        try:
            update_catalogue()
            extracted = po.read_text(encoding="utf-8")
        finally:
            po.write_text(original, encoding="utf-8")

        problems = []
        diff = list(
            difflib.unified_diff(
                normalized(original),
                normalized(extracted),
                "locale/nl (committed)",
                "locale/nl (from the code)",
                lineterm="",
            )
        )
        if diff:
            problems.append(
                "The catalogue is stale; run `manage.py check_translations --update` "
                "and translate:\n" + "\n".join(diff[:80])
            )
        for flag, what in (("--untranslated", "untranslated"), ("--only-fuzzy", "fuzzy")):
            result = subprocess.run(
                ["msgattrib", flag, "--no-obsolete", str(po)],
                capture_output=True,
                text=True,
                check=True,
            )
            found = count_entries(result.stdout) if result.stdout else 0
            if found > 0:
                problems.append(f"{found} {what} entries:\n{result.stdout[:4000]}")
        if problems:
            raise CommandError("\n\n".join(problems))
        self.stdout.write(f"Dutch catalogue complete: {count_entries(original)} strings.")
