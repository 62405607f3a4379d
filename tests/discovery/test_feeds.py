"""RSS 2.0 and Atom feeds, read back with feedparser."""

import datetime as dt

import feedparser
import lxml.html
import pytest
import time_machine
from lxml import etree

from articles.models import Article
from newsroom.models import Publisher
from tests.articles.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 27, 3, 0, tzinfo=dt.UTC)
FEEDS = ["/rss/", "/rss/atom/"]


@pytest.fixture(autouse=True)
def _frozen(settings):
    settings.SITE_URL = "https://congan.example.vn"
    with time_machine.travel(NOW, tick=False):
        yield


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


@pytest.fixture
def article():
    section = SectionFactory(name="An ninh trật tự")
    return ArticleFactory(
        title="Công an Thanh Hoá triệt phá đường dây ma tuý",
        lead="Lực lượng Công an tỉnh Thanh Hoá vừa triệt phá một đường dây lớn.",
        section=section,
        status=Article.Status.PUBLISHED,
        published_at=NOW - dt.timedelta(hours=2),
        cover=PhotoFactory(),
        tags=[TagFactory(name="Ma tuý")],
        authors=[AuthorFactory(name="Trọng Tuấn"), AuthorFactory(name="Xuân Bắc")],
    )


@pytest.mark.parametrize("url", FEEDS)
def test_site_feed_lists_the_article_with_its_details(client, article, url):
    feed = read(client, url)
    assert feed.feed.title == "Cổng thông tin điện tử Công an tỉnh"
    assert feed.feed.language == "vi"
    [entry] = feed.entries
    assert entry.title == article.title
    assert entry.link == f"https://congan.example.vn{article.get_absolute_url()}"
    assert entry.summary == article.lead
    assert entry.published_parsed[:5] == (2026, 11, 27, 1, 0)
    assert [tag.term for tag in entry.tags] == ["An ninh trật tự", "Ma tuý"]
    assert [author.name for author in entry.authors] == ["Trọng Tuấn", "Xuân Bắc"]


@pytest.mark.parametrize("url", FEEDS)
def test_cover_social_image_is_the_enclosure(client, article, url):
    [entry] = read(client, url).entries
    social = article.cover.social_image
    [enclosure] = entry.enclosures
    assert enclosure.href == f"https://congan.example.vn{social.url}"
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == social.length > 0


def test_article_without_cover_has_no_enclosure(client):
    ArticleFactory(published=True)
    [entry] = read(client, "/rss/").entries
    assert entry.enclosures == []


@pytest.mark.parametrize("url", FEEDS)
@pytest.mark.parametrize("state", ["in_review", "scheduled", "expired", "unpublished"])
def test_articles_the_public_may_not_see_stay_out_of_feeds(client, state, url):
    ArticleFactory(title="Bài không công khai", **{state: True})
    ArticleFactory(title="Bài nháp")
    assert read(client, url).entries == []


def test_section_feed_has_its_articles_and_its_childrens_only(client):
    security = SectionFactory(name="An ninh trật tự")
    child = SectionFactory(name="Phòng chống ma tuý", parent=security)
    ArticleFactory(title="Tin mục con", section=child, published=True)
    ArticleFactory(title="Tin mục cha", section=security, published=True)
    ArticleFactory(title="Tin mục khác", section=SectionFactory(name="Khác"), published=True)
    for url in (f"/rss/{security.slug}/", f"/rss/{security.slug}/atom/"):
        feed = read(client, url)
        assert feed.feed.title == "An ninh trật tự – Cổng thông tin điện tử Công an tỉnh"
        assert sorted(entry.title for entry in feed.entries) == ["Tin mục cha", "Tin mục con"]


def test_unknown_section_feed_is_404(client):
    assert client.get("/rss/khong-co/").status_code == 404


def test_atom_updated_follows_a_correction(client, article):
    Article.objects.filter(pk=article.pk).update(modified_at=NOW - dt.timedelta(minutes=30))
    [entry] = read(client, "/rss/atom/").entries
    assert entry.updated_parsed[:5] == (2026, 11, 27, 2, 30)


def test_feed_query_count_does_not_grow(client, django_assert_num_queries):
    ArticleFactory(published=True, tags=[TagFactory()], authors=[AuthorFactory()])
    from tests.queries import count_queries

    client.get("/rss/")  # the publisher's details are cached from then on
    baseline = count_queries(lambda: client.get("/rss/"))
    for _ in range(5):
        ArticleFactory(
            published=True,
            tags=[TagFactory(), TagFactory()],
            authors=[AuthorFactory(), AuthorFactory()],
        )
    with django_assert_num_queries(baseline):
        client.get("/rss/")


@pytest.mark.parametrize(
    ("page", "expected"),
    [("/", ["/rss/", "/rss/atom/"]), ("section", ["/rss/", "/rss/atom/", "/rss/{slug}/"])],
)
def test_pages_announce_their_feeds_in_the_head(client, page, expected):
    section = SectionFactory(name="An ninh trật tự")
    url = section.get_absolute_url() if page == "section" else page
    head = client.get(url).content.decode().split("</head>")[0]
    for feed in expected:
        href = "https://congan.example.vn" + feed.format(slug=section.slug)
        assert f'href="{href}"' in head
    assert 'rel="alternate" type="application/rss+xml"' in head
    assert 'rel="alternate" type="application/atom+xml"' in head


# --- Typed text stays text (issue 14) ---------------------------------------------------

PAYLOAD = "<img src=x onerror=alert(1)>"
ATOM = "{http://www.w3.org/2005/Atom}"
# Where readers render a feed's content as HTML.
HTML_ELEMENTS = {
    "rss": [
        "channel/title",
        "channel/description",
        "channel/item/title",
        "channel/item/description",
    ],
    "atom": [f"{ATOM}summary"],
}


def html_contexts(content):
    """(element, its text as HTML) for every element a reader renders as HTML."""
    root = etree.fromstring(content)
    kind = "rss" if root.tag == "rss" else "atom"
    found = []
    for path in HTML_ELEMENTS[kind]:
        found += root.findall(path)
    found += [e for e in root.iter() if e.get("type") == "html" and e not in found]
    return [(element, element.text or "") for element in found]


def assert_text_only(content, expected):
    """No element in any HTML context, and the typed text shown as text in one of them."""
    shown = []
    for element, value in html_contexts(content):
        fragment = lxml.html.fragment_fromstring(value, create_parent="div")
        assert len(fragment) == 0, f"{element.tag} holds markup: {value!r}"
        shown.append(fragment.text_content())
    assert any(expected in value for value in shown), shown


@pytest.fixture
def payload_everywhere():
    Publisher.objects.create(site_name=f"Cổng {PAYLOAD}")
    section = SectionFactory(name="An ninh", description=f"Giới thiệu {PAYLOAD}")
    article = ArticleFactory(
        title=f"Tiêu đề {PAYLOAD}",
        # Typed with entities: the lead is stored as the text they spell.
        lead="Sapo &lt;img src=x onerror=alert(1)&gt;",
        section=section,
        published=True,
    )
    assert article.lead == f"Sapo {PAYLOAD}"
    return section


@pytest.mark.parametrize("url", ["/rss/", "/rss/{slug}/", "/rss/atom/", "/rss/{slug}/atom/"])
def test_typed_markup_never_becomes_a_tag_in_feeds(client, payload_everywhere, url):
    content = client.get(url.format(slug=payload_everywhere.slug)).content
    assert_text_only(content, f"Sapo {PAYLOAD}")
    if "atom" not in url:
        assert_text_only(content, f"Cổng {PAYLOAD}")
    if "{slug}" in url and "atom" not in url:
        assert_text_only(content, f"Giới thiệu {PAYLOAD}")


@pytest.mark.parametrize("url", ["/rss/{slug}/", "/rss/{slug}/atom/"])
def test_feed_readers_show_the_typed_text(client, payload_everywhere, url):
    feed = read(client, url.format(slug=payload_everywhere.slug))
    [entry] = feed.entries
    # feedparser sanitises HTML content: a live tag would survive as <img src="x">.
    for detail in (entry.summary_detail, entry.title_detail, feed.feed.title_detail):
        if detail.type == "text/html":
            assert "<img" not in detail.value
            assert lxml.html.fragment_fromstring(detail.value, create_parent="div").text_content()
        else:
            assert PAYLOAD in detail.value
    assert (
        f"Sapo {PAYLOAD}"
        in lxml.html.fragment_fromstring(entry.summary, create_parent="div").text_content()
    )
    subtitle = feed.feed.get("subtitle_detail") or feed.feed.get("description_detail")
    assert PAYLOAD in (
        lxml.html.fragment_fromstring(subtitle.value, create_parent="div").text_content()
        if subtitle.type == "text/html"
        else subtitle.value
    )
