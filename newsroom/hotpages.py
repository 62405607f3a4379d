"""Hot pages: each worker's own copy of the pages it has just served, trusted while Redis
says that nothing has been purged since.

Every hit ``FastHits`` serves from the cache costs one Redis round trip (the page and
the purge marker, ``pagecache.PURGES_KEY``): most of a hit's CPU, in the socket's send
and receive. Here each worker keeps the pages it served last (``Hot``) and serves them
again without that round trip, for as long as its ``Watch`` knows the marker has not
changed. The watch is a connection of its own on which Redis pushes a message whenever
the marker changes (client-side caching's broadcast tracking: ``CLIENT TRACKING ON
BCAST PREFIX <marker key>``, RESP3). Every purge changes the marker, so a purge empties
every worker's copies as soon as the push arrives, a fraction of a millisecond after the
purge; the worker that purged empties its own at once (``changed_here``). A page is never
served from here past its own end (``entry["expires"]``: the horizon, the maximum age).

What the watch cannot learn from pushes is that its connection died without a word
(the network, not Redis, failing): it asks Redis for a PING every ``PING_EVERY``
seconds, and a watch whose PING is not answered within ``TIMEOUT`` serves nothing until
it has connected again. So a copy outlives a purge by at most the time a push takes on
a working connection, and by ``PING_EVERY + TIMEOUT`` on one that broke silently. A
closed connection (Redis restarting, a flush) is noticed on the next request.

Redis over TCP or a Unix socket (``redis://``, ``unix://``) only: with TLS, another
cache backend, or ``PAGE_CACHE_HOT_PAGES = 0`` there is no watch and every hit asks the
cache, as before.
"""

import logging
import os
import select
import socket
import threading
import time
from urllib.parse import unquote, urlsplit

logger = logging.getLogger(__name__)

PING_EVERY = 0.5
TIMEOUT = 0.25
RETRY_AFTER = 1.0
PONG = b"+PONG\r\n"

# Purges made by this process (``changed_here``): part of every watch's generation, so
# the worker that purged never serves a copy the purge made stale, push or no push.
_changes_here = 0


def changed_here():
    global _changes_here
    _changes_here += 1


def _command(*words):
    """A command in the Redis protocol (an array of bulk strings)."""
    parts = [f"*{len(words)}\r\n".encode()]
    for word in words:
        data = word.encode() if isinstance(word, str) else word
        parts.append(b"$%d\r\n%s\r\n" % (len(data), data))
    return b"".join(parts)


class Watch:
    """Tells, without a round trip, whether Redis key ``key`` may have changed.

    ``quiet()`` is True while the watch is connected and nothing has been pushed since
    the current ``generation`` began; any push, a closed connection, a reconnection or
    a purge by this process starts a new generation. Safe across threads and forks.
    """

    def __init__(self, location, key):
        self.location = location
        self.key = key
        self._own = 0
        self._sock = None
        self._pid = None
        self._pinged = 0.0
        self._retry_at = 0.0
        self._warned = False
        self._lock = threading.Lock()

    @property
    def generation(self):
        return (self._own, _changes_here)

    def quiet(self):
        with self._lock:
            if self._pid != os.getpid():  # a forked child never shares its parent's socket
                self._pid = os.getpid()
                self._sock = None
                self._own += 1
            if self._sock is None:
                self._connect()
                return False
            try:
                if time.monotonic() - self._pinged >= PING_EVERY:
                    return self._ping()
                data = self._sock.recv(65536)
            except BlockingIOError:
                return True  # nothing pushed
            except OSError:
                self._close()
                return False
            if data:
                self._own += 1  # a push: the marker changed, or the data was flushed
            else:
                self._close()
            return False

    def close(self):
        with self._lock:
            self._close()

    def _close(self):
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        self._own += 1

    def _connect(self):
        if time.monotonic() < self._retry_at:
            return
        try:
            sock = self._open()
        except OSError as error:
            self._retry_at = time.monotonic() + RETRY_AFTER
            if not self._warned:
                logger.warning("Hot pages off until Redis answers: %s", error)
                self._warned = True
            return
        self._sock = sock
        self._pinged = time.monotonic()
        self._own += 1
        self._warned = False

    def _open(self):
        address = urlsplit(self.location)
        if address.scheme == "unix":
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(TIMEOUT)
            try:
                sock.connect(address.path)
            except BaseException:
                sock.close()
                raise
        else:
            target = (address.hostname or "127.0.0.1", address.port or 6379)
            sock = socket.create_connection(target, timeout=TIMEOUT)
        try:
            hello = ["HELLO", "3"]
            if address.password is not None:
                user = unquote(address.username) if address.username else "default"
                hello += ["AUTH", user, unquote(address.password)]
            sock.sendall(
                _command(*hello)
                + _command("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", self.key)
                + _command("PING")
            )
            answer = self._read_until(sock, PONG)
            # HELLO answers a map ("%"); tracking "+OK"; then the PING's PONG. An error
            # (an old Redis without RESP3, a wrong password) starts with "-".
            if not (answer.startswith(b"%") and answer.endswith(b"+OK\r\n" + PONG)):
                raise OSError(f"Redis refused client tracking: {answer[:200]!r}")
            sock.setblocking(False)
        except BaseException:
            sock.close()
            raise
        return sock

    @staticmethod
    def _read_until(sock, end):
        deadline = time.monotonic() + TIMEOUT
        data = b""
        while not data.endswith(end):
            if data.startswith(b"-") and data.endswith(b"\r\n"):
                break  # an error: nothing else is coming
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("Redis did not answer in time")
            sock.settimeout(remaining)
            chunk = sock.recv(65536)
            if not chunk:
                raise ConnectionError("Redis closed the connection")
            data += chunk
        return data

    def _ping(self):
        """Whether the connection answers a PING with nothing pushed before the PONG."""
        sock = self._sock
        try:
            sock.sendall(_command("PING"))
            deadline = time.monotonic() + TIMEOUT
            data = b""
            while not data.endswith(PONG):
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not select.select([sock], [], [], remaining)[0]:
                    raise TimeoutError("Redis did not answer the PING in time")
                chunk = sock.recv(65536)
                if not chunk:
                    raise ConnectionError("Redis closed the connection")
                data += chunk
        except OSError:
            self._close()
            return False
        self._pinged = time.monotonic()
        if data != PONG:
            self._own += 1  # pushed before the PONG
            return False
        return True


class Hot:
    """The pages a worker served last, each kept under the watch's generation it was
    read in: a new generation finds none of them. At most ``size`` pages, the oldest
    dropped first."""

    def __init__(self, watch, size):
        self.watch = watch
        self.size = size
        self._pages = (None, {})

    def get(self, key):
        """The page kept under ``key`` if the watch is quiet and it was kept in this
        generation, else None."""
        if not self.watch.quiet():
            return None
        generation, pages = self._pages
        if generation != self.watch.generation:
            return None
        return pages.get(key)

    def put(self, key, page, generation):
        """Keep ``page``, read from the cache while the watch was in ``generation``."""
        if generation != self.watch.generation:
            return  # something changed since it was read
        kept, pages = self._pages
        if kept != generation:
            pages = {}
            self._pages = (generation, pages)
        pages.pop(key, None)
        pages[key] = page
        while len(pages) > self.size:
            pages.pop(next(iter(pages)), None)


def for_cache(caches_setting, marker_key, size):
    """A ``Hot`` for the default cache's Redis, watching ``marker_key`` (the cache's own
    key, prefix and version included), or None when there is no such Redis."""
    if size <= 0:
        return None
    default = caches_setting.get("default", {})
    location = default.get("LOCATION", "")
    if "redis" not in default.get("BACKEND", "").lower() or not isinstance(location, str):
        return None
    location = location.split(",")[0]  # the primary: where writes, so purges, go
    if urlsplit(location).scheme not in {"redis", "unix"}:
        return None
    return Hot(Watch(location, marker_key), size)
