"""Settings for the metrology benchmark's gunicorn: the real settings plus a baseline view."""

import os

os.environ.setdefault("SECRET_KEY", "bench-only")

from tdc.settings import *  # noqa: E402, F403

ROOT_URLCONF = "metrology_urls"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# No collectstatic in a bench: plain static storage for {% static %}.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# The import benchmark's file of 200,000 rows (scale 1) is about 51 MB.
METROLOGY_IMPORT_MAX_BYTES = 200 * 1024 * 1024
