"""Hot pages (newsroom.hotpages): each worker serves the pages it served last without
asking Redis, only while Redis pushes no purge and the connection answers."""

import contextlib
import os
import pickle
import socket
import threading
import time
from unittest import mock

import pytest
import redis
from django.core.cache import cache, caches
from django.test import RequestFactory

from newsroom import hotpages, pagecache
from tests.discovery import test_fast_hits as fast_hits
from tests.discovery import test_page_cache as page_cache
from tests.discovery.hot import hot_redis

pytestmark = pytest.mark.django_db

site = page_cache.site
app, secure = fast_hits.app, fast_hits.secure  # the WSGI application, over this store
call, value = fast_hits.call, fast_hits.value


@pytest.fixture
def store(settings, redis_url):
    """Redis only (the fast-hits fixture ``app`` takes its cache from here)."""
    with hot_redis(settings, redis_url) as prefix:
        yield prefix


@pytest.fixture
def asked(monkeypatch):
    """The page keys FastHits asked the cache for."""
    found = []
    backend = caches["default"]
    real = backend.get_many

    def get_many(keys, *args, **kwargs):
        found.extend(key for key in keys if key.startswith(pagecache.PAGE_PREFIX))
        return real(keys, *args, **kwargs)

    monkeypatch.setattr(backend, "get_many", get_many)
    return found


def until(condition, seconds=2.0):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.005)
    return True


def test_a_page_served_once_from_the_cache_is_served_again_without_asking_it(app, site, asked):
    url = site["article"].get_absolute_url()
    first = call(app, url)  # rendered, kept
    second = call(app, url)  # from Redis, kept hot
    assert len(asked) == 2
    for _ in range(3):
        again = call(app, url)
        assert again[0] == "200 OK" and value(again[1], "X-Page-Cache") == "hit"
        assert again[2] == second[2] == first[2]
    assert len(asked) == 2, "served from the worker's own copy"
    assert app.passed == [url]


def _purge_elsewhere(redis_url, article):
    """What purge() writes for the article, written by another client (another worker)."""
    other = redis.Redis.from_url(redis_url)
    other.mset(  # as Django's Redis cache stores values: pickled
        {
            cache.make_key(pagecache.TAG_PREFIX + f"article:{article.pk}"): pickle.dumps(
                time.time()
            ),
            cache.make_key(pagecache.PURGES_KEY): pickle.dumps(os.urandom(8).hex()),
        }
    )
    other.close()


def test_a_purge_by_another_process_reaches_the_worker_by_push(app, site, asked, redis_url):
    """Another worker (here: a plain Redis client) purges the article: the push empties this
    worker's copies; the page is rendered anew and never served old again."""
    article = site["article"]
    url = article.get_absolute_url()
    for _ in range(3):
        call(app, url)
    assert len(asked) == 2
    type(article).objects.filter(pk=article.pk).update(title="Tiêu đề đã sửa ở nơi khác")
    _purge_elsewhere(redis_url, article)
    # The push is on its way: a request at the same instant may still be served the copy
    # (as it would have been just before the purge); within moments, none is.
    assert until(lambda: "Tiêu đề đã sửa ở nơi khác" in call(app, url)[2].decode())
    for _ in range(3):
        assert "Tiêu đề đã sửa ở nơi khác" in call(app, url)[2].decode()
    assert app.passed == [url, url]


def test_a_purge_in_this_process_empties_its_copies_at_once(app, site, asked):
    url = site["article"].get_absolute_url()
    call(app, url)
    call(app, url)
    pagecache.purge(f"article:{site['article'].pk}")
    _, headers, _ = call(app, url)
    assert value(headers, "X-Page-Cache") == "miss"
    assert app.passed == [url, url]


def test_a_closed_connection_serves_nothing_until_it_is_back(app, site, asked):
    url = site["article"].get_absolute_url()
    call(app, url)
    call(app, url)
    watch = app.hot.watch
    # While Redis is down, connecting fails.
    with mock.patch.object(watch, "_connect", side_effect=OSError("Redis không trả lời")):
        _kill(watch)
        assert until(lambda: call(app, url) and watch._sock is None)
        for _ in range(3):  # waiting to connect again
            counted = len(asked)
            assert call(app, url)[0] == "200 OK"
            assert len(asked) == counted + 1, "while disconnected, every hit asks the cache"
        for _ in range(3):
            watch._retry_at = 0.0  # try again at once: and fail
            counted = len(asked)
            assert call(app, url)[0] == "200 OK"
            assert len(asked) == counted + 1, "while disconnected, every hit asks the cache"
    watch._retry_at = 0.0
    call(app, url)  # connects (this request still asks the cache)
    call(app, url)  # read under the new connection, kept
    counted = len(asked)
    call(app, url)
    assert len(asked) == counted
    assert app.passed == [url]


def _kill(watch):
    """Close the watch's connection from Redis's side (found by its name)."""
    host, port = watch._sock.getsockname()
    admin = redis.Redis.from_url(
        f"redis://{watch.address['host']}:{watch.address['port']}/0", decode_responses=True
    )
    try:
        client = next(c for c in admin.client_list() if c["addr"] == f"{host}:{port}")
        assert client["name"] == "newsroom-hot-pages"
        assert admin.client_kill_filter(_id=client["id"]) == 1
    finally:
        admin.close()


def test_a_page_past_its_end_is_not_served_from_the_workers_copy(app, site, asked):
    url = site["article"].get_absolute_url()
    call(app, url)
    call(app, url)
    _generation, pages = app.hot._pages
    (entry, _final), _size = pages[pagecache.page_key(RequestFactory().get(url))]
    entry["expires"] = time.time() - 1  # as if its end had come
    call(app, url)
    assert len(asked) == 3, "the cache is asked again"


def test_a_copy_kept_for_one_scheme_is_not_served_for_another(app, site, settings, asked):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    url = site["article"].get_absolute_url()
    for _ in range(3):
        call(app, url)  # kept hot for plain HTTP
    _, headers, _ = call(app, url, HTTP_X_FORWARDED_PROTO="https")
    assert app.passed == [url, url], "the HTTPS request goes to the stack"
    assert value(headers, "X-Page-Cache") == "hit"  # the stack's hit, kept again for HTTPS


# --- the watch on its own, against servers that misbehave --------------------------------

HANDSHAKE = b"%0\r\n+OK\r\n+OK\r\n$6\r\nmoc-01\r\n"  # HELLO, SETNAME, TRACKING, GET
SAME = b"$6\r\nmoc-01\r\n"
PUSH = b">2\r\n$10\r\ninvalidate\r\n*1\r\n$1\r\nk\r\n"


@contextlib.contextmanager
def fake_redis(handshake, *answers):
    """A server on 127.0.0.1 that answers the watch's handshake with ``handshake``, then
    its marker reads with ``answers`` in turn (b"" for silence; the last one repeats)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    stop = threading.Event()
    connections = []

    def serve():
        server.settimeout(0.05)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            connections.append(conn)
            conn.settimeout(0.05)
            reads = 0
            while not stop.is_set():
                try:
                    data = conn.recv(65536)
                except TimeoutError:
                    continue
                except OSError:
                    break
                if not data:
                    break
                if reads == 0:
                    conn.sendall(handshake)
                elif answers:
                    answer = answers[min(reads - 1, len(answers) - 1)]
                    if answer:
                        conn.sendall(answer)
                reads += 1

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield {"host": "127.0.0.1", "port": server.getsockname()[1]}, connections
    finally:
        stop.set()
        thread.join(2)
        for conn in connections:
            conn.close()
        server.close()


def _connected(watch):
    assert watch.quiet() is False  # the first call connects
    assert watch._sock is not None
    return watch


@pytest.fixture
def check_always(monkeypatch):
    """Every quiet() reads the marker (as one does every CHECK_EVERY seconds)."""
    monkeypatch.setattr(hotpages, "CHECK_EVERY", 0.0)


def test_a_watch_reading_the_same_marker_is_quiet(check_always):
    with fake_redis(HANDSHAKE, SAME) as (address, _):
        watch = _connected(hotpages.Watch(address, "k"))
        generation = watch.generation
        assert watch.quiet() is True
        assert watch.quiet() is True
        assert watch.generation == generation
        watch.close()


@pytest.mark.parametrize(
    "answer",
    [
        PUSH + SAME,  # pushed before the answer, in the same packet
        b"$6\r\nmoc-02\r\n",  # another marker, no push (a failover's new primary)
        b"-LOADING Redis is loading the dataset in memory\r\n",
    ],
    ids=["push before the answer", "another marker", "loading"],
)
def test_a_watch_whose_check_finds_a_change_starts_a_new_generation(check_always, answer):
    with fake_redis(HANDSHAKE, answer, SAME) as (address, _):
        watch = _connected(hotpages.Watch(address, "k"))
        generation = watch.generation
        assert watch.quiet() is False
        assert watch.generation != generation
        assert watch._sock is not None, "the connection is kept"
        watch.close()


def test_a_push_between_checks_starts_a_new_generation():
    with fake_redis(HANDSHAKE) as (address, connections):
        watch = _connected(hotpages.Watch(address, "k"))
        assert watch.quiet() is True
        generation = watch.generation
        connections[0].sendall(PUSH[:9])  # a push arriving in two parts
        assert until(lambda: not watch.quiet())
        assert watch.generation != generation
        generation = watch.generation
        connections[0].sendall(PUSH[9:])
        assert until(lambda: not watch.quiet())
        assert watch.generation != generation
        assert watch.quiet() is True
        watch.close()


def test_a_connection_that_stops_answering_is_not_trusted_after_its_check(check_always):
    with fake_redis(HANDSHAKE, b"") as (address, _):
        watch = _connected(hotpages.Watch(address, "k"))
        before = watch.generation
        assert watch.quiet() is False  # the marker read goes unanswered
        assert watch._sock is None and watch.generation != before
        assert watch.quiet() is False  # and it waits before connecting again
        assert watch._sock is None
        watch.close()


@pytest.mark.parametrize(
    "refusal",
    [
        b"-ERR unknown command 'HELLO'\r\n" * 4,  # Redis before 6: no RESP3, no tracking
        b"-WRONGPASS invalid username-password pair\r\n"
        + b"-NOAUTH Authentication required\r\n" * 3,
    ],
    ids=["old redis", "wrong password"],
)
def test_a_redis_that_refuses_tracking_leaves_every_hit_to_the_cache(refusal, caplog):
    with fake_redis(refusal) as (address, _):
        watch = hotpages.Watch(address, "k")
        for _ in range(3):
            assert watch.quiet() is False
        assert watch._sock is None
        assert "Hot pages off" in caplog.text
        watch.close()


def test_a_purge_here_empties_the_copies_even_before_any_push():
    with fake_redis(HANDSHAKE) as (address, _):  # a server that never pushes
        hot = hotpages.Hot(_connected(hotpages.Watch(address, "k")), size=8)
        hot.put("trang", "bản lưu", 10, hot.watch.generation)
        assert hot.get("trang") == "bản lưu"
        hotpages.changed_here()
        assert hot.get("trang") is None
        hot.watch.close()


def test_a_page_read_before_the_watch_connected_is_not_trusted_after():
    """Read while nothing was tracked, a page may predate a purge the watch never heard of."""
    with fake_redis(HANDSHAKE) as (address, _):
        watch = hotpages.Watch(address, "k")
        hot = hotpages.Hot(watch, size=8)
        hot.put("trang", "bản lưu", 10, watch.generation)
        assert hot.get("trang") is None  # connects now
        assert watch.quiet() is True
        assert hot.get("trang") is None
        watch.close()


def test_a_purge_counts_as_a_change_here(store):
    before = hotpages._changes_here
    pagecache.purge("article:1")
    assert hotpages._changes_here == before + 1


def test_a_forked_worker_trusts_nothing_its_parent_kept(monkeypatch):
    with fake_redis(HANDSHAKE) as (address, _):
        watch = _connected(hotpages.Watch(address, "k"))
        hot = hotpages.Hot(watch, size=8)
        hot.put("trang", "bản lưu", 10, watch.generation)
        parents = watch._sock
        monkeypatch.setattr(os, "getpid", lambda: -1)  # as seen from a child
        assert hot.get("trang") is None
        assert parents.fileno() != -1, "the parent's socket is left open for the parent"
        parents.close()
        watch.close()


def test_a_page_read_before_a_change_is_not_kept_after_it():
    class Still:
        generation = (1, 0)

        def quiet(self):
            return True

    watch = Still()
    hot = hotpages.Hot(watch, size=2)
    read_in = watch.generation
    watch.generation = (2, 0)  # a push arrived while the page was read
    hot.put("a", "trang", 10, read_in)
    assert hot.get("a") is None
    hot.put("a", "trang", 10, watch.generation)
    hot.put("b", "trang b", 10, watch.generation)
    hot.put("c", "trang c", 10, watch.generation)  # the oldest goes
    assert (hot.get("a"), hot.get("b"), hot.get("c")) == (None, "trang b", "trang c")
    big = hotpages.MAX_BYTES // 10 + 1
    hot.put("lon", "sơ đồ trang rất lớn", big, watch.generation)  # never kept
    assert hot.get("lon") is None
    hot.size = 100
    share = hotpages.MAX_BYTES // 10
    for number in range(11):  # eleven tenths: the oldest goes
        hot.put(f"p{number}", number, share, watch.generation)
    assert hot.get("p0") is None and hot.get("p1") == 1 and hot.get("p10") == 10


RESILIENT = "newsroom.cache.ResilientRedisCache"


@pytest.mark.parametrize(
    ("backend", "location", "size", "made"),
    [
        ("newsroom.cache.ResilientRedisCache", "redis://127.0.0.1:6379/0", 128, True),
        ("django.core.cache.backends.redis.RedisCache", "unix:///run/redis.sock", 128, True),
        ("newsroom.cache.ResilientRedisCache", "rediss://cache.example.vn:6380/0", 128, False),
        # Reads may go to a replica that lags the primary the watch is told by.
        (
            "newsroom.cache.ResilientRedisCache",
            "redis://chinh:6379/0,redis://phu:6379/0",
            128,
            False,
        ),
        (
            "newsroom.cache.ResilientRedisCache",
            "redis://chinh:6379/0;redis://phu:6379/0",
            128,
            False,
        ),
        ("newsroom.cache.ResilientRedisCache", "redis://127.0.0.1:6379/0", 0, False),
        ("django.core.cache.backends.locmem.LocMemCache", "", 128, False),
        ("django.core.cache.backends.db.DatabaseCache", "newsroom_cache", 128, False),
    ],
)
def test_hot_pages_only_with_one_redis_over_tcp_or_a_unix_socket(backend, location, size, made):
    setting = {"default": {"BACKEND": backend, "LOCATION": location}}
    assert (hotpages.for_cache(setting, "k", size) is not None) is made


def test_the_watch_authenticates_as_the_cache_does():
    made = hotpages.for_cache(
        {
            "default": {
                "BACKEND": "newsroom.cache.ResilientRedisCache",
                "LOCATION": "unix:///run/redis.sock?db=2",
                "OPTIONS": {"password": "mat-khau"},
            }
        },
        "k",
        8,
    )
    assert made.watch.address["path"] == "/run/redis.sock"
    assert made.watch.address["password"] == "mat-khau"
