"""Sitemap index, the sections' sitemaps, the Google News sitemap and robots.txt."""

import datetime as dt
from pathlib import Path

import pytest
import time_machine
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


def test_index_lists_every_kind_with_lastmod_and_is_valid(client, linked):
    document = valid_xml(client, "/sitemap.xml", "siteindex.xsd")
    kinds = ["bai-viet", "chuyen-muc", "the", "tac-gia", "cum-thi-dua", "don-vi", "can-bo"]
    assert locations(document) == [f"{SITE}/sitemap-{kind}.xml" for kind in kinds]
    lastmods = document.xpath("//s:sitemap/s:lastmod/text()", namespaces=NS)
    assert lastmods == ["2026-11-27T07:00:00+07:00"] * len(kinds)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("bai-viet", "/bai-viet/hoi-nghi-so-ket-cum-thi-dua-so-5/"),
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
    document = valid_xml(client, "/sitemap-bai-viet.xml", "sitemap.xsd")
    assert document.xpath("//s:lastmod/text()", namespaces=NS) == ["2026-11-28"]


@pytest.mark.parametrize("state", ["in_review", "scheduled", "expired", "unpublished"])
def test_articles_the_public_may_not_see_are_not_listed(client, state):
    tag = TagFactory(name="Bí mật")
    ArticleFactory(title="Không công khai", tags=[tag], **{state: True})
    ArticleFactory(title="Bản nháp", tags=[tag])
    for kind in ("bai-viet", "the"):
        response = client.get(f"/sitemap-{kind}.xml")
        assert b"<url>" not in response.content
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
    assert client.get("/sitemap-bai-viet.xml")["X-Robots-Tag"].startswith("noindex")


def test_unknown_sitemap_is_404(client):
    assert client.get("/sitemap-khong-co.xml").status_code == 404


def test_index_names_every_page_of_a_sitemap_over_its_limit(client, monkeypatch):
    from discovery import sitemaps

    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    monkeypatch.setattr(sitemaps.TagSitemap, "limit", 1)
    tag, other, unused = TagFactory(name="Giao thông"), TagFactory(name="Ma tuý"), TagFactory()
    for number in range(5):
        ArticleFactory(published=True, tags=[tag, other] if number else [tag])
    assert unused.pk
    document = valid_xml(client, "/sitemap.xml", "siteindex.xsd")
    listed = locations(document)
    assert [url for url in listed if "bai-viet" in url] == [
        f"{SITE}/sitemap-bai-viet.xml",
        f"{SITE}/sitemap-bai-viet.xml?p=2",
        f"{SITE}/sitemap-bai-viet.xml?p=3",
    ]
    # Two tags carry articles (the third none): two pages of one.
    assert [url for url in listed if "sitemap-the" in url] == [
        f"{SITE}/sitemap-the.xml",
        f"{SITE}/sitemap-the.xml?p=2",
    ]
    page3 = etree.fromstring(client.get("/sitemap-bai-viet.xml?p=3").content)
    assert len(locations(page3)) == 1
    assert client.get("/sitemap-bai-viet.xml?p=4").status_code == 404
