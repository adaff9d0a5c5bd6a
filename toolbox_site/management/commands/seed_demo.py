from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = "Load the Twente demo data (idempotent). Only for development: refuses with DEBUG off."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo only runs with DEBUG=True: it creates accounts with a known password."
            )
        with transaction.atomic():
            # Each app may have a demo.py with seed(); they run in INSTALLED_APPS order,
            # so the core (organizations, accounts) comes first.
            for config in apps.get_app_configs():
                module_name = f"{config.name}.demo"
                if find_spec(module_name) is None:
                    continue
                summary = import_module(module_name).seed()
                self.stdout.write(f"{config.label}: {summary}")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
