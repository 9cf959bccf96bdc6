"""Settings for the test suite: production settings with a throwaway key, plain HTTP."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("CREDENTIAL_KEY", "dGVzdHMtb25seS1jcmVkZW50aWFsLWtleS0zMmJ5dGU=")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from youthpass_site.settings import *  # noqa: E402, F403

# The browser tests talk to a live server over plain HTTP.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SITE_URL = "https://youthpass.test"
WHITENOISE_AUTOREFRESH = True
# Lockouts are exercised by their own tests, which switch them on.
AXES_ENABLED = False
# Background tasks run at once, inside the request that starts them.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# Rate limits count in the local memory of the test process, emptied before each test.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
