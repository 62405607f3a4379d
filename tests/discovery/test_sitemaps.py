"""Sitemap index, the article sitemaps by month, the other sitemaps, the Google News
sitemap and robots.txt."""

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree

from articles.models import Article
from clusters.models import Official
from tests.articles.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory
from tests.clusters.factories import ClusterFactory, OfficialFactory, UnitFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 27, 3, 0, tzinfo=dt.UTC)
SCHEMAS = Path(__file__).parent / "schemas"
SITE = "https://congan.example.vn"
NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "n": "http://www.google.com/schemas/sitemap-news/0.9",
}


@pytest.fixture(autouse=True)
def _frozen(settings):
    settings.SITE_URL = SITE
    with time_machine.travel(NOW, tick=False):
        yield


def schema(name):
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def valid_xml(client, url, schema_name):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    document = etree.fromstring(response.content)
    validator = schema(schema_name)
    assert validator.validate(document), validator.error_log
    return document


def locations(document):
    return document.xpath("//s:loc/text()", namespaces=NS)


@pytest.fixture
def linked():
    """A published article linked to one of each kind of thing that has a page."""
    unit = UnitFactory(name="Công an tỉnh Nghệ An")
    cluster = ClusterFactory(number=5)
    official = OfficialFactory(full_name="Hồ Văn Tứ")
    article = ArticleFactory(
        title="Hội nghị sơ kết Cụm thi đua số 5",
        status=Article.Status.PUBLISHED,
        published_at=NOW - dt.timedelta(hours=3),
        tags=[TagFactory(name="Sơ kết")],
        authors=[AuthorFactory(name="Trọng Tuấn")],
    )
    article.units.add(unit)
    article.clusters.add(cluster)
    article.officials.add(official)
    return article


MONTH = "/sitemap-bai-viet-2026-11.xml"


def index_dates(client):
    document = valid_xml(client, "/sitemap.xml", "siteindex.xsd")
    entries = document.xpath("//s:sitemap", namespaces=NS)
    return {
        entry.findtext("s:loc", namespaces=NS).removeprefix(SITE): entry.findtext(
            "s:lastmod", namespaces=NS
        )
        for entry in entries
    }


def test_index_lists_every_kind_with_lastmod_and_is_valid(client, linked):
    document = valid_xml(client, "/sitemap.xml", "siteindex.xsd")
    kinds = ["bai-viet-2026-11", "chuyen-muc", "the", "tac-gia", "cum-thi-dua", "don-vi"]
    kinds.append("can-bo")
    assert locations(document) == [f"{SITE}/sitemap-{kind}.xml" for kind in kinds]
    lastmods = document.xpath("//s:sitemap/s:lastmod/text()", namespaces=NS)
    assert lastmods == ["2026-11-27T07:00:00+07:00"] * len(kinds)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("bai-viet-2026-11", "/bai-viet/hoi-nghi-so-ket-cum-thi-dua-so-5/"),
        ("the", "/the/so-ket/"),
        ("tac-gia", "/tac-gia/trong-tuan/"),
        ("cum-thi-dua", "/cum-thi-dua/cum-thi-dua-so-5/"),
        ("don-vi", "/don-vi/cong-an-tinh-nghe-an/"),
        ("can-bo", "/can-bo/ho-van-tu/"),
    ],
)
def test_each_sitemap_is_valid_and_lists_public_pages(client, linked, kind, expected):
    document = valid_xml(client, f"/sitemap-{kind}.xml", "sitemap.xsd")
    assert locations(document) == [SITE + expected]
    assert document.xpath("//s:lastmod/text()", namespaces=NS) == ["2026-11-27"]


def test_section_sitemap_lists_sections_and_dates_parents_by_their_children(client):
    parent = SectionFactory(name="An ninh trật tự")
    child = SectionFactory(name="Phòng chống ma tuý", parent=parent)
    ArticleFactory(section=child, status="published", published_at=NOW - dt.timedelta(days=3))
    document = valid_xml(client, "/sitemap-chuyen-muc.xml", "sitemap.xsd")
    urls = document.xpath("//s:url", namespaces=NS)
    dated = {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for url in urls
    }
    assert dated == {
        f"{SITE}{parent.get_absolute_url()}": "2026-11-24",
        f"{SITE}{child.get_absolute_url()}": "2026-11-24",
    }


def test_article_lastmod_follows_a_correction(client, linked):
    Article.objects.filter(pk=linked.pk).update(modified_at=NOW + dt.timedelta(hours=20))
    document = valid_xml(client, MONTH, "sitemap.xsd")
    assert document.xpath("//s:lastmod/text()", namespaces=NS) == ["2026-11-28"]


def test_articles_are_listed_by_month_of_publication_in_vietnam_time(client):
    # 17:30 UTC on 31 October is half past midnight on 1 November in Vietnam.
    november = ArticleFactory(
        published=True, published_at=dt.datetime(2026, 10, 31, 17, 30, tzinfo=dt.UTC)
    )
    october = ArticleFactory(
        published=True, published_at=dt.datetime(2026, 10, 31, 16, 30, tzinfo=dt.UTC)
    )
    old = ArticleFactory(published=True, published_at=dt.datetime(2024, 2, 10, tzinfo=dt.UTC))
    ArticleFactory(in_review=True)
    months = [(url, date) for url, date in index_dates(client).items() if "bai-viet" in url]
    assert months == [  # newest first
        ("/sitemap-bai-viet-2026-11.xml", "2026-11-01T00:30:00+07:00"),
        ("/sitemap-bai-viet-2026-10.xml", "2026-10-31T23:30:00+07:00"),
        ("/sitemap-bai-viet-2024-02.xml", "2024-02-10T07:00:00+07:00"),
    ]
    for article, month in ((november, "2026-11"), (october, "2026-10"), (old, "2024-02")):
        document = valid_xml(client, f"/sitemap-bai-viet-{month}.xml", "sitemap.xsd")
        assert locations(document) == [SITE + article.get_absolute_url()]


def test_a_correction_of_an_old_article_dates_its_month_in_the_index(client):
    old = ArticleFactory(published=True, published_at=dt.datetime(2025, 3, 5, 2, tzinfo=dt.UTC))
    ArticleFactory(published=True, published_at=dt.datetime(2025, 3, 20, 2, tzinfo=dt.UTC))
    assert index_dates(client)["/sitemap-bai-viet-2025-03.xml"] == "2025-03-20T09:00:00+07:00"
    Article.objects.filter(pk=old.pk).update(modified_at=NOW - dt.timedelta(hours=1))
    assert index_dates(client)["/sitemap-bai-viet-2025-03.xml"] == "2026-11-27T09:00:00+07:00"
    # An edit before publication (a draft's) does not date it later than its publication.
    Article.objects.filter(pk=old.pk).update(modified_at=dt.datetime(2025, 3, 1, tzinfo=dt.UTC))
    assert index_dates(client)["/sitemap-bai-viet-2025-03.xml"] == "2025-03-20T09:00:00+07:00"


def test_a_month_without_public_articles_is_not_listed(client):
    ArticleFactory(published=True, published_at=dt.datetime(2026, 9, 3, tzinfo=dt.UTC))
    ArticleFactory(unpublished=True, published_at=dt.datetime(2026, 8, 3, tzinfo=dt.UTC))
    ArticleFactory(expired=True, published_at=dt.datetime(2026, 7, 3, tzinfo=dt.UTC))
    months = [url for url in index_dates(client) if "bai-viet" in url]
    assert months == ["/sitemap-bai-viet-2026-09.xml"]
    for month in ("2026-08", "2026-07", "2026-10", "2026-13", "2027-01"):
        assert client.get(f"/sitemap-bai-viet-{month}.xml").status_code == 404, month


@pytest.mark.parametrize("month", ["9999-12", "9999-01", "0001-01", "0000-05", "2026-00"])
def test_a_month_at_the_calendars_edges_is_not_found_not_an_error(client, month):
    assert client.get(f"/sitemap-bai-viet-{month}.xml").status_code == 404


def test_the_index_makes_as_many_queries_for_ten_years_as_for_one_month(client):
    ArticleFactory(published=True)

    def index_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/sitemap.xml").status_code == 200
        return len(queries)

    one_month = index_queries()
    for year in range(2016, 2026):
        ArticleFactory(published=True, published_at=dt.datetime(year, 6, 1, tzinfo=dt.UTC))
    assert index_queries() == one_month
    assert len([url for url in index_dates(client) if "bai-viet" in url]) == 11


def test_a_date_mistyped_centuries_back_still_lists_its_month(client):
    """Past a century of months the index groups the rows instead of probing each month."""
    ArticleFactory(published=True, published_at=dt.datetime(226, 5, 1, tzinfo=dt.UTC))
    ArticleFactory(published=True, published_at=dt.datetime(2026, 11, 2, tzinfo=dt.UTC))
    months = {url: date for url, date in index_dates(client).items() if "bai-viet" in url}
    assert months == {
        "/sitemap-bai-viet-2026-11.xml": "2026-11-02T07:00:00+07:00",
        "/sitemap-bai-viet-0226-05.xml": "0226-05-01T07:00:00+07:00",
    }
    assert client.get("/sitemap-bai-viet-0226-05.xml").status_code == 200


@pytest.mark.parametrize("old", ["/sitemap-bai-viet.xml", "/sitemap-bai-viet.xml?p=3"])
def test_the_old_paged_article_sitemap_leads_to_the_index(client, old):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == "/sitemap.xml"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the plan is SQLite's")
def test_the_index_dates_each_month_from_the_month_index(client, linked):
    with CaptureQueriesContext(connection) as queries:
        client.get("/sitemap.xml")
    (months,) = [q["sql"] for q in queries if "RECURSIVE" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {months}")
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "article_month_lastmod_idx" in plan


@pytest.mark.parametrize("state", ["in_review", "scheduled", "expired", "unpublished"])
def test_articles_the_public_may_not_see_are_not_listed(client, state):
    tag = TagFactory(name="Bí mật")
    ArticleFactory(title="Không công khai", tags=[tag], **{state: True})
    ArticleFactory(title="Bản nháp", tags=[tag])
    assert b"<url>" not in client.get("/sitemap-the.xml").content
    assert client.get(MONTH).status_code == 404
    assert "bai-viet" not in client.get("/sitemap.xml").content.decode()
    assert b"<url>" not in client.get("/sitemap-tin-moi.xml").content


def test_withheld_officials_are_not_listed(client):
    OfficialFactory(full_name="Nguyễn Văn Kín", disclosure=Official.Disclosure.WITHHELD)
    shown = OfficialFactory(full_name="Trần Văn Rõ")
    document = etree.fromstring(client.get("/sitemap-can-bo.xml").content)
    assert locations(document) == [SITE + shown.get_absolute_url()]


def test_news_sitemap_has_the_last_48_hours_and_is_valid(client):
    recent = ArticleFactory(
        title="Tin mới <đặc biệt> & nóng",
        status="published",
        published_at=NOW - dt.timedelta(hours=47),
    )
    ArticleFactory(title="Tin cũ", status="published", published_at=NOW - dt.timedelta(hours=49))
    document = valid_xml(client, "/sitemap-tin-moi.xml", "news-sitemap.xsd")
    assert locations(document) == [SITE + recent.get_absolute_url()]
    news = document.find("s:url/n:news", namespaces=NS)
    assert news.findtext("n:publication/n:name", namespaces=NS) == (
        "Cổng thông tin điện tử Công an tỉnh"
    )
    assert news.findtext("n:publication/n:language", namespaces=NS) == "vi"
    assert news.findtext("n:publication_date", namespaces=NS) == "2026-11-25T11:00:00+07:00"
    assert news.findtext("n:title", namespaces=NS) == "Tin mới <đặc biệt> & nóng"


def test_news_schema_refuses_a_wrong_language():
    bad = f"""<urlset xmlns="{NS["s"]}" xmlns:news="{NS["n"]}"><url><loc>{SITE}/a/</loc>
      <news:news><news:publication><news:name>X</news:name><news:language>Tiếng Việt</news:language>
      </news:publication><news:publication_date>2026-11-27</news:publication_date>
      <news:title>T</news:title></news:news></url></urlset>"""
    assert not schema("news-sitemap.xsd").validate(etree.fromstring(bad.encode()))


def test_robots_txt_points_at_both_sitemaps(client):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert f"Sitemap: {SITE}/sitemap-tin-moi.xml" in lines
    assert "Disallow: /admin/" in lines


def test_sitemaps_are_kept_out_of_search_results(client, linked):
    assert client.get("/sitemap.xml")["X-Robots-Tag"].startswith("noindex")
    assert client.get(MONTH)["X-Robots-Tag"].startswith("noindex")


def test_unknown_sitemap_is_404(client):
    assert client.get("/sitemap-khong-co.xml").status_code == 404


def test_index_names_every_page_of_a_sitemap_over_its_limit(client, monkeypatch):
    from discovery import sitemaps

    monkeypatch.setattr(sitemaps.TagSitemap, "limit", 1)
    tag, other, unused = TagFactory(name="Giao thông"), TagFactory(name="Ma tuý"), TagFactory()
    for number in range(5):
        ArticleFactory(published=True, tags=[tag, other] if number else [tag])
    assert unused.pk
    document = valid_xml(client, "/sitemap.xml", "siteindex.xsd")
    listed = locations(document)
    # Two tags carry articles (the third none): two pages of one.
    assert [url for url in listed if "sitemap-the" in url] == [
        f"{SITE}/sitemap-the.xml",
        f"{SITE}/sitemap-the.xml?p=2",
    ]
    page2 = etree.fromstring(client.get("/sitemap-the.xml?p=2").content)
    assert len(locations(page2)) == 1
    assert client.get("/sitemap-the.xml?p=3").status_code == 404


def test_items_are_dated_whether_their_newest_article_is_recent_or_old(client, monkeypatch):
    """The newest NEWEST_WINDOW articles date what they link; the rest from their own links."""
    from discovery import sitemaps

    monkeypatch.setattr(sitemaps, "NEWEST_WINDOW", 1)
    recent, old, hidden = TagFactory(name="Gần đây"), TagFactory(name="Cũ"), TagFactory()
    unit = UnitFactory(name="Công an huyện Quỳ Hợp")
    ArticleFactory(published=True, tags=[recent], published_at=NOW - dt.timedelta(days=1))
    ArticleFactory(published=True, tags=[recent, old], published_at=NOW - dt.timedelta(days=9))
    older = ArticleFactory(published=True, tags=[old], published_at=NOW - dt.timedelta(days=30))
    older.units.add(unit)
    ArticleFactory(in_review=True, tags=[hidden])

    def dated(kind):
        document = valid_xml(client, f"/sitemap-{kind}.xml", "sitemap.xsd")
        return {
            url.findtext("s:loc", namespaces=NS).removeprefix(SITE): url.findtext(
                "s:lastmod", namespaces=NS
            )
            for url in document.xpath("//s:url", namespaces=NS)
        }

    assert dated("the") == {
        recent.get_absolute_url(): "2026-11-26",
        old.get_absolute_url(): "2026-11-18",
    }
    assert dated("don-vi") == {unit.get_absolute_url(): "2026-10-28"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no INCLUDE")
def test_the_month_index_carries_what_the_probe_filters_on():
    """Migration 0011 makes it covering on PostgreSQL (outside the model state): the probe
    reads no table row. A later rebuild of the index from the model would drop that."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'article_month_lastmod_idx'"
        )
        (definition,) = cursor.fetchone()
    assert definition.endswith("INCLUDE (status, published_at, expires_at, modified_at)")
