"""The page cache on Redis, as production has it, for the tests that need it.

The tests use a Redis server of their own when ``redis-server`` is installed (started
once per session on a free port, keeping nothing on disk), so a flush or a purge by
anything else on the machine's Redis never reaches their watch connections; else the
machine's Redis on 127.0.0.1:6379, else they are skipped.
"""

import contextlib
import shutil
import socket
import subprocess
import time
import uuid

import pytest
import redis

SHARED = "redis://127.0.0.1:6379/6"


def _answers(url):
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5)
        try:
            return client.ping()
        finally:
            client.close()
    except redis.RedisError:
        return False


@pytest.fixture(scope="session")
def redis_url():
    """The address of the tests' Redis (see the module docstring)."""
    binary = shutil.which("redis-server") or shutil.which("redis-server", path="/usr/sbin")
    if binary is None:
        if not _answers(SHARED):
            pytest.skip("no redis-server to start and no Redis on 127.0.0.1:6379")
        yield SHARED
        return
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(  # noqa: S603 (the machine's redis-server)
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        deadline = time.monotonic() + 10
        while not _answers(url):
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.skip("the tests' redis-server did not start")
            time.sleep(0.05)
        yield url
    finally:
        server.terminate()
        server.wait(10)


@contextlib.contextmanager
def hot_redis(settings, url):
    """The default cache on the Redis at ``url`` under a key prefix of its own, emptied of
    its keys afterwards. Yields the prefix."""
    prefix = f"newsroom-test-{uuid.uuid4().hex[:12]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    try:
        yield prefix
    finally:
        client = redis.Redis.from_url(url)
        keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
        client.close()
