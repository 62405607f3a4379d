import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from tests.articles.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory
from tests.articles.steps import step
from tests.clusters.factories import ClusterFactory, EventFactory, OfficialFactory, UnitFactory
from tests.photos.factories import PhotoFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 27, 3, 5, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


def cold_count(client, url):
    """Queries of a page with every cache empty (site-wide data, stored parts, lists)."""
    cache.clear()
    return count_queries(lambda: page(client, url))


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# --- Only published articles reach the public ------------------------------------------

HIDDEN_STATES = {
    "draft": {},
    "in_review": {"in_review": True},
    "scheduled": {"scheduled": True},
    "expired": {"expired": True},
    "unpublished": {"unpublished": True},
}


@pytest.fixture
def linked():
    """One section, tag, author and record of each kind, shared by every article."""
    return {
        "section": SectionFactory(name="An ninh trật tự"),
        "tag": TagFactory(name="Cao điểm"),
        "author": AuthorFactory(name="Trọng Tuấn"),
        "unit": UnitFactory(name="Công an tỉnh Nghệ An"),
        "cluster": ClusterFactory(number=5),
        "official": OfficialFactory(full_name="Hồ Văn Tứ"),
    }


def make_article(linked, title, **state):
    article = ArticleFactory(
        title=title,
        section=linked["section"],
        tags=[linked["tag"]],
        authors=[linked["author"]],
        **state,
    )
    article.units.add(linked["unit"])
    article.clusters.add(linked["cluster"])
    article.officials.add(linked["official"])
    return article


def public_pages(linked):
    return [
        "/",
        linked["section"].get_absolute_url(),
        linked["tag"].get_absolute_url(),
        linked["author"].get_absolute_url(),
        linked["unit"].get_absolute_url(),
        linked["cluster"].get_absolute_url(),
        linked["official"].get_absolute_url(),
    ]


@pytest.mark.parametrize("state", list(HIDDEN_STATES))
def test_unpublished_articles_appear_on_no_public_page(state, client, linked):
    make_article(linked, "Bài đã đăng công khai", published=True)
    make_article(linked, "Bài không được lộ", **HIDDEN_STATES[state])
    for url in public_pages(linked):
        html = page(client, url)
        assert "Bài đã đăng công khai" in html, url
        assert "Bài không được lộ" not in html, url


@pytest.mark.parametrize("state", list(HIDDEN_STATES))
def test_unpublished_article_page_is_404_for_readers(state, client, linked):
    article = make_article(linked, "Bài không được lộ", **HIDDEN_STATES[state])
    assert client.get(article.get_absolute_url()).status_code == 404


def test_scheduled_article_appears_when_its_time_comes(client, linked, time_machine):
    article = make_article(linked, "Bài lên lịch sáng mai", scheduled=True)
    for url in public_pages(linked):
        # A tag or byline with nothing published yet has no page at all.
        response = client.get(url)
        assert response.status_code in (200, 404)
        assert "Bài lên lịch sáng mai" not in response.content.decode()
    time_machine.move_to(article.published_at, tick=False)
    for url in public_pages(linked):
        assert "Bài lên lịch sáng mai" in page(client, url), url
    assert client.get(article.get_absolute_url()).status_code == 200


def test_expiring_article_disappears_at_its_expiry(client, linked, time_machine):
    article = make_article(
        linked, "Thông báo có hạn", published=True, expires_at=NOW + dt.timedelta(hours=2)
    )
    assert "Thông báo có hạn" in page(client, "/")
    time_machine.move_to(article.expires_at, tick=False)
    assert "Thông báo có hạn" not in page(client, "/")
    assert client.get(article.get_absolute_url()).status_code == 404


# --- Preview ------------------------------------------------------------------------


def test_owner_previews_a_draft_not_indexed_and_not_cached(client, reporter):
    article = ArticleFactory(created_by=reporter, title="Nháp đang viết")
    client.force_login(reporter)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    html = response.content.decode()
    assert "Bản xem trước" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html


def test_editor_previews_a_scheduled_article(client, editor):
    article = ArticleFactory(scheduled=True)
    client.force_login(editor)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "đã lên lịch" in response.content.decode()


def test_published_page_is_not_marked_as_preview(client):
    response = client.get(ArticleFactory(published=True).get_absolute_url())
    assert "X-Robots-Tag" not in response
    assert "Bản xem trước" not in response.content.decode()


def test_other_reporter_gets_404_for_a_draft(client, reporter, other_reporter):
    article = ArticleFactory(created_by=reporter)
    client.force_login(other_reporter)
    assert client.get(article.get_absolute_url()).status_code == 404


# --- Old addresses ----------------------------------------------------------------------


def test_old_slug_redirects_permanently(client):
    article = ArticleFactory(published=True, slug="ten-moi")
    article.remember_slug("ten-cu")
    response = client.get("/bai-viet/ten-cu/")
    assert response.status_code == 301
    assert response["Location"] == "/bai-viet/ten-moi/"


def test_old_slug_of_an_unpublished_article_is_404(client):
    article = ArticleFactory(slug="ten-moi-cua-nhap")
    article.remember_slug("ten-cu")
    assert client.get("/bai-viet/ten-cu/").status_code == 404


def test_unknown_slug_is_404(client):
    assert client.get("/bai-viet/khong-co/").status_code == 404


# --- The article page -------------------------------------------------------------------


def test_article_page_shows_everything_in_order(client, editor):
    parent = SectionFactory(name="Tin tức – Sự kiện")
    section = SectionFactory(name="Thi đua – Khen thưởng", parent=parent)
    article = ArticleFactory(
        title="Cụm thi đua số 5 sơ kết 6 tháng",
        lead="Sapo của bài.",
        body="<p>Đoạn có <strong>chữ đậm</strong> và "
        '<a href="https://bocongan.gov.vn/">liên kết</a>.</p>',
        section=section,
        source="Báo Công an nhân dân",
        tags=[TagFactory(name="Sơ kết")],
        authors=[AuthorFactory(name="Trọng Tuấn"), AuthorFactory(name="Xuân Bắc")],
    )
    article.authorships.filter(author__name="Xuân Bắc").update(role="photo")
    step("publish", article, editor)
    html = page(client, article.get_absolute_url())
    breadcrumb = html[html.index('aria-label="Đường dẫn"') :]
    assert breadcrumb.index("Trang chủ") < breadcrumb.index("Tin tức – Sự kiện")
    assert breadcrumb.index("Tin tức – Sự kiện") < breadcrumb.index("Thi đua – Khen thưởng")
    assert "<h1>Cụm thi đua số 5 sơ kết 6 tháng</h1>" in html
    assert "Thứ Sáu, 27/11/2026, 10:05 (GMT+7)" in html
    assert "<strong>chữ đậm</strong>" in html
    assert 'href="https://bocongan.gov.vn/" rel="noopener noreferrer"' in html
    byline = html[html.index('class="byline"') :]
    assert byline.index("Trọng Tuấn") < byline.index("Xuân Bắc")
    assert "(ảnh)" in byline
    assert "Nguồn: Báo Công an nhân dân" in html
    assert 'href="/the/so-ket/"' in html
    assert html.index("Sapo của bài.") < html.index("chữ đậm") < html.index('class="byline"')


def test_article_page_links_to_its_records(client):
    unit = UnitFactory(name="Công an tỉnh Quảng Bình")
    cluster = ClusterFactory(number=5)
    event = EventFactory(cluster=cluster)
    official = OfficialFactory(full_name="Bùi Quang Thanh")
    article = ArticleFactory(published=True)
    article.units.add(unit)
    article.clusters.add(cluster)
    article.events.add(event)
    article.officials.add(official)
    html = page(client, article.get_absolute_url())
    for record in (unit, cluster, event, official):
        assert f'href="{record.get_absolute_url()}"' in html
    assert "Bùi Quang Thanh" in html


def test_withheld_official_is_never_shown_on_the_article_page(client):
    from clusters.models import Official

    hidden = OfficialFactory(full_name="Nguyễn Văn Kín", disclosure=Official.Disclosure.WITHHELD)
    initials = OfficialFactory(full_name="Trần Văn Tắt", disclosure=Official.Disclosure.INITIALS)
    article = ArticleFactory(published=True)
    article.officials.add(hidden, initials)
    html = page(client, article.get_absolute_url())
    assert "Nguyễn Văn Kín" not in html
    assert hidden.get_absolute_url() not in html
    assert "Trần Văn Tắt" not in html
    assert "T.V.T." in html


def build_article_with(count):
    article = ArticleFactory(
        published=True,
        tags=[TagFactory() for _ in range(count)],
        authors=[AuthorFactory() for _ in range(count)],
    )
    cluster = ClusterFactory()
    article.units.add(*[UnitFactory() for _ in range(count)])
    article.clusters.add(cluster, *[ClusterFactory() for _ in range(count - 1)])
    article.officials.add(*[OfficialFactory() for _ in range(count)])
    article.events.add(*[EventFactory(cluster=cluster) for _ in range(count)])
    return article


def test_article_page_queries_do_not_grow_with_bylines_tags_and_records(
    client, django_assert_num_queries
):
    one = build_article_with(1)
    ten = build_article_with(10)
    baseline = cold_count(client, one.get_absolute_url())
    cache.clear()
    with django_assert_num_queries(baseline):
        html = page(client, ten.get_absolute_url())
    assert html.count('rel="tag"') == 10


@pytest.mark.parametrize("kind", ["home", "section", "tag", "author", "unit", "official"])
def test_list_pages_queries_do_not_grow(kind, client, linked, django_assert_num_queries):
    urls = dict(
        zip(
            ["home", "section", "tag", "author", "unit", "cluster", "official"],
            public_pages(linked),
            strict=True,
        )
    )
    make_article(linked, "Bài đầu tiên", published=True)
    # The home page shows its first eleven at the top, then the section blocks: fill both.
    for number in range(12 if kind == "home" else 1):
        make_article(linked, f"Bài trước {number}", published=True)
    baseline = cold_count(client, urls[kind])
    for number in range(10):
        article = make_article(linked, f"Bài thêm {number}", published=True)
        article.tags.add(*[TagFactory() for _ in range(3)])
    cache.clear()  # written around the write path: nothing was purged
    with django_assert_num_queries(baseline):
        page(client, urls[kind])


# --- Lists -------------------------------------------------------------------------------


def test_home_puts_the_featured_story_first_and_groups_by_section(client):
    news = SectionFactory(name="Tin tức – Sự kiện", position=1)
    security = SectionFactory(name="An ninh trật tự", position=2)
    child = SectionFactory(name="Phòng chống ma tuý", parent=security)
    ArticleFactory(published=True, section=news, title="Tin thường mới nhất")
    ArticleFactory(
        published=True,
        section=news,
        is_featured=True,
        title="Tin tiêu điểm",
        published_at=NOW - dt.timedelta(days=1),
    )
    ArticleFactory(
        published=True,
        section=child,
        title="Bắt đối tượng vận chuyển ma tuý",
        published_at=NOW - dt.timedelta(days=3),
    )
    for number in range(10):  # newer: they fill the top of the page
        ArticleFactory(
            published=True,
            section=news,
            title=f"Tin mới số {number}",
            published_at=NOW - dt.timedelta(hours=number + 1),
        )
    html = page(client, "/")
    assert html.index("Tin tiêu điểm") < html.index("Tin thường mới nhất")
    security_block = html[html.index('id="muc-an-ninh-trat-tu"') :]
    assert "Bắt đối tượng vận chuyển ma tuý" in security_block


def test_home_blocks_read_four_a_section_and_lists_read_no_body(client):
    """Issue 11: a block's newest four not shown at the top are the newest four not shown
    of its sections together, so each section gives four (shown ones are left out in
    SQL), and lists fetch no body or search documents (most of a row's bytes)."""
    news = SectionFactory(name="Tin tức – Sự kiện", position=1)
    security = SectionFactory(name="An ninh trật tự", position=2)
    child = SectionFactory(name="Phòng chống ma tuý", parent=security)
    for number in range(12):  # the top of the page
        ArticleFactory(
            published=True,
            section=news,
            title=f"Tin đầu {number:02d}",
            published_at=NOW - dt.timedelta(minutes=number + 1),
        )
    for number in range(10):  # hours apart, alternating between parent and child
        ArticleFactory(
            published=True,
            section=child if number % 3 else security,
            title=f"Tin khối {number:02d}",
            published_at=NOW - dt.timedelta(hours=number + 1),
        )
    cache.clear()
    page(client, "/")
    with CaptureQueriesContext(connection) as context:
        html = page(client, "/")
    block = html[html.index('id="muc-an-ninh-trat-tu"') :]
    shown = re.findall(r">(Tin khối \d+)<", block)
    assert shown == [f"Tin khối {number:02d}" for number in range(4)]
    queries = [query["sql"] for query in context.captured_queries]
    (blocks,) = [sql for sql in queries if "UNION ALL" in sql]
    assert blocks.count("LIMIT 4") == 3
    listed = [sql for sql in queries if sql.startswith('SELECT "articles_article"."id"')]
    assert listed and not [sql for sql in listed if '"articles_article"."body"' in sql]
    assert not [sql for sql in listed if "search_all" in sql]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan is PostgreSQL's")
def test_home_finds_its_featured_story_through_the_featured_index():
    """The newest featured story is one index entry away however many articles were
    published since (the published index would be walked back to it, row by row)."""
    ArticleFactory(published=True, is_featured=True, published_at=NOW - dt.timedelta(days=400))
    for hours in range(1, 7):
        ArticleFactory(published=True, published_at=NOW - dt.timedelta(hours=hours))
    query = Article.objects.published().for_lists().filter(is_featured=True)[:1]
    sql, params = query.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "using article_featured_idx" in plan, plan


def test_home_shows_no_story_twice(client):
    section = SectionFactory(name="Tin tức – Sự kiện")
    for number in range(12):
        ArticleFactory(
            published=True,
            section=section,
            title=f"Tin số {number:02d}",
            published_at=NOW - dt.timedelta(hours=number + 1),
        )
    html = page(client, "/")
    for number in range(12):
        assert html.count(f">Tin số {number:02d}<") == 1, number


def test_home_puts_stories_with_pictures_under_the_lead_with_thumbnails(client):
    section = SectionFactory(name="Tin tức – Sự kiện")
    lead = ArticleFactory(
        published=True,
        section=section,
        cover=PhotoFactory(),
        published_at=NOW - dt.timedelta(minutes=5),
    )
    pictured = [
        ArticleFactory(
            published=True,
            section=section,
            cover=PhotoFactory(),
            published_at=NOW - dt.timedelta(hours=number + 1),
        )
        for number in range(5)
    ]
    plain = ArticleFactory(
        published=True, section=section, published_at=NOW - dt.timedelta(hours=2)
    )
    html = page(client, "/")
    top = html[html.index('class="home-secondary"') : html.index('class="home-columns"')]
    assert top.count('class="teaser teaser-thumbed"') == 4
    assert top.count("<picture>") == 4
    for article in pictured[:4]:
        assert article.get_absolute_url() in top
    assert lead.get_absolute_url() not in top
    latest = html[html.index('id="tin-moi"') :]
    assert plain.get_absolute_url() in latest
    assert pictured[4].get_absolute_url() in latest


def test_home_shows_the_featured_story_with_its_cover_and_no_extra_query(
    client, django_assert_num_queries
):
    section = SectionFactory(name="Tin tức – Sự kiện")
    featured = ArticleFactory(published=True, section=section, is_featured=True)
    page(client, "/")  # warm the menu and publisher caches, if any
    with CaptureQueriesContext(connection) as without_cover:
        page(client, "/")
    featured.cover = PhotoFactory(alt_text="Toàn cảnh hội nghị", caption="Toàn cảnh Hội nghị.")
    featured.save()
    with django_assert_num_queries(len(without_cover)):
        html = page(client, "/")
    featured_block = html[html.index('class="home-featured"') : html.index("</section>")]
    assert 'alt="Toàn cảnh hội nghị"' in featured_block
    assert 'fetchpriority="high"' in featured_block


def test_section_page_includes_child_sections_and_paginates(client):
    parent = SectionFactory(name="An ninh trật tự")
    child = SectionFactory(name="Phòng chống ma tuý", parent=parent)
    for number in range(13):
        ArticleFactory(
            published=True,
            section=child if number % 2 else parent,
            title=f"Tin số {number:02d}",
            published_at=NOW - dt.timedelta(hours=number + 1),
        )
    first = page(client, parent.get_absolute_url())
    assert "Tin số 00" in first
    assert "Tin số 01" in first
    assert "Tin số 12" not in first
    assert "Trang 1/2" in first
    second = page(client, parent.get_absolute_url() + "?trang=2")
    assert "Tin số 12" in second
    assert client.get(parent.get_absolute_url() + "?trang=9").status_code == 404


def section_page_queries(client, parent):
    cache.clear()
    page(client, parent.get_absolute_url())  # the cached sections, stored parts
    with CaptureQueriesContext(connection) as context:
        page(client, parent.get_absolute_url())
    return [query["sql"] for query in context.captured_queries]


def test_section_page_lists_its_sections_by_id_and_counts_unordered(client):
    """Issue 11: the list and its count are ranges of the section index (the section and
    its children by id, from the cached sections), never a join to the sections table;
    the count sorts nothing."""
    parent = SectionFactory(name="An ninh trật tự")
    child = SectionFactory(name="Phòng chống ma tuý", parent=parent)
    other = SectionFactory(name="Thể thao")
    for number, section in enumerate([parent, child, other]):
        ArticleFactory(published=True, section=section, title=f"Tin mục {number}")
    queries = section_page_queries(client, parent)
    html = page(client, parent.get_absolute_url())
    assert "Tin mục 0" in html and "Tin mục 1" in html and "Tin mục 2" not in html
    assert not [sql for sql in queries if '"parent_id" = ' in sql]
    (count,) = [sql for sql in queries if "COUNT(" in sql]
    assert '"section_id" IN (' in count
    assert "articles_section" not in count and "ORDER BY" not in count


@pytest.mark.skipif(connection.vendor != "postgresql", reason="INCLUDE is PostgreSQL's")
def test_section_count_can_read_the_index_alone_on_postgresql(client):
    """Migration 0009: every column a section's count reads is in the section index
    (the expiry INCLUDEd), so at scale the count is an index-only scan instead of a heap
    fetch per row (40 ms at 100k articles). The plan itself is the benchmark's to show:
    on a test's few rows the planner's choice is a coin toss."""
    parent = SectionFactory(name="An ninh trật tự")
    ArticleFactory(published=True, section=parent)
    (count,) = [sql for sql in section_page_queries(client, parent) if "COUNT(" in sql]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'article_section_public_idx'"
        )
        (definition,) = cursor.fetchone()
    key, included = re.fullmatch(r".*\((.*)\) INCLUDE \((.*)\)", definition).groups()
    indexed = {name.strip() for name in f"{key}, {included}".split(",")}
    assert indexed == {"section_id", "status", "published_at", "expires_at"}
    where = count[count.index(" WHERE ") : count.index(" LIMIT ")]
    read = set(re.findall(r'"articles_article"\."(\w+)"', where))
    assert read == indexed


def test_author_and_tag_pages_list_their_articles(client):
    author = AuthorFactory(name="Xuân Bắc")
    tag = TagFactory(name="Giao thông")
    ArticleFactory(published=True, title="Bài có thẻ và tác giả", authors=[author], tags=[tag])
    ArticleFactory(published=True, title="Bài khác hẳn")
    for url in (author.get_absolute_url(), tag.get_absolute_url()):
        html = page(client, url)
        assert "Bài có thẻ và tác giả" in html
        assert "Bài khác hẳn" not in html


@pytest.fixture
def long_lists(monkeypatch):
    """Seven public articles by one author under one tag, two a page, counted up to four:
    the lists are longer than their count (as a big byline's is at 100k articles)."""
    from articles import views

    monkeypatch.setattr(views.AuthorView, "paginate_by", 2)
    monkeypatch.setattr(views.TagView, "paginate_by", 2)
    monkeypatch.setattr(views.LookaheadPaginator, "count_limit", 4)
    author = AuthorFactory(name="Thanh Sơn")
    tag = TagFactory(name="Cao điểm")
    for number in range(7):
        ArticleFactory(
            published=True,
            title=f"Bài số {number:02d}",
            authors=[author],
            tags=[tag],
            published_at=NOW - dt.timedelta(hours=number + 1),
        )
    # Newer than all of them but not public: never listed, never counted as a row.
    hidden = {"scheduled": True, "expired": True, "unpublished": True, "in_review": True}
    for state in hidden:
        ArticleFactory(title=f"Bài ẩn {state}", authors=[author], tags=[tag], **{state: True})
    ArticleFactory(title="Bài ẩn nháp", authors=[author], tags=[tag])
    ArticleFactory(published=True, title="Bài của người khác", published_at=NOW)
    return author, tag


def titles(html):
    return re.findall(r"Bài (?:số \d+|ẩn [\wáạ]+|của người khác)", html)


def test_long_author_and_tag_lists_page_past_their_count(client, long_lists):
    """Issue 11: an author's or tag's list counts at most a few pages; past that a page
    is found by its own rows (one more fetched than shown), newest first, to the end."""
    for owner in long_lists:
        url = owner.get_absolute_url()
        pages = [page(client, f"{url}?trang={number}") for number in range(1, 5)]
        assert [titles(html) for html in pages] == [
            ["Bài số 00", "Bài số 01"],
            ["Bài số 02", "Bài số 03"],
            ["Bài số 04", "Bài số 05"],
            ["Bài số 06"],
        ]
        # No page total is claimed for a list longer than its count.
        assert "Trang 1<" in pages[0] and "Trang 1/" not in pages[0]
        assert 'href="?trang=4" rel="next"' in pages[2]
        assert 'rel="next"' not in pages[3] and 'href="?trang=3" rel="prev"' in pages[3]
        for beyond in ("5", "40", "0", "x"):
            assert client.get(f"{url}?trang={beyond}").status_code == 404


def test_long_lists_stop_where_a_section_stops(client, long_lists, monkeypatch):
    from articles import views

    monkeypatch.setattr(views, "COUNT_LIMIT", 6)  # three pages of two
    for owner in long_lists:
        url = owner.get_absolute_url()
        assert 'rel="next"' not in page(client, f"{url}?trang=3")
        assert client.get(f"{url}?trang=4").status_code == 404


def test_short_author_and_tag_lists_keep_their_page_total(client, long_lists, monkeypatch):
    from articles import views

    monkeypatch.setattr(views.LookaheadPaginator, "count_limit", 8)
    for owner in long_lists:
        url = owner.get_absolute_url()
        assert "Trang 1/4" in page(client, url)
        last = page(client, f"{url}?trang=4")
        assert titles(last) == ["Bài số 06"] and 'rel="next"' not in last
        assert client.get(f"{url}?trang=5").status_code == 404


def test_long_author_and_tag_lists_count_a_bounded_few_rows(
    client, long_lists, django_assert_num_queries
):
    """The count stops at the limit whatever the list's length; a page past it costs no
    more queries than a short list's page (the owner, the count, the rows), and there is
    no separate "is it empty?" query."""
    short_author = AuthorFactory(name="Ít bài")
    ArticleFactory(published=True, authors=[short_author])
    short = cold_count(client, short_author.get_absolute_url())
    for owner in long_lists:
        for number in (1, 3):
            cache.clear()
            with CaptureQueriesContext(connection) as context:
                page(client, f"{owner.get_absolute_url()}?trang={number}")
            queries = [query["sql"] for query in context.captured_queries]
            assert len(queries) == short
            (count,) = [sql for sql in queries if "COUNT(" in sql]
            assert count.endswith("LIMIT 4) subquery")
            assert not [sql for sql in queries if 'SELECT 1 AS "a"' in sql]


@pytest.mark.parametrize("state", ["draft", "review", "scheduled"])
def test_tag_and_author_of_unpublished_articles_only_have_no_page(client, state):
    author = AuthorFactory(name="Phóng viên điều tra")
    tag = TagFactory(name="Chuyên án bí mật")
    kwargs = {"scheduled": True} if state == "scheduled" else {}
    article = ArticleFactory(authors=[author], tags=[tag], **kwargs)
    if state == "review":
        Article.objects.filter(pk=article.pk).update(status=Article.Status.REVIEW)
    for url in (author.get_absolute_url(), tag.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 404
        assert "Chuyên án bí mật" not in response.content.decode()


def test_unknown_section_tag_and_author_are_404(client):
    for url in ("/chuyen-muc/khong-co/", "/the/khong-co/", "/tac-gia/khong-co/"):
        assert client.get(url).status_code == 404


def test_public_pages_make_no_third_party_requests(client, linked):
    make_article(linked, "Bài đã đăng", published=True)
    article = Article.objects.get()
    for url in [*public_pages(linked)[:4], article.get_absolute_url()]:
        html = page(client, url)
        for attribute in ("src=", "<link"):
            for chunk in html.split(attribute)[1:]:
                assert not chunk.lstrip("\"' ").startswith(("http:", "https:", "//")), url
