"""Production: refuses to start without its secrets; passes ``check --deploy``."""

from django.core.exceptions import ImproperlyConfigured

from . import env, services
from .base import *  # noqa: F403

DEBUG = env.boolean("DEBUG", default=False)
SECRET_KEY = env.required(
    "SECRET_KEY",
    "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'",
)
ALLOWED_HOSTS = env.listing("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    env.required("ALLOWED_HOSTS", "Give the site's host names, comma-separated.")

STORAGES = services.storages("whitenoise.storage.CompressedManifestStaticFilesStorage")

# gunicorn's workers, the task worker and the periodic runner are separate
# processes: a per-process cache would let them disagree (presence, purges).
if services.is_process_local(CACHES["default"]):  # noqa: F405
    raise ImproperlyConfigured(
        "Production needs a cache shared by every process: set REDIS_URL "
        "(redis://127.0.0.1:6379/0) or CACHE_BACKEND=database (then run "
        "`manage.py createcachetable`). The local-memory cache is per process."
    )

# TLS ends at the load balancer, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.boolean("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = int(env.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.boolean("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.boolean("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
# Behind nginx on the same machine by default (deploy/nginx/newsroom.conf).
TRUSTED_PROXY_COUNT = int(env.get("TRUSTED_PROXY_COUNT", "1"))
