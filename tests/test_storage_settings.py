"""Stored files go to the local disk, or to S3-compatible object storage by setting."""

import json
import os
import subprocess
import sys

from django.conf import settings

PROBE = """
import django, json
django.setup()
from django.core.files.storage import storages
storage = storages["default"]
print(json.dumps({
    "class": f"{type(storage).__module__}.{type(storage).__name__}",
    "bucket": getattr(storage, "bucket_name", None),
    "endpoint": getattr(storage, "endpoint_url", None),
    "acl": getattr(storage, "default_acl", None),
    "overwrite": getattr(storage, "file_overwrite", None),
}))
"""


def probe(**env):
    environment = {
        **{name: value for name, value in os.environ.items() if not name.startswith("STORAGE_")},
        "DJANGO_SETTINGS_MODULE": "youthpass_site.settings",
        "SECRET_KEY": "probe-only",
        "ALLOWED_HOSTS": "localhost",
        **env,
    }
    output = subprocess.run(  # noqa: S603 (this interpreter, a fixed script)
        [sys.executable, "-c", PROBE],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    ).stdout
    return json.loads(output)


def test_local_files_by_default():
    assert probe()["class"] == "django.core.files.storage.filesystem.FileSystemStorage"


def test_object_storage_when_a_bucket_is_set():
    storage = probe(
        STORAGE_BUCKET="youthpass-files",
        STORAGE_ENDPOINT_URL="https://objects.example.org",
        STORAGE_ACCESS_KEY="key",
        STORAGE_SECRET_KEY="secret",
    )
    assert storage == {
        "class": "storages.backends.s3.S3Storage",
        "bucket": "youthpass-files",
        "endpoint": "https://objects.example.org",
        "acl": "private",
        "overwrite": False,
    }
