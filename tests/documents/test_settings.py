"""The documents' storage: the local disk by default, an S3-compatible store with one
setting. Read from the real settings module in a subprocess, as production would
(without setting Django up: the S3 backend, an optional dependency, is not installed
here)."""

import json
import os
import subprocess
import sys

from django.conf import settings

SHOW = (
    "import json; from django.conf import settings; "
    "print(json.dumps({'storage': settings.STORAGES['documents'], "
    "'limit': settings.DOCUMENT_MAX_BYTES, 'media_root': str(settings.MEDIA_ROOT)}, default=str))"
)


def read_settings(**env):
    full_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DOCUMENTS_", "DJANGO_SETTINGS", "MEDIA_ROOT", "DOCUMENT_MAX"))
    }
    full_env.update({"ENV_FILE": "", "DEBUG": "True", **env})
    full_env["DJANGO_SETTINGS_MODULE"] = "toolbox_site.settings"
    result = subprocess.run(
        [sys.executable, "-c", SHOW],
        cwd=settings.BASE_DIR,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_documents_are_kept_under_media_root_by_default():
    found = read_settings(MEDIA_ROOT="/srv/toolbox/media")
    assert found["storage"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert found["storage"]["OPTIONS"]["location"] == "/srv/toolbox/media/documents"
    assert found["limit"] == 20 * 1024 * 1024


def test_one_setting_moves_them_to_an_s3_compatible_store():
    found = read_settings(
        DOCUMENTS_S3_BUCKET="toolbox-documenten",
        DOCUMENTS_S3_ENDPOINT_URL="https://s3.example.nl",
        DOCUMENTS_S3_REGION="nl-ams",
        DOCUMENT_MAX_BYTES="1000",
    )
    storage = found["storage"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "toolbox-documenten"
    assert storage["OPTIONS"]["endpoint_url"] == "https://s3.example.nl"
    assert storage["OPTIONS"]["region_name"] == "nl-ams"
    assert storage["OPTIONS"]["default_acl"] == "private"
    assert storage["OPTIONS"]["file_overwrite"] is False
    assert found["limit"] == 1000


def test_no_url_serves_media_root(client, db):
    assert client.get(settings.MEDIA_URL + "documents/r1/d1/1.pdf").status_code == 404
