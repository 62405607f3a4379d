"""View counting, the week's most read and related articles."""

import datetime as dt
import re
import threading

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import bodies
from articles.models import Article
from clusters.models import Official
from discovery import readership
from discovery.models import ViewCount
from tests.articles.factories import ArticleFactory, TagFactory
from tests.clusters.factories import ClusterFactory, EventFactory, OfficialFactory, UnitFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 27, 3, 0, tzinfo=dt.UTC)  # 10:00 in Vietnam
READER = {"HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile"}


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def published(title="Tin", hours_ago=1, **kwargs):
    return ArticleFactory(
        title=title,
        status=Article.Status.PUBLISHED,
        published_at=NOW - dt.timedelta(hours=hours_ago),
        **kwargs,
    )


def views_of(article):
    """The article's per-day views once the counted reads are flushed (the periodic job)."""
    readership.flush_reads()
    return dict(ViewCount.objects.filter(article=article).values_list("day", "count"))


# --- Counting ------------------------------------------------------------------------


def read(client, article, **headers):
    """What the article page's beacon (static/js/read.js) sends once the page has loaded."""
    return client.post(reverse("discovery:read", args=[article.pk]), **{**READER, **headers})


def test_a_reader_adds_one_view_to_todays_row(client):
    article = published()
    read(client, article)
    read(client, article)
    assert views_of(article) == {dt.date(2026, 11, 27): 2}


def _writes(queries):
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))]


def test_a_read_writes_nothing_to_the_database_until_the_flush(client):
    article = published()
    with CaptureQueriesContext(connection) as queries:
        read(client, article)
        read(client, article)
    assert _writes(queries) == []
    assert ViewCount.objects.count() == 0
    with CaptureQueriesContext(connection) as queries:
        assert readership.flush_reads() == 2
    assert _writes(queries) and all("discovery_viewcount" in sql for sql in _writes(queries))
    assert views_of(article) == {dt.date(2026, 11, 27): 2}


def test_counting_never_writes_to_the_article_row(client):
    article = published()
    version, updated_at = article.version, article.updated_at
    read(client, article)
    readership.flush_reads()
    article.refresh_from_db()
    assert (article.version, article.updated_at) == (version, updated_at)


def test_a_flush_adds_to_the_days_existing_row_and_empties_the_counter(client):
    article = published()
    add_views(article, dt.date(2026, 11, 27), 10)
    read(client, article)
    assert readership.flush_reads() == 1
    assert readership.flush_reads() == 0
    assert views_of(article) == {dt.date(2026, 11, 27): 11}


def test_reads_of_an_article_deleted_before_the_flush_are_dropped(client):
    article = published()
    read(client, article)
    Article.objects.filter(pk=article.pk).delete()
    assert readership.flush_reads() == 0
    assert ViewCount.objects.count() == 0


def test_a_flush_of_many_articles_asks_for_them_a_few_ids_at_a_time(client, monkeypatch):
    """A flush after a long stop can hold more articles than PostgreSQL takes parameters
    in one statement (65,535, bound by the server): its id lists go in parts."""
    monkeypatch.setattr(readership, "FLUSH_IDS_PER_QUERY", 2)
    articles = [published(f"Tin {n}") for n in range(5)]
    add_views(articles[0], dt.date(2026, 11, 27), 10)
    with time_machine.travel(dt.datetime(2026, 11, 27, 9, tzinfo=dt.UTC), tick=False):
        for article in articles:
            read(client, article)
    deleted = articles.pop()
    Article.objects.filter(pk=deleted.pk).delete()
    with CaptureQueriesContext(connection) as queries:
        assert readership.flush_reads() == 4
    sql = [q["sql"] for q in queries]
    alive = [q for q in sql if q.startswith('SELECT "articles_article"."id" AS "pk"')]
    counted = [q for q in sql if '"discovery_viewcount"."day" IN (' in q]
    assert len(alive) == 3  # 5 ids, 2 at a time
    assert len(counted) == 2  # the 4 articles left
    assert views_of(articles[0]) == {dt.date(2026, 11, 27): 11}
    assert [views_of(a) for a in articles[1:]] == [{dt.date(2026, 11, 27): 1}] * 3


def test_the_flush_is_a_periodic_job():
    from discovery.tasks import flush_reads
    from newsroom.jobs import periodic

    job = periodic.registry[flush_reads.module_path]
    assert job.interval == dt.timedelta(seconds=readership.READS_FLUSH_SECONDS)
    published_article = published()
    readership.add_read(published_article.pk)
    flush_reads.enqueue()  # the test settings run tasks as they are enqueued
    assert ViewCount.objects.get(article=published_article).count == 1


def test_most_read_follows_the_reads_after_a_flush(client):
    early = published("Bài đọc sớm")
    late = published("Bài đọc muộn")
    add_views(early, TODAY, 2)
    assert readership.most_read() == [early]
    for _ in range(3):
        read(client, late)
    assert readership.most_read() == [early]  # counted, not yet flushed
    readership.flush_reads()
    assert readership.most_read() == [late, early]


@pytest.fixture
def redis_cache(settings):
    """The default cache on Redis (db 3), as production runs it; skipped without Redis."""
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/3"
    try:
        redis.Redis.from_url(url, socket_timeout=1).ping()
    except redis.exceptions.RedisError:
        pytest.skip("Redis does not answer on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "newsroom-test-readership",
        }
    }
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def test_reads_counted_in_redis_are_flushed_to_the_table(client, redis_cache):
    article = published()
    read(client, article)
    read(client, article)
    assert ViewCount.objects.count() == 0
    assert views_of(article) == {dt.date(2026, 11, 27): 2}
    assert readership.flush_reads() == 0


def test_views_are_counted_per_local_day():
    article = published()
    with time_machine.travel(dt.datetime(2026, 11, 27, 16, 59, tzinfo=dt.UTC), tick=False):
        readership.count_view(article)  # 23:59 in Vietnam
    with time_machine.travel(dt.datetime(2026, 11, 27, 17, 0, tzinfo=dt.UTC), tick=False):
        readership.count_view(article)  # 00:00 the next day
    assert views_of(article) == {dt.date(2026, 11, 27): 1, dt.date(2026, 11, 28): 1}


def test_staff_views_are_not_counted(client, editor):
    article = published()
    client.force_login(editor)
    read(client, article)
    assert views_of(article) == {}


def test_editor_preview_of_an_unpublished_article_is_not_counted(client, editor):
    article = ArticleFactory(in_review=True)
    client.force_login(editor)
    response = client.get(article.get_absolute_url(), **READER)
    assert response.status_code == 200
    assert "data-read-url" not in response.content.decode()
    assert read(client, article).status_code == 404
    assert views_of(article) == {}


def test_logged_in_reader_who_is_not_staff_is_counted(client):
    article = published()
    client.force_login(UserFactory(is_staff=False))
    read(client, article)
    assert views_of(article) == {dt.date(2026, 11, 27): 1}


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Zalo-Crawler/1.0",
        "curl/8.5.0",
        "",
    ],
)
def test_bots_and_link_previews_are_not_counted(client, agent):
    article = published()
    read(client, article, HTTP_USER_AGENT=agent)
    assert views_of(article) == {}


def test_a_head_request_is_not_a_read(client):
    article = published()
    client.head(article.get_absolute_url(), **READER)
    assert client.get(reverse("discovery:read", args=[article.pk]), **READER).status_code == 405
    assert views_of(article) == {}


def test_opening_the_page_counts_nothing_until_its_beacon_is_sent(client):
    article = published()
    html = client.get(article.get_absolute_url(), **READER).content.decode()
    assert views_of(article) == {}
    beacon = reverse("discovery:read", args=[article.pk])
    assert re.search(rf'<script src="[^"]*/js/read\.js" data-read-url="{beacon}" defer>', html)


def test_a_beacon_sent_from_another_site_is_not_counted(client):
    article = published()
    read(client, article, HTTP_SEC_FETCH_SITE="cross-site")
    read(client, article, HTTP_SEC_FETCH_SITE="same-site")
    assert views_of(article) == {}
    read(client, article, HTTP_SEC_FETCH_SITE="same-origin")
    assert views_of(article) == {dt.date(2026, 11, 27): 1}


@pytest.mark.parametrize("state", ["in_review", "scheduled", "expired", "unpublished"])
def test_a_beacon_for_an_article_the_public_may_not_see_is_refused(client, state):
    article = ArticleFactory(**{state: True})
    assert read(client, article).status_code == 404
    assert views_of(article) == {}


def test_the_beacon_needs_no_cookie_nor_csrf_token():
    article = published()
    client = Client(enforce_csrf_checks=True)
    response = read(client, article)
    assert response.status_code == 204
    assert not response.cookies
    assert views_of(article) == {dt.date(2026, 11, 27): 1}


@pytest.mark.django_db(transaction=True)
def test_concurrent_first_views_of_the_day_are_all_counted():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL")
    article = published()
    barrier = threading.Barrier(8)

    def read():
        barrier.wait()
        readership.count_view(article, dt.date(2026, 11, 27))
        connection.close()

    threads = [threading.Thread(target=read) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert views_of(article) == {dt.date(2026, 11, 27): 8}


# --- Most read -----------------------------------------------------------------------


def add_views(article, day, count):
    ViewCount.objects.create(article=article, day=day, count=count)


def test_most_read_sums_the_last_seven_days_including_today():
    today = dt.date(2026, 11, 27)
    steady = published("Đều đặn")
    spike = published("Đột biến cũ")
    add_views(steady, today, 5)
    add_views(steady, today - dt.timedelta(days=6), 5)
    add_views(spike, today - dt.timedelta(days=7), 100)  # eight days ago: out of the week
    add_views(spike, today - dt.timedelta(days=1), 3)
    assert [(a.title, a.reads) for a in readership.most_read()] == [
        ("Đều đặn", 10),
        ("Đột biến cũ", 3),
    ]


@pytest.mark.parametrize("state", ["in_review", "scheduled", "expired", "unpublished"])
def test_most_read_never_lists_what_the_public_may_not_see(state):
    hidden = ArticleFactory(**{state: True})
    add_views(hidden, dt.date(2026, 11, 27), 50)
    assert readership.most_read() == []


def test_most_read_leaves_out_the_article_being_read():
    shown = published("Đang đọc")
    other = published("Bài khác")
    add_views(shown, dt.date(2026, 11, 27), 9)
    add_views(other, dt.date(2026, 11, 27), 1)
    assert readership.most_read(exclude=shown) == [other]


def test_unread_articles_are_not_most_read():
    published()
    assert readership.most_read() == []


# --- The most-read ranking is cached; the articles are not ---------------------------

TODAY = dt.date(2026, 11, 27)


def test_second_article_view_does_not_sum_the_views_again(client):
    article = published("Bài đang đọc")
    add_views(published("Bài đọc nhiều"), TODAY, 40)
    url = article.get_absolute_url()
    with CaptureQueriesContext(connection) as first:
        client.get(url, **READER)
    with CaptureQueriesContext(connection) as second:
        html = client.get(url, **READER).content.decode()
    assert any("SUM(" in query["sql"].upper() for query in first.captured_queries)
    assert not any("SUM(" in query["sql"].upper() for query in second.captured_queries)
    assert "Bài đọc nhiều" in html


def test_article_taken_down_after_the_ranking_was_cached_leaves_the_list_at_once(client):
    taken_down = published("Bài bị gỡ")
    kept = published("Bài còn đăng")
    add_views(taken_down, TODAY, 40)
    add_views(kept, TODAY, 10)
    assert readership.most_read() == [taken_down, kept]
    Article.objects.filter(pk=taken_down.pk).update(status=Article.Status.UNPUBLISHED)
    assert readership.most_read() == [kept]
    html = client.get(published("Bài đang đọc").get_absolute_url(), **READER).content.decode()
    assert "Bài còn đăng" in html
    assert "Bài bị gỡ" not in html


def test_cached_ranking_keeps_the_read_counts_and_leaves_out_the_article_being_read():
    shown = published("Đang đọc")
    other = published("Bài khác")
    add_views(shown, TODAY, 9)
    add_views(other, TODAY, 1)
    readership.most_read()
    assert [(a.title, a.reads) for a in readership.most_read(exclude=shown)] == [("Bài khác", 1)]


def test_ranking_is_recomputed_after_a_few_minutes():
    early = published("Bài đọc sớm")
    late = published("Bài đọc muộn")
    add_views(early, TODAY, 5)
    assert readership.most_read() == [early]
    add_views(late, TODAY, 50)
    assert readership.most_read() == [early]
    with time_machine.travel(NOW + dt.timedelta(seconds=readership.MOST_READ_CACHE_SECONDS + 1)):
        assert readership.most_read() == [late, early]


def test_ranking_is_recomputed_on_a_new_local_day():
    yesterday_hit = published("Bài hôm qua", hours_ago=30)
    add_views(yesterday_hit, dt.date(2026, 11, 20), 5)  # still within the week on the 26th
    # 23:59 on 26/11 in Vietnam, then one minute later: 00:00 on 27/11.
    before_midnight = dt.datetime(2026, 11, 26, 16, 59, tzinfo=dt.UTC)
    with time_machine.travel(before_midnight, tick=False):
        assert readership.most_read() == [yesterday_hit]
    with time_machine.travel(before_midnight + dt.timedelta(minutes=1), tick=False):
        assert readership.most_read() == []


# --- Related -------------------------------------------------------------------------


@pytest.mark.parametrize("link", ["units", "clusters", "officials", "events", "tags"])
def test_articles_sharing_a_record_or_tag_are_related(link):
    thing = {
        "units": UnitFactory,
        "clusters": ClusterFactory,
        "officials": OfficialFactory,
        "events": EventFactory,
        "tags": TagFactory,
    }[link]()
    article = published("Bài đang đọc")
    sharing = published("Bài cùng hồ sơ")
    published("Bài không liên quan")
    getattr(article, link).add(thing)
    getattr(sharing, link).add(thing)
    assert readership.related(article) == [sharing]


def test_related_are_newest_first_published_only_and_never_itself():
    tag = TagFactory()
    article = published("Bài đang đọc", tags=[tag])
    older = published("Cũ", hours_ago=30, tags=[tag])
    newer = published("Mới", hours_ago=2, tags=[tag])
    for state in ("in_review", "scheduled", "expired", "unpublished"):
        ArticleFactory(tags=[tag], **{state: True})
    ArticleFactory(tags=[tag])
    assert readership.related(article) == [newer, older]


def test_article_with_nothing_to_share_has_no_related():
    published("Bài đang đọc")
    published("Bài khác")
    assert readership.related(Article.objects.get(title="Bài đang đọc")) == []


def test_withheld_official_does_not_relate_articles_on_the_page(client):
    hidden = OfficialFactory(disclosure=Official.Disclosure.WITHHELD)
    article = published("Bài đang đọc")
    other = published("Bài nhắc cùng người")
    article.officials.add(hidden)
    other.officials.add(hidden)
    html = client.get(article.get_absolute_url(), **READER).content.decode()
    assert "Bài nhắc cùng người" not in html


def test_article_page_shows_related_and_most_read(client):
    tag = TagFactory()
    article = published("Bài đang đọc", tags=[tag])
    published("Bài cùng thẻ", tags=[tag])
    popular = published("Bài đọc nhiều")
    add_views(popular, dt.date(2026, 11, 27), 40)
    html = client.get(article.get_absolute_url(), **READER).content.decode()
    assert '<h2 id="bai-lien-quan">Bài liên quan</h2>' in html
    assert "Bài cùng thẻ" in html
    assert '<h2 id="doc-nhieu">Đọc nhiều trong tuần</h2>' in html
    assert "Bài đọc nhiều" in html


def test_article_page_queries_do_not_grow_with_related_and_most_read(
    client, django_assert_num_queries
):
    from tests.queries import count_queries

    tag = TagFactory()
    article = published("Bài đang đọc", tags=[tag])
    published("Bài cùng thẻ", tags=[tag])
    add_views(article, dt.date(2026, 11, 27), 1)
    from django.core.cache import cache

    bodies.finish("")  # the body's finishing steps read what they cache (the glossary) once
    baseline = count_queries(lambda: client.get(article.get_absolute_url(), **READER))
    for number in range(8):
        other = published(f"Thêm {number}", tags=[tag, TagFactory()])
        other.units.add(UnitFactory())
        add_views(other, dt.date(2026, 11, 27), number + 1)
    cache.clear()  # the rows were written around the write path: nothing was purged
    bodies.finish("")  # the glossary again, as before the baseline
    with django_assert_num_queries(baseline):
        client.get(article.get_absolute_url(), **READER)
