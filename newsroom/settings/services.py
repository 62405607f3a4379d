"""The services a deployment plugs in (database replica, cache, media storage, task queue).

Each function reads its environment variables here, so ``base.py`` only says which
services exist and the production settings only add what they refuse.
"""

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from . import env

# Connection problems surface within half a second instead of hanging a request.
REDIS_SOCKET_TIMEOUT = 0.5


def databases(default_url):
    conn_max_age = int(env.get("DB_CONN_MAX_AGE", "60"))
    found = {
        "default": dj_database_url.parse(
            env.get("DATABASE_URL", default_url),
            conn_max_age=conn_max_age,
            conn_health_checks=True,
        )
    }
    replica_url = env.get("DATABASE_REPLICA_URL", "")
    if replica_url:
        found["replica"] = dj_database_url.parse(
            replica_url, conn_max_age=conn_max_age, conn_health_checks=True
        )
    for database in found.values():
        if database["ENGINE"].endswith("postgresql") and not env.boolean("DB_JIT"):
            # Public pages run short queries; PostgreSQL's JIT compiles some of them on
            # every request (50-60 ms for 10 ms of work). Off for our connections.
            options = database.setdefault("OPTIONS", {})
            options["options"] = f"{options.get('options', '')} -c jit=off".strip()
        if database["ENGINE"].endswith("postgresql") and env.boolean("DB_PREPARED", True):
            # Parameters bound by the server, and a query run a third time on a connection
            # (connections live DB_CONN_MAX_AGE) prepared: PostgreSQL parses it once per
            # connection and, where its generic plan is as cheap as a fresh one, plans it
            # once (planning was 1.6 ms of the article form's 2 ms of database work; issue
            # 13). At most 65,535 parameters a statement then. DB_PREPARED=0 behind a
            # pooler in transaction mode that does not keep prepared statements.
            options = database.setdefault("OPTIONS", {})
            options.setdefault("server_side_binding", True)
            options.setdefault("prepare_threshold", 2)
    return found


def caches():
    """Redis when REDIS_URL is set; the database cache or local memory when asked."""
    backend = env.get("CACHE_BACKEND", "").strip().lower()
    redis_url = env.get("REDIS_URL", "")
    if redis_url and backend in {"", "redis"}:
        default = {
            # Degrades to misses when Redis is unreachable (newsroom/cache.py).
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": env.get("CACHE_KEY_PREFIX", "newsroom"),
            "OPTIONS": {
                "socket_connect_timeout": REDIS_SOCKET_TIMEOUT,
                "socket_timeout": REDIS_SOCKET_TIMEOUT,
            },
        }
    elif backend == "database":
        # `manage.py createcachetable` makes the table (the deploy steps run it).
        default = {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "newsroom_cache",
        }
    elif backend in {"", "locmem"}:
        default = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    else:
        raise ImproperlyConfigured(
            "CACHE_BACKEND must be redis (with REDIS_URL), database or locmem."
        )
    return {"default": default}


def is_process_local(cache):
    return cache["BACKEND"].endswith(("locmem.LocMemCache", "dummy.DummyCache"))


def storages(staticfiles_backend):
    """Media on the filesystem by default, on S3-compatible storage when S3_BUCKET is set."""
    bucket = env.get("S3_BUCKET", "")
    if bucket:
        default = {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": env.get("S3_ENDPOINT_URL") or None,
                "region_name": env.get("S3_REGION") or None,
                "access_key": env.get("S3_ACCESS_KEY_ID") or None,
                "secret_key": env.get("S3_SECRET_ACCESS_KEY") or None,
                "custom_domain": env.get("S3_CUSTOM_DOMAIN") or None,
                "location": env.get("S3_PREFIX", ""),
                # Photos are public once published; their names are random.
                "querystring_auth": False,
                "default_acl": None,
                # Never replace an object: a new upload gets a new name.
                "file_overwrite": False,
                "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
            },
        }
    else:
        default = {"BACKEND": "newsroom.storage.AtomicFileSystemStorage"}
    return {"default": default, "staticfiles": {"BACKEND": staticfiles_backend}}


def tasks():
    """Tasks are rows in our own database, run by `manage.py db_worker` (django-tasks-db)."""
    return {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["default", "media"],
        }
    }
