"""Page metadata: description, canonical, OpenGraph, Twitter card and JSON-LD."""

import datetime as dt
import json
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
import time_machine
from django.template import engines

from articles.models import Article
from clusters.models import Official
from discovery import seo
from newsroom.models import Publisher
from tests.articles.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory
from tests.clusters.factories import ClusterFactory, OfficialFactory, UnitFactory
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 27, 3, 0, tzinfo=dt.UTC)
SITE = "https://congan.example.vn"


@pytest.fixture(autouse=True)
def _frozen(settings):
    settings.SITE_URL = SITE
    with time_machine.travel(NOW, tick=False):
        yield


class Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta = {}
        self.links = []
        self.json_ld = []
        self._in_json = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            key = attrs.get("property") or attrs.get("name")
            self.meta.setdefault(key, []).append(attrs.get("content"))
        if tag == "link":
            self.links.append(attrs)
        self._in_json = tag == "script" and attrs.get("type") == "application/ld+json"

    def handle_endtag(self, tag):
        self._in_json = False

    def handle_data(self, data):
        if self._in_json:
            self.json_ld.append(json.loads(data))

    def one(self, key):
        [value] = self.meta[key]
        return value

    def canonical(self):
        [link] = [link for link in self.links if link.get("rel") == "canonical"]
        return link["href"]

    def ld(self, kind):
        [data] = [data for data in self.json_ld if data["@type"] == kind]
        return data


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    parser = Head()
    parser.feed(response.content.decode().split("</head>")[0])
    return parser


@pytest.fixture
def article():
    parent = SectionFactory(name="Tin tức – Sự kiện")
    section = SectionFactory(name="Thi đua – Khen thưởng", parent=parent)
    return ArticleFactory(
        title="Cụm thi đua số 5 sơ kết 6 tháng đầu năm 2020",
        lead="Sáng 10/7, Cụm thi đua số 5 tổ chức hội nghị sơ kết 6 tháng đầu năm.",
        section=section,
        status=Article.Status.PUBLISHED,
        published_at=NOW - dt.timedelta(hours=2),
        modified_at=NOW - dt.timedelta(hours=1),
        cover=PhotoFactory(alt_text="Toàn cảnh Hội nghị"),
        tags=[TagFactory(name="Sơ kết"), TagFactory(name="Cụm thi đua số 5")],
        authors=[AuthorFactory(name="Trọng Tuấn"), AuthorFactory(name="Xuân Bắc")],
    )


def test_article_has_description_canonical_and_opengraph(client, article):
    head = head_of(client, article.get_absolute_url())
    url = f"{SITE}{article.get_absolute_url()}"
    social = article.cover.social_image
    assert head.one("description") == article.lead
    assert head.canonical() == url
    assert head.one("og:type") == "article"
    assert head.one("og:title") == article.title
    assert head.one("og:url") == url
    assert head.one("og:image") == f"{SITE}{social.url}"
    assert (head.one("og:image:width"), head.one("og:image:height")) == ("1200", "630")
    assert head.one("og:image:alt") == "Toàn cảnh Hội nghị"
    assert head.one("og:locale") == "vi_VN"
    assert head.one("article:published_time") == "2026-11-27T08:00:00+07:00"
    assert head.one("article:modified_time") == "2026-11-27T09:00:00+07:00"
    assert head.one("article:section") == "Thi đua – Khen thưởng"
    assert sorted(head.meta["article:tag"]) == ["Cụm thi đua số 5", "Sơ kết"]


def test_article_has_a_large_twitter_card(client, article):
    head = head_of(client, article.get_absolute_url())
    assert head.one("twitter:card") == "summary_large_image"
    assert head.one("twitter:title") == article.title
    assert head.one("twitter:image") == f"{SITE}{article.cover.social_image.url}"


def test_article_json_ld_is_a_news_article_with_the_right_values(client, article):
    data = head_of(client, article.get_absolute_url()).ld("NewsArticle")
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == article.title
    assert data["description"] == article.lead
    assert data["image"] == [f"{SITE}{article.cover.social_image.url}"]
    assert data["datePublished"] == "2026-11-27T08:00:00+07:00"
    assert data["dateModified"] == "2026-11-27T09:00:00+07:00"
    assert [author["name"] for author in data["author"]] == ["Trọng Tuấn", "Xuân Bắc"]
    assert data["author"][0]["url"] == f"{SITE}/tac-gia/trong-tuan/"
    assert data["publisher"]["name"] == "Cổng thông tin điện tử Công an tỉnh"
    assert data["publisher"]["logo"]["url"] == f"{SITE}/static/img/logo.png"
    assert data["mainEntityOfPage"]["@id"] == f"{SITE}{article.get_absolute_url()}"
    assert data["inLanguage"] == "vi"


def test_article_breadcrumbs_go_home_parent_section_article(client, article):
    data = head_of(client, article.get_absolute_url()).ld("BreadcrumbList")
    items = data["itemListElement"]
    assert [item["name"] for item in items] == [
        "Trang chủ",
        "Tin tức – Sự kiện",
        "Thi đua – Khen thưởng",
        article.title,
    ]
    assert [item["position"] for item in items] == [1, 2, 3, 4]
    assert items[-1]["item"] == f"{SITE}{article.get_absolute_url()}"


def test_article_without_cover_shares_the_default_image(client):
    article = ArticleFactory(published=True)
    head = head_of(client, article.get_absolute_url())
    assert head.one("og:image") == f"{SITE}/static/img/chia-se.png"
    assert head.ld("NewsArticle")["image"] == [f"{SITE}/static/img/chia-se.png"]


def test_json_ld_cannot_be_closed_by_the_text(client):
    article = ArticleFactory(
        published=True, title="Tiêu đề </script><script>alert(1)</script>", lead="A & B <i>"
    )
    html = client.get(article.get_absolute_url()).content.decode()
    head = html.split("</head>")[0]
    assert "</script><script>alert(1)" not in head
    assert "\\u003C/script\\u003E" in head
    data = Head()
    data.feed(head)
    assert data.ld("NewsArticle")["headline"] == "Tiêu đề </script><script>alert(1)</script>"


def test_json_ld_helper_escapes_like_json_script():
    block = seo.json_ld({"name": "<b>&</b>"})
    assert str(block) == (
        '<script type="application/ld+json">{"name":"\\u003Cb\\u003E\\u0026\\u003C/b\\u003E"}'
        "</script>"
    )


def test_home_page_has_organization(client):
    Publisher.objects.create(site_name="Công an tỉnh Nghệ An", phone="069 123 456")
    head = head_of(client, "/")
    data = head.ld("Organization")
    assert data["name"] == "Công an tỉnh Nghệ An"
    assert data["url"] == f"{SITE}/"
    assert data["logo"]["url"] == f"{SITE}/static/img/logo.png"
    assert data["telephone"] == "069 123 456"
    assert head.canonical() == f"{SITE}/"
    assert head.one("og:type") == "website"


def test_section_page_has_breadcrumbs_and_a_paged_canonical(client):
    parent = SectionFactory(name="Tin tức – Sự kiện")
    section = SectionFactory(name="Thi đua – Khen thưởng", parent=parent)
    for _ in range(13):
        ArticleFactory(section=section, published=True)
    head = head_of(client, section.get_absolute_url())
    names = [item["name"] for item in head.ld("BreadcrumbList")["itemListElement"]]
    assert names == ["Trang chủ", "Tin tức – Sự kiện", "Thi đua – Khen thưởng"]
    assert head.canonical() == f"{SITE}{section.get_absolute_url()}"
    second = head_of(client, f"{section.get_absolute_url()}?trang=2&utm_source=zalo")
    assert second.canonical() == f"{SITE}{section.get_absolute_url()}?trang=2"


@pytest.mark.parametrize("kind", ["unit", "cluster", "official", "tag", "author"])
def test_other_public_pages_have_their_own_title_and_canonical(client, kind):
    obj = {
        "unit": lambda: UnitFactory(name="Công an tỉnh Hà Tĩnh"),
        "cluster": lambda: ClusterFactory(number=5),
        "official": lambda: OfficialFactory(full_name="Hồ Văn Tứ"),
        "tag": lambda: TagFactory(name="Sơ kết"),
        "author": lambda: AuthorFactory(name="Trọng Tuấn"),
    }[kind]()
    if kind == "tag":  # tags and bylines have a page once something of theirs is published
        ArticleFactory(published=True, tags=[obj])
    elif kind == "author":
        ArticleFactory(published=True, authors=[obj])
    head = head_of(client, obj.get_absolute_url())
    assert head.canonical() == f"{SITE}{obj.get_absolute_url()}"
    assert head.one("og:title") == str(obj)
    assert head.one("description")  # exactly one, whoever writes it
    assert head.one("og:description")


def test_official_by_initials_is_described_by_initials_only(client):
    official = OfficialFactory(full_name="Trần Văn Kín", disclosure=Official.Disclosure.INITIALS)
    html = client.get(official.get_absolute_url()).content.decode()
    assert "Kín" not in html.split("</head>")[0]
    head = head_of(client, official.get_absolute_url())
    assert head.one("og:title") == "T.V.K."


def test_search_page_is_canonical_without_the_query(client):
    head = head_of(client, "/tim-kiem/?q=thanh+hoa")
    assert head.canonical() == f"{SITE}/tim-kiem/"


@pytest.mark.parametrize("kind", ["article", "unit"])
def test_page_meta_makes_no_query_of_its_own(rf, article, kind, django_assert_num_queries):
    obj = Article.objects.with_details().get(pk=article.pk) if kind == "article" else UnitFactory()
    if kind == "article":
        list(obj.tags.all())  # the page's prefetches were run by the view
    template = engines["django"].from_string("{% load seo %}{% page_meta %}")
    context = {
        "view": SimpleNamespace(object=obj),
        "publisher": Publisher.objects.current(),
        "request": rf.get("/"),
    }
    with django_assert_num_queries(0):
        html = template.render(context)
    assert f"{SITE}{obj.get_absolute_url()}" in html
