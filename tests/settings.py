"""Settings for the test suite: the real settings with development defaults.

The production checks (secret key, check --deploy) are tested separately in a
subprocess against the real settings module.
"""

import os

os.environ.setdefault("DEBUG", "True")

from toolbox_site.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LANGUAGE_CODE = "nl"
