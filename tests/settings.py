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

# Documents are kept in a temporary folder of each test process, never under MEDIA_ROOT.
import atexit  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402

_documents = tempfile.mkdtemp(prefix="toolbox-test-documents-")
atexit.register(shutil.rmtree, _documents, ignore_errors=True)
STORAGES = {
    **STORAGES,  # noqa: F405
    "documents": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": _documents},
    },
}
