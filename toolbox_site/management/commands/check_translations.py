import difflib
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

IGNORE = [".venv", "node_modules", "staticfiles", "tests", "bench", "media", "build", "*.egg-info"]


PO = Path("nl") / "LC_MESSAGES" / "django.po"


def catalogue_paths():
    """The project's catalogue (``locale/``: the core and the project templates) and
    one per pillar app (``<app>/locale/``), so each app keeps its own strings."""
    base = settings.BASE_DIR
    return [
        base / "locale" / PO,
        *sorted(
            path
            for path in base.glob(f"*/locale/{PO.as_posix()}")
            if path.parts[len(base.parts)] not in IGNORE
        ),
    ]


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
        if update:
            update_catalogue(verbosity=options["verbosity"])
            return
        catalogues = catalogue_paths()
        originals = {po: po.read_text(encoding="utf-8") for po in catalogues}
        try:
            update_catalogue()
            extracted = {po: po.read_text(encoding="utf-8") for po in catalogues}
        finally:
            for po, text in originals.items():
                po.write_text(text, encoding="utf-8")

        problems = []
        total = 0
        for po in catalogues:
            name = po.relative_to(settings.BASE_DIR).parent.parent.parent.as_posix()
            total += count_entries(originals[po])
            diff = list(
                difflib.unified_diff(
                    normalized(originals[po]),
                    normalized(extracted[po]),
                    f"{name} (committed)",
                    f"{name} (from the code)",
                    lineterm="",
                )
            )
            if diff:
                problems.append(
                    f"{name} is stale; run `manage.py check_translations --update` "
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
                    problems.append(f"{name}: {found} {what} entries:\n{result.stdout[:4000]}")
        if problems:
            raise CommandError("\n\n".join(problems))
        self.stdout.write(f"Dutch catalogues complete: {total} strings in {len(catalogues)} files.")
