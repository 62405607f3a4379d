"""The page cache on Redis, as production has it, for the tests that need it."""

import contextlib
import uuid

import redis

REDIS_URL = "redis://127.0.0.1:6379/6"


@contextlib.contextmanager
def hot_redis(settings):
    """The default cache on Redis under a key prefix of its own (so tests running at the
    same time, and earlier runs' keys, are never seen), emptied of its keys afterwards.
    Yields the prefix."""
    prefix = f"newsroom-test-{uuid.uuid4().hex[:12]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    try:
        yield prefix
    finally:
        client = redis.Redis.from_url(REDIS_URL)
        keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
        client.close()
