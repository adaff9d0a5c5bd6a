"""Row counts of every table, and what an upgrade must keep, as JSON (for
.ci/check-upgrade). Run with manage.py's settings: ``python .ci/upgrade_counts.py``."""

import json
import os
import sys

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toolbox_site.settings")

import django

django.setup()

from django.db import connection  # noqa: E402

# Sessions and counters change on their own (a login, a cached page); the data must not.
SKIPPED = {
    "django_migrations",
    "django_session",
    "toolbox_site_session",
    "toolbox_site_dataversion",
    "toolbox_site_scopeversions",
}

with connection.cursor() as cursor:
    counts = {}
    for table in sorted(connection.introspection.table_names()):
        if table in SKIPPED:
            continue
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
    cursor.execute(
        "SELECT ct.app_label, p.codename FROM auth_group_permissions gp "
        "JOIN auth_permission p ON p.id = gp.permission_id "
        "JOIN django_content_type ct ON ct.id = p.content_type_id "
        "JOIN auth_group g ON g.id = gp.group_id WHERE g.name = 'Upgrade check' "
        "ORDER BY 1, 2"
    )
    granted = [f"{app}.{codename}" for app, codename in cursor.fetchall()]
json.dump({"counts": counts, "granted": granted}, sys.stdout, indent=1, sort_keys=True)
