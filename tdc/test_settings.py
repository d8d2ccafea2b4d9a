"""Overrides for pytest: fast hashing, immediate jobs, in-memory mail, a fixed secret."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")

from tdc.settings import *  # noqa: E402, F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ALLOWED_HOSTS = ["*"]
AXES_ENABLED = True
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
AUDIT_LOG_DB_GUARD = False  # the guard is installed and tested by tdc/core/tests/test_audit.py
# Browser tests run a live server thread: a persistent connection there would keep the test
# database open and stop PostgreSQL from dropping it at the end of the run.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
