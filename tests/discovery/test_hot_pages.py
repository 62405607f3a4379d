"""Hot pages (newsroom.hotpages): each worker serves the pages it served last without
asking Redis, only while Redis pushes no purge and the connection answers."""

import contextlib
import pickle
import socket
import threading
import time

import pytest
import redis
from django.core.cache import cache, caches
from django.test import RequestFactory

from newsroom import hotpages, pagecache
from tests.discovery import test_fast_hits as fast_hits
from tests.discovery import test_page_cache as page_cache
from tests.discovery.hot import REDIS_URL, hot_redis
from tests.newsroom.test_faults import redis_is_running

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not redis_is_running(), reason="Redis is not running on 127.0.0.1:6379"),
]

site = page_cache.site
app, secure = fast_hits.app, fast_hits.secure  # the WSGI application, over this store
call, value = fast_hits.call, fast_hits.value


@pytest.fixture
def store(settings):
    """Redis only (the fast-hits fixture ``app`` takes its cache from here)."""
    with hot_redis(settings) as prefix:
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


def test_a_purge_by_another_process_reaches_the_worker_by_push(app, site, asked):
    """Another worker (here: a plain Redis client) purges the article: the push empties this
    worker's copies, and the next request reads the cache and renders the page anew."""
    article = site["article"]
    url = article.get_absolute_url()
    call(app, url)
    call(app, url)
    call(app, url)
    assert len(asked) == 2
    type(article).objects.filter(pk=article.pk).update(title="Tiêu đề đã sửa ở nơi khác")
    other = redis.Redis.from_url(REDIS_URL)
    other.mset(  # what purge() writes, as Django's Redis cache stores it (pickled)
        {
            cache.make_key(pagecache.TAG_PREFIX + f"article:{article.pk}"): pickle.dumps(
                time.time()
            ),
            cache.make_key(pagecache.PURGES_KEY): pickle.dumps("tu-tien-trinh-khac"),
        }
    )
    other.close()
    # The push is on its way: a request at the same instant may still be served the copy
    # (as it would have been just before the purge); within moments, none is.
    assert until(lambda: "Tiêu đề đã sửa ở nơi khác" in call(app, url)[2].decode())
    assert len(asked) >= 3
    assert app.passed == [url, url]


def test_a_purge_in_this_process_empties_its_copies_at_once(app, site, asked):
    url = site["article"].get_absolute_url()
    call(app, url)
    call(app, url)
    pagecache.purge(f"article:{site['article'].pk}")
    _, headers, _ = call(app, url)
    assert value(headers, "X-Page-Cache") == "miss"
    assert app.passed == [url, url]


def test_a_closed_connection_serves_nothing_until_it_is_back(app, site, asked, monkeypatch):
    url = site["article"].get_absolute_url()
    call(app, url)
    call(app, url)
    watch = app.hot.watch
    admin = redis.Redis.from_url(REDIS_URL)
    killed = admin.client_kill_filter(_id=_client_id(watch))
    admin.close()
    assert killed == 1
    assert until(lambda: call(app, url) and watch._sock is None)
    counted = len(asked)
    call(app, url)  # the cache is asked: nothing is trusted while disconnected
    assert len(asked) == counted + 1
    monkeypatch.setattr(hotpages, "RETRY_AFTER", 0.0)
    call(app, url)  # connects again (this request still asks the cache)
    call(app, url)  # kept under the new connection
    counted = len(asked)
    call(app, url)
    assert len(asked) == counted
    assert app.passed == [url]


def _client_id(watch):
    """Redis's id of the watch's connection, found by its local address."""
    host, port = watch._sock.getsockname()
    address = f"{host}:{port}"
    admin = redis.Redis.from_url(REDIS_URL)
    try:
        return next(c["id"] for c in admin.client_list() if c["addr"] == address)
    finally:
        admin.close()


def test_a_page_past_its_end_is_not_served_from_the_workers_copy(app, site, asked):
    url = site["article"].get_absolute_url()
    call(app, url)
    call(app, url)
    _generation, pages = app.hot._pages
    entry, _final = pages[pagecache.page_key(RequestFactory().get(url))]
    entry["expires"] = time.time() - 1  # as if its end had come
    call(app, url)
    assert len(asked) == 3, "the cache is asked again"


# --- the watch on its own, against servers that misbehave --------------------------------


@contextlib.contextmanager
def fake_redis(answer_handshake, answer_pings):
    """A server on 127.0.0.1 that answers the watch's handshake with ``answer_handshake``
    and then each PING with ``answer_pings`` (b"" for silence)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    stop = threading.Event()

    def serve():
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(0.1)
                handshaken = False
                while not stop.is_set():
                    try:
                        data = conn.recv(65536)
                    except TimeoutError:
                        continue
                    except OSError:
                        break
                    if not data:
                        break
                    if not handshaken:
                        handshaken = True
                        conn.sendall(answer_handshake)
                    elif answer_pings:
                        conn.sendall(answer_pings)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    finally:
        stop.set()
        thread.join(2)
        server.close()


def _connected(watch):
    assert watch.quiet() is False  # the first call connects
    return watch


def test_a_connection_that_stops_answering_is_not_trusted_after_its_ping(monkeypatch):
    monkeypatch.setattr(hotpages, "PING_EVERY", 0.0)
    with fake_redis(b"%0\r\n+OK\r\n+PONG\r\n", b"") as url:
        watch = _connected(hotpages.Watch(url, "k"))
        assert watch._sock is not None
        before = watch.generation
        assert watch.quiet() is False  # the PING goes unanswered
        assert watch._sock is None and watch.generation != before
        watch.close()


def test_a_connection_that_answers_its_pings_is_trusted(monkeypatch):
    monkeypatch.setattr(hotpages, "PING_EVERY", 0.0)
    with fake_redis(b"%0\r\n+OK\r\n+PONG\r\n", hotpages.PONG) as url:
        watch = _connected(hotpages.Watch(url, "k"))
        generation = watch.generation
        assert watch.quiet() is True
        assert watch.quiet() is True
        assert watch.generation == generation
        watch.close()


@pytest.mark.parametrize(
    "refusal",
    [
        b"-ERR unknown command 'HELLO'\r\n",  # Redis before 6: no RESP3, no tracking
        b"-WRONGPASS invalid username-password pair\r\n",
    ],
    ids=["old redis", "wrong password"],
)
def test_a_redis_that_refuses_tracking_leaves_every_hit_to_the_cache(refusal, caplog):
    with fake_redis(refusal, hotpages.PONG) as url:
        watch = hotpages.Watch(url, "k")
        for _ in range(3):
            assert watch.quiet() is False
        assert watch._sock is None
        assert "Hot pages off" in caplog.text
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
    hot.put("a", "trang", read_in)
    assert hot.get("a") is None
    hot.put("a", "trang", watch.generation)
    hot.put("b", "trang b", watch.generation)
    hot.put("c", "trang c", watch.generation)  # the oldest goes
    assert (hot.get("a"), hot.get("b"), hot.get("c")) == (None, "trang b", "trang c")


@pytest.mark.parametrize(
    ("backend", "location", "size", "made"),
    [
        ("newsroom.cache.ResilientRedisCache", "redis://127.0.0.1:6379/0", 128, True),
        ("django.core.cache.backends.redis.RedisCache", "unix:///run/redis.sock", 128, True),
        ("newsroom.cache.ResilientRedisCache", "rediss://cache.example.vn:6380/0", 128, False),
        ("newsroom.cache.ResilientRedisCache", "redis://127.0.0.1:6379/0", 0, False),
        ("django.core.cache.backends.locmem.LocMemCache", "", 128, False),
        ("django.core.cache.backends.db.DatabaseCache", "newsroom_cache", 128, False),
    ],
)
def test_hot_pages_only_with_redis_over_tcp_or_a_unix_socket(backend, location, size, made):
    setting = {"default": {"BACKEND": backend, "LOCATION": location}}
    assert (hotpages.for_cache(setting, "k", size) is not None) is made
