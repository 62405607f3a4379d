"""Graceful faults: the cache or the database stops answering."""

import socket
from unittest import mock

import pytest
from django.core.cache import cache, caches
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

REDIS = ("127.0.0.1", 6379)


def redis_is_running():
    try:
        with socket.create_connection(REDIS, timeout=0.5):
            return True
    except OSError:
        return False


def resilient_redis(port, db=5):
    return {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/{db}",
            "KEY_PREFIX": "newsroom-test",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


@pytest.fixture
def cache_down(settings, closed_port):
    settings.CACHES = resilient_redis(closed_port)
    yield caches["default"]


# --- cache down ------------------------------------------------------------------


def test_a_cache_that_cannot_connect_answers_misses_and_no_ops(cache_down):
    assert cache.get("cle") is None
    assert cache.get("cle", "mac-dinh") == "mac-dinh"
    cache.set("cle", 1)
    assert cache.add("cle", 1) is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.delete("cle") is False
    with pytest.raises(ValueError):
        cache.incr("cle")


def test_after_a_failure_the_cache_stops_trying_for_a_while(cache_down):
    cache.get("cle")
    with mock.patch("redis.Redis.get") as called:
        cache.get("cle")
    called.assert_not_called()


def test_a_cache_outage_is_logged_once_per_interval(cache_down, caplog):
    for _ in range(5):
        cache.get("cle")
    outages = [r for r in caplog.records if "Redis cache unavailable" in r.getMessage()]
    assert len(outages) == 1


def test_public_pages_answer_200_with_the_cache_down(cache_down, client):
    article = ArticleFactory(published=True)
    assert client.get("/").status_code == 200
    assert client.get(article.get_absolute_url()).status_code == 200


def test_the_article_editor_answers_200_with_the_cache_down(cache_down, client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    change = reverse("admin:articles_article_change", args=[article.pk])
    assert client.get(change).status_code == 200


def test_healthz_reports_the_cache_down_and_stays_200(cache_down, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "down"}


def test_readyz_reports_the_cache_down_and_stays_ready(cache_down, client):
    """Every node shares the one Redis: taking them all out of the pool would stop the site."""
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["cache"] == "down"
    assert response.json()["status"] == "ready"


def test_the_editor_says_presence_is_unknown_with_the_cache_down(cache_down, client, editor):
    article = ArticleFactory()
    client.force_login(editor)

    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    beat = client.post(reverse("admin:articles_article_presence", args=[article.pk]))

    html = page.content.decode()
    banner = html[html.index('id="editorial-presence"') :]
    banner = banner[: banner.index("</div>")]
    assert "hidden" not in banner.split(">")[0]
    assert "bộ nhớ đệm của hệ thống đang gián đoạn" in banner
    assert beat.status_code == 200 and beat.json()["state"] == "unknown"


@pytest.fixture
def cache_raising(settings, closed_port):
    """Django's own Redis backend, which raises on every call when Redis is away."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port}/5",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    yield caches["default"]


def test_presence_degrades_on_a_cache_that_raises(cache_raising, editor, reporter):
    from editorial import presence

    assert presence.visit(1, editor)["state"] == "unknown"
    assert presence.take_over(1, editor)["state"] == "unknown"
    presence.leave(1, editor)  # does not raise


def test_most_read_degrades_on_a_cache_that_raises(cache_raising):
    from discovery import readership

    article = ArticleFactory(published=True)
    readership.count_view(article)

    assert [found.pk for found in readership.most_read()] == [article.pk]


@pytest.mark.skipif(not redis_is_running(), reason="Redis is not running on 127.0.0.1:6379")
def test_with_redis_running_the_resilient_cache_is_a_cache(settings, client):
    settings.CACHES = resilient_redis(REDIS[1])
    cache.set("cle", {"so": 1}, 30)
    assert cache.get("cle") == {"so": 1}
    cache.delete("dem")
    assert cache.add("dem", 1) is True
    assert cache.incr("dem") == 2
    assert client.get("/healthz").json()["cache"] == "ok"
    cache.delete_many(["cle", "dem"])


# --- database down -----------------------------------------------------------------


@pytest.fixture
def database_refuses():
    refused = OperationalError('connection to server at "127.0.0.1", port 5432 failed')
    with mock.patch.object(connection, "ensure_connection", side_effect=refused):
        yield


def test_a_page_answers_a_vietnamese_503_with_retry_after(database_refuses):
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Cổng thông tin tạm thời gián đoạn" in html
    assert '<html lang="vi">' in html
    assert response["Cache-Control"] == "no-store"


def test_a_failure_outside_the_view_is_a_503_too(client, editor, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    client.force_login(editor)
    refused = OperationalError("server closed the connection unexpectedly")
    staff = Client(raise_request_exception=False)
    staff.cookies = client.cookies
    with mock.patch.object(connection, "ensure_connection", side_effect=refused):
        # The session is read by a middleware, before any view runs.
        response = staff.get("/admin/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"


def test_other_errors_stay_500(client):
    with mock.patch("newsroom.views.RobotsView.get", side_effect=ZeroDivisionError):
        response = Client(raise_request_exception=False).get("/robots.txt")
    assert response.status_code == 500


def test_healthz_and_readyz_answer_503(database_refuses):
    healthz = Client().get("/healthz")
    assert healthz.status_code == 503
    assert healthz.json() == {"status": "error", "database": "down", "cache": "ok"}
    readyz = Client().get("/readyz")
    assert readyz.status_code == 503
    assert readyz.json()["database"] == "down"
    assert readyz["Retry-After"] == "30"


def test_readyz_is_200_when_the_database_is_migrated(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "database": "ok",
        "migrations": "ok",
        "cache": "ok",
    }


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgresql_stopped_answering_gives_503_and_recovers(closed_port):
    """A real connection failure: the server address points at a closed port."""
    ArticleFactory(published=True)
    real_port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = closed_port
    try:
        browser = Client(raise_request_exception=False)
        response = browser.get("/")
        health = browser.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict["PORT"] = real_port
    assert response.status_code == 503
    assert "tạm thời gián đoạn" in response.content.decode()
    assert health.status_code == 503
    assert Client().get("/").status_code == 200
