"""The test suite: SQLite by default, PostgreSQL when DATABASE_URL is set."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="newsroom-test-media-"))
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tasks run as they are enqueued; the "database" backend is there for the worker's tests.
TASKS = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "media"],
    },
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "media"]},
}
# A second alias mirroring the test database, for the read-replica router's tests;
# the router only uses it when DATABASE_READ_REPLICA names it.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
DATABASE_READ_REPLICA = None
LOGGING = {"version": 1, "disable_existing_loggers": False}
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="newsroom-test-static-"))
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests travel in time (time-machine) with sessions made at another moment; keep
# Django's two weeks here. The idle-timeout tests set their own.
SESSION_COOKIE_AGE = 14 * 24 * 60 * 60
# Pages are rendered on every request unless a test turns the page cache on
# (tests/discovery/test_page_cache.py); fragments are cached as in production.
PAGE_CACHE_ENABLED = False
