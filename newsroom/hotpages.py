"""Hot pages: each worker's own copy of the pages it has just served, trusted while Redis
says that nothing has been purged since.

Every hit ``FastHits`` serves from the cache costs one Redis round trip (the page and
the purge marker, ``pagecache.PURGES_KEY``): most of a hit's CPU, in the socket's send
and receive. Here each worker keeps the pages it served last (``Hot``) and serves them
again without that round trip, for as long as its ``Watch`` knows the marker has not
changed. The watch is a connection of its own on which Redis pushes a message whenever
the marker changes (client-side caching's broadcast tracking: ``CLIENT TRACKING ON
BCAST PREFIX <marker key>``, RESP3), and whenever the data is flushed. Every purge
changes the marker, so a purge empties every worker's copies as soon as the push
arrives, a fraction of a millisecond after the purge; the worker that purged empties its
own at once (``changed_here``). A page is never served from here past its own end
(``entry["expires"]``: the horizon, the maximum age).

What pushes cannot tell is that the connection died without a word (the network failing)
or that it no longer reaches the server purges are written to (a failover that left the
old server up): every ``CHECK_EVERY`` seconds the watch reads the marker itself, and a
marker that differs from the one it last read starts a new generation, as a push does; a
watch whose read is not answered within ``TIMEOUT`` serves nothing until it has connected
again. So a copy outlives a purge by at most the time a push takes on a working
connection, and by ``CHECK_EVERY + TIMEOUT`` otherwise. A closed connection (Redis
restarting) is noticed on the next request. After a failure the watch waits
``RETRY_AFTER`` seconds before it connects again (every hit then asks the cache), so a
Redis that accepts connections but does not answer costs a worker at most one
``TIMEOUT`` per ``RETRY_AFTER``.

One Redis over TCP or a Unix socket (``redis://``, ``unix://``) only: with TLS, several
servers in the cache's LOCATION (reads may go to a replica that lags the watched
primary), another cache backend, or ``PAGE_CACHE_HOT_PAGES = 0`` there is no watch, and
every hit asks the cache as before.
"""

import logging
import os
import re
import select
import socket
import threading
import time
import weakref

from redis.connection import parse_url

logger = logging.getLogger(__name__)

CHECK_EVERY = 0.5
TIMEOUT = 0.25
RETRY_AFTER = 5.0
# A worker's copies hold at most this many bytes of pages; a page over a tenth of it
# (a large sitemap) is never kept.
MAX_BYTES = 16 * 1024 * 1024

# Purges made by this process (``changed_here``): part of every watch's generation, so
# the worker that purged never serves a copy the purge made stale, push or no push.
_changes_here = 0
_changes_lock = threading.Lock()
_watches = weakref.WeakSet()


def changed_here():
    global _changes_here
    with _changes_lock:
        _changes_here += 1


def _forked():
    """In a forked child: no lock held by a thread that did not come along, no socket
    shared with the parent, no copy trusted."""
    global _changes_lock
    _changes_lock = threading.Lock()
    for watch in list(_watches):
        watch._after_fork()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forked)


def _command(*words):
    """A command in the Redis protocol (an array of bulk strings)."""
    parts = [f"*{len(words)}\r\n".encode()]
    for word in words:
        data = word.encode() if isinstance(word, str) else word
        parts.append(b"$%d\r\n%s\r\n" % (len(data), data))
    return b"".join(parts)


class ProtocolError(OSError):
    pass


_LINE = frozenset(b"+-:_#,(")  # a type byte, then the value up to CRLF
_BULK = frozenset(b"$!=")  # a length, then that many bytes and CRLF
_AGGREGATE = {ord("*"): 1, ord(">"): 1, ord("~"): 1, ord("%"): 2, ord("|"): 2}


def _frame(buffer, start=0):
    """The RESP3 frame at ``start`` of ``buffer``: ((type, value), end), or None when the
    buffer does not hold all of it yet. A line's value is its bytes, a bulk string's its
    bytes (None for a null), an aggregate's the list of its elements' frames."""
    if start >= len(buffer):
        return None
    kind = buffer[start]
    line_end = buffer.find(b"\r\n", start)
    if line_end < 0:
        return None
    head = bytes(buffer[start + 1 : line_end])
    if kind in _LINE:
        return (chr(kind), head), line_end + 2
    if kind in _BULK:
        size = int(head)
        if size < 0:
            return (chr(kind), None), line_end + 2
        end = line_end + 2 + size
        if len(buffer) < end + 2:
            return None
        return (chr(kind), bytes(buffer[line_end + 2 : end])), end + 2
    if kind in _AGGREGATE:
        count = int(head)
        elements, position = [], line_end + 2
        for _ in range(max(0, count) * _AGGREGATE[kind]):
            found = _frame(buffer, position)
            if found is None:
                return None
            element, position = found
            elements.append(element)
        return (chr(kind), elements), position
    raise ProtocolError(f"unexpected RESP3 type {chr(kind)!r}")


class Watch:
    """Tells, without a round trip, whether Redis key ``key`` may have changed.

    ``quiet()`` is True while the watch is connected and nothing has been pushed since
    the current ``generation`` began; any push, a changed marker, a closed connection, a
    reconnection or a purge by this process starts a new generation.
    """

    def __init__(self, address, key):
        """``address``: redis-py's ``parse_url`` of the cache's location (host and port,
        or path; username and password)."""
        self.address = address
        self.key = key
        self._own = 0
        self._sock = None
        self._buffer = bytearray()
        self._marker = None
        self._checked = 0.0
        self._retry_at = 0.0
        self._warned = False
        self._pid = os.getpid()
        self._lock = threading.Lock()
        _watches.add(self)

    @property
    def generation(self):
        return (self._own, _changes_here)

    def quiet(self):
        with self._lock:
            try:
                return self._quiet()
            except Exception as error:  # never let the watch fail a request
                self._fail(error)
                return False

    def close(self):
        with self._lock:
            self._close()

    def _after_fork(self):
        self._lock = threading.Lock()
        self._sock = None  # the parent's: left open for it
        self._buffer = bytearray()
        self._own += 1
        self._pid = os.getpid()

    def _quiet(self):
        if self._pid != os.getpid():  # forked without register_at_fork
            self._after_fork()
        if self._sock is None:
            if time.monotonic() >= self._retry_at:
                self._connect()
            return False
        if time.monotonic() - self._checked >= CHECK_EVERY:
            return self._check()
        try:
            data = self._sock.recv(65536)
        except BlockingIOError:
            return True  # nothing pushed
        if not data:
            raise ConnectionError("Redis closed the connection")
        self._buffer += data
        self._pushes()
        self._own += 1  # a push (or part of one): the marker changed or data was flushed
        return False

    def _pushes(self):
        """Take the complete push frames off the buffer (anything else is an error)."""
        position = 0
        while (found := _frame(self._buffer, position)) is not None:
            (kind, value), position = found
            if kind != ">":
                raise ProtocolError(f"unexpected reply {kind}{value!r}")
        del self._buffer[:position]

    def _reply(self, deadline):
        """The next reply that is not a push, within ``deadline``; a push on the way
        starts a new generation."""
        while True:
            found = _frame(self._buffer)
            if found is not None:
                (kind, value), end = found
                del self._buffer[:end]
                if kind == ">":
                    self._own += 1
                    continue
                return kind, value
            remaining = deadline - time.monotonic()
            poller = select.poll()
            poller.register(self._sock, select.POLLIN)
            if remaining <= 0 or not poller.poll(remaining * 1000):
                raise TimeoutError("Redis did not answer in time")
            try:
                data = self._sock.recv(65536)
            except BlockingIOError:
                continue
            if not data:
                raise ConnectionError("Redis closed the connection")
            self._buffer += data

    def _check(self):
        """Read the marker on the watch's own connection: quiet only if no push came first
        and the marker is the one read last time."""
        before = self._own
        self._sock.sendall(_command("GET", self.key))
        kind, value = self._reply(time.monotonic() + TIMEOUT)
        self._checked = time.monotonic()
        if kind == "-":  # LOADING after a restart, BUSY with a script: trust nothing yet
            self._own += 1
            return False
        if value != self._marker:
            self._marker = value
            self._own += 1
        return self._own == before

    def _connect(self):
        address = self.address
        if "path" in address:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(TIMEOUT)
            try:
                sock.connect(address["path"])
            except BaseException:
                sock.close()
                raise
        else:
            target = (address.get("host") or "127.0.0.1", address.get("port") or 6379)
            sock = socket.create_connection(target, timeout=TIMEOUT)
        sock.setblocking(False)
        self._sock = sock
        self._buffer = bytearray()
        hello = ["HELLO", "3"]
        if address.get("password") is not None:
            hello += ["AUTH", address.get("username") or "default", address["password"]]
        sock.sendall(
            _command(*hello)
            + _command("CLIENT", "SETNAME", "newsroom-hot-pages")
            + _command("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", self.key)
            + _command("GET", self.key)
        )
        deadline = time.monotonic() + TIMEOUT
        answers = [self._reply(deadline) for _ in range(4)]
        refused = [value for kind, value in answers if kind == "-"]
        if refused or answers[0][0] != "%" or answers[2] != ("+", b"OK"):
            # An old Redis without RESP3, a wrong password, tracking not allowed.
            raise ProtocolError(f"Redis refused client tracking: {refused or answers[:3]!r}")
        self._marker = answers[3][1]
        self._checked = time.monotonic()
        self._own += 1
        if self._warned:
            logger.info("Hot pages on again: Redis tracks the purge marker")
        self._warned = False

    def _fail(self, error):
        self._close()
        self._retry_at = time.monotonic() + RETRY_AFTER
        if not self._warned:
            logger.warning("Hot pages off for now (every hit asks the cache): %s", error)
            self._warned = True

    def _close(self):
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        self._buffer = bytearray()
        self._own += 1


class Hot:
    """The pages a worker served last, each kept under the watch's generation it was
    read in: a new generation finds none of them. At most ``size`` pages and
    ``MAX_BYTES`` of them, the oldest dropped first."""

    def __init__(self, watch, size):
        self.watch = watch
        self.size = size
        self._pages = (None, {})
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key):
        """The page kept under ``key`` if the watch is quiet and it was kept in this
        generation, else None."""
        if not self.watch.quiet():
            return None
        generation, pages = self._pages
        if generation != self.watch.generation:
            return None
        found = pages.get(key)
        return None if found is None else found[0]

    def put(self, key, page, size, generation):
        """Keep ``page`` (``size`` bytes), read from the cache while the watch was in
        ``generation``."""
        if size > MAX_BYTES // 10:
            return
        with self._lock:
            if generation != self.watch.generation:
                return  # something changed since it was read
            kept, pages = self._pages
            if kept != generation:
                pages = {}
                self._pages = (generation, pages)
                self._bytes = 0
            if key in pages:
                self._bytes -= pages.pop(key)[1]
            pages[key] = (page, size)
            self._bytes += size
            while len(pages) > self.size or self._bytes > MAX_BYTES:
                self._bytes -= pages.pop(next(iter(pages)))[1]


def for_cache(caches_setting, marker_key, size):
    """A ``Hot`` for the default cache's Redis, watching ``marker_key`` (the cache's own
    key, prefix and version included), or None when there is no such Redis."""
    if size <= 0:
        return None
    default = caches_setting.get("default", {})
    location = default.get("LOCATION", "")
    if "redis" not in default.get("BACKEND", "").lower() or not isinstance(location, str):
        return None
    servers = [server for server in re.split("[;,]", location) if server.strip()]
    if len(servers) != 1 or not servers[0].startswith(("redis://", "unix://")):
        return None
    address = parse_url(servers[0].strip())
    options = default.get("OPTIONS", {})
    for name in ("username", "password"):
        if options.get(name) is not None:
            address[name] = options[name]
    return Hot(Watch(address, marker_key), size)
