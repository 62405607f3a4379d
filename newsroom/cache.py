"""A Redis cache that degrades to a cache miss when Redis is unreachable.

The cache only ever saves work, so a Redis outage must make pages slower, never
fail them: reads answer "not cached", writes and deletes do nothing, and the
outage is logged once per interval instead of once per call. After a failure
the backend stops trying for ``RETRY_AFTER`` seconds, so a Redis that times out
instead of refusing costs one timeout per interval, not one per cache call.
"""

import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_AFTER = 5.0
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class _Breaker:
    def __init__(self):
        self._lock = threading.Lock()
        self._open_until = 0.0

    def is_open(self):
        return time.monotonic() < self._open_until

    def trip(self, error):
        with self._lock:
            was_closed = not self.is_open()
            self._open_until = time.monotonic() + RETRY_AFTER
        if was_closed:
            logger.warning("Redis cache unavailable, serving without cache: %s", error)

    def reset(self):
        self._open_until = 0.0


def _degrading(name, fallback):
    parent = getattr(RedisCacheClient, name)

    def method(self, *args, **kwargs):
        if self.breaker.is_open():
            return fallback(*args)
        try:
            return parent(self, *args, **kwargs)
        except UNAVAILABLE as error:
            self.breaker.trip(error)
            return fallback(*args)

    method.__name__ = name
    return method


def _missing_key(key, delta):
    # What incr() says about a key that is not there; callers already handle it.
    raise ValueError(f"Key {key!r} not found (cache unavailable).")


class ResilientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.breaker = _Breaker()
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        """One ``redis.Redis`` per connection pool, made once.

        Django's client builds a new ``redis.Redis`` for every command, and each one
        copies redis-py's table of response callbacks (about 170 entries): a tenth of a
        millisecond per cache call, a dozen calls per page. A ``redis.Redis`` over a pool
        is safe to share between threads, and the pool reconnects after a fork.
        """
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._client(connection_pool=self._get_connection_pool(write))
            self._clients[index] = client
        return client

    add = _degrading("add", lambda key, value, timeout: False)
    get = _degrading("get", lambda key, default: default)
    set = _degrading("set", lambda key, value, timeout: None)
    touch = _degrading("touch", lambda key, timeout: False)
    delete = _degrading("delete", lambda key: False)
    get_many = _degrading("get_many", lambda keys: {})
    has_key = _degrading("has_key", lambda key: False)
    incr = _degrading("incr", _missing_key)
    set_many = _degrading("set_many", lambda data, timeout: None)
    delete_many = _degrading("delete_many", lambda keys: None)
    clear = _degrading("clear", lambda: False)


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient

    def validate_key(self, key):
        """Nothing to check: Django's check warns about keys memcached would refuse
        (control characters, over 250 bytes), which Redis stores as they are, and looks
        at every character of every key to do it (a page reads ~80 keys)."""
