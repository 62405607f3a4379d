"""Cached pages served before Django (newsroom.pagecache.FastHits, the WSGI application):
the same answer as the whole stack's hit, only for anonymous public reads, purges honoured."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache, caches
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

from newsroom import pagecache
from tests.articles.factories import ArticleFactory
from tests.articles.steps import step
from tests.discovery import test_page_cache as page_cache
from tests.discovery.hot import hot_redis

pytestmark = pytest.mark.django_db

NOW = page_cache.NOW
# The page cache tests' fixtures: a published article with its neighbours; real commits.
site = page_cache.site
commits = page_cache.commits

# Set per answer: the second it is sent, the length of what it carries.
PER_ANSWER = {"x-accel-expires", "content-length"}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def secure(request, settings):
    """With ``True`` as parameter, as production: TLS ends at the proxy, plain HTTP is
    redirected, HSTS sent. What an HTTPS request carries (else nothing)."""
    if not getattr(request, "param", False):
        return {}
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 3600
    return {"HTTP_X_FORWARDED_PROTO": "https"}


@pytest.fixture(params=["local cache", "redis, hot pages"])
def store(request, settings):
    """Every test twice: with the tests' local-memory cache, and with Redis as production
    has it, where each worker also keeps its hot pages (``newsroom.hotpages``)."""
    if request.param == "local cache":
        yield None
        return
    with hot_redis(settings, request.getfixturevalue("redis_url")) as prefix:
        yield prefix


@pytest.fixture
def app(settings, secure, store):
    """The WSGI application with the page cache on, and the calls it passed to Django.

    Django's handler closes the database connection when a request ends (on PostgreSQL that
    ends the test's transaction); the test client holds that back, and so does this."""
    settings.PAGE_CACHE_ENABLED = True
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    application = pagecache.FastHits()
    assert (application.hot is not None) is (store is not None)
    handler = application.handler
    application.passed = []

    def passing(environ, start_response):
        application.passed.append(environ["PATH_INFO"])
        return handler(environ, start_response)

    application.handler = passing
    application.stack = handler
    yield application
    if application.hot is not None:
        application.hot.watch.close()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def call(application, path, method="GET", **extra):
    environ = RequestFactory().generic(method, path, **extra).environ
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, headers

    body = application(environ, start_response)
    try:
        content = b"".join(body)
    finally:
        if hasattr(body, "close"):
            body.close()
    return answer["status"], answer["headers"], content


def compared(headers):
    """The headers by name, without those set per answer."""
    return sorted((name.lower(), v) for name, v in headers if name.lower() not in PER_ANSWER)


def value(headers, name):
    found = [v for n, v in headers if n.lower() == name.lower()]
    return found[0] if found else None


@pytest.mark.parametrize("secure", [False, True], ids=["http", "https"], indirect=True)
def test_a_hit_served_before_django_is_the_stacks_hit(app, site, secure):
    extra = secure
    url = site["article"].get_absolute_url()
    status, headers, _ = call(app, url, **extra)
    assert status == "200 OK" and value(headers, "X-Page-Cache") == "miss"
    assert app.passed == [url]
    fast = call(app, url, **extra)
    assert app.passed == [url], "the second request is served before Django"
    stack = call(app.stack, url, **extra)
    assert value(stack[1], "X-Page-Cache") == "hit"
    assert fast[0] == stack[0] == "200 OK"
    assert compared(fast[1]) == compared(stack[1])
    assert fast[2] == stack[2]
    assert value(fast[1], "Content-Length") == str(len(fast[2]))
    names = {name.lower() for name, _ in fast[1]}
    assert {"content-security-policy", "permissions-policy", "x-frame-options"} <= names
    assert ("strict-transport-security" in names) is bool(secure)


@pytest.mark.parametrize(
    "conditional",
    [
        lambda first: {"HTTP_IF_NONE_MATCH": value(first, "ETag")},
        lambda first: {"HTTP_IF_MODIFIED_SINCE": value(first, "Last-Modified")},
        lambda first: {"HTTP_IF_NONE_MATCH": '"khac"'},
    ],
    ids=["etag", "date", "another etag"],
)
def test_a_conditional_hit_is_answered_as_the_stack_answers_it(app, site, conditional):
    url = site["article"].get_absolute_url()
    _, first, _ = call(app, url)
    fast = call(app, url, **conditional(first))
    stack = call(app.stack, url, **conditional(first))
    assert app.passed == [url]
    assert fast[0] == stack[0]
    assert compared(fast[1]) == compared(stack[1])
    assert fast[2] == stack[2]


def test_a_head_hit_is_the_stacks(app, site):
    url = site["article"].get_absolute_url()
    call(app, url)
    fast = call(app, url, method="HEAD")
    stack = call(app.stack, url, method="HEAD")
    assert app.passed == [url]
    assert (fast[0], compared(fast[1]), fast[2]) == (stack[0], compared(stack[1]), stack[2])


@pytest.mark.parametrize(
    ("method", "extra"),
    [
        ("GET", {"HTTP_COOKIE": "sessionid=abc"}),
        ("POST", {}),
        ("GET", {"HTTP_ORIGIN": "https://app.example.vn"}),
        ("GET", {"HTTP_HOST": "ke-gia-mao.example"}),
    ],
    ids=["session cookie", "post", "origin", "disallowed host"],
)
def test_requests_the_stack_may_answer_otherwise_go_to_django(app, site, method, extra):
    url = site["article"].get_absolute_url()
    call(app, url)
    call(app, url)
    assert app.passed == [url]
    _, headers, _ = call(app, url, method=method, **extra)
    assert app.passed == [url, url]
    if "HTTP_COOKIE" in extra:  # staff neither read nor fill the page cache
        assert value(headers, "X-Page-Cache") is None


@pytest.mark.parametrize("path", ["/admin/", "/soan-thao/anh/1/", "/xem-truoc/token/", "/api/v1/"])
def test_staff_preview_and_api_paths_go_to_django(app, db, path):
    call(app, path)
    call(app, path)
    assert app.passed == [path, path]


@pytest.mark.parametrize("secure", [True], indirect=True)
def test_plain_http_is_redirected_by_the_stack_when_https_is_required(app, site, secure):
    url = site["article"].get_absolute_url()
    call(app, url, **secure)
    call(app, url, **secure)
    status, headers, _ = call(app, url)
    assert status.startswith("301") and value(headers, "Location").startswith("https://")
    assert app.passed == [url, url]


def test_a_page_kept_for_one_scheme_is_not_served_before_django_for_another(
    app,
    site,
    settings,
):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    url = site["article"].get_absolute_url()
    call(app, url)
    _, headers, _ = call(app, url, HTTP_X_FORWARDED_PROTO="https")
    assert app.passed == [url, url]
    assert value(headers, "X-Page-Cache") == "hit"  # the stack's hit, stored again for HTTPS
    call(app, url, HTTP_X_FORWARDED_PROTO="https")
    assert app.passed == [url, url]


def test_a_purge_takes_effect_on_the_next_request(app, site):
    url = site["article"].get_absolute_url()
    call(app, url)
    assert value(call(app, url)[1], "X-Page-Cache") == "hit"
    pagecache.purge(f"article:{site['article'].pk}")
    _, headers, _ = call(app, url)
    assert value(headers, "X-Page-Cache") == "miss"
    assert app.passed == [url, url]


def test_an_unpublished_article_is_not_served_from_before_django(
    commits,
    app,
    site,
    editor,
):
    article = site["neighbour"]
    url = article.get_absolute_url()
    call(app, url)
    assert call(app, url)[0] == "200 OK"
    step("unpublish", article, editor, note="Gỡ để kiểm tra lại.")
    assert call(app, url)[0].startswith("404")
    assert call(app, url)[0].startswith("404")


def test_a_draft_never_reaches_the_public(app, site):
    draft = ArticleFactory(title="Bản nháp chưa duyệt", in_review=True)
    for _ in range(2):
        status, _, body = call(app, draft.get_absolute_url())
        assert status.startswith("404") and "Bản nháp chưa duyệt" not in body.decode()


def test_a_page_the_stack_stored_alone_is_stored_again_with_its_final_headers(
    app,
    site,
    client,
):
    """Kept by the middleware without FastHits (the test client): served by the stack once,
    which keeps it with its final headers; then before Django."""
    url = site["article"].get_absolute_url()
    client.get(url)
    assert "wsgi" not in cache.get(pagecache.page_key(RequestFactory().get(url)))
    assert value(call(app, url)[1], "X-Page-Cache") == "hit"
    assert value(call(app, url)[1], "X-Page-Cache") == "hit"
    assert app.passed == [url]


def test_a_miss_reads_the_cache_once(app, site, monkeypatch):
    """The middleware uses what FastHits read: no second read of the page and marker."""
    url = site["article"].get_absolute_url()
    call(app, url)
    pagecache.purge(f"article:{site['article'].pk}")
    asked = []
    backend = caches["default"]  # the backend itself: the proxy is gone by teardown
    real = backend.get_many

    def get_many(keys, *args, **kwargs):
        asked.append(tuple(keys))
        return real(keys, *args, **kwargs)

    monkeypatch.setattr(backend, "get_many", get_many)
    call(app, url)
    key = pagecache.page_key(RequestFactory().get(url))
    assert [keys for keys in asked if key in keys] == [(key, pagecache.PURGES_KEY)]


def test_a_page_that_ends_is_not_served_after_its_end(app, site):
    url = site["article"].get_absolute_url()
    call(app, url)
    assert value(call(app, url)[1], "X-Page-Cache") == "hit"
    with time_machine.travel(NOW + dt.timedelta(days=1)):
        assert value(call(app, url)[1], "X-Page-Cache") == "miss"


def test_with_the_page_cache_off_everything_goes_to_django(app, site, settings):
    settings.PAGE_CACHE_ENABLED = False
    url = site["article"].get_absolute_url()
    for _ in range(2):
        status, headers, _ = call(app, url)
        assert status == "200 OK" and value(headers, "X-Page-Cache") is None
    assert app.passed == [url, url]


def test_an_answer_that_varies_by_a_request_header_is_left_to_the_stack(app, site):
    """django-cors-headers enabled for every path (by its signal) adds "Vary: origin" in
    front of the page cache: the stack answers each request, with that header."""
    from corsheaders.signals import check_request_enabled

    def everywhere(sender, request, **kwargs):
        return True

    check_request_enabled.connect(everywhere)
    try:
        url = site["article"].get_absolute_url()
        for _ in range(3):
            _, headers, _ = call(app, url)
            assert value(headers, "Vary") == "origin"
        assert app.passed == [url, url, url]
        assert value(headers, "X-Page-Cache") == "hit"
    finally:
        check_request_enabled.disconnect(everywhere)
