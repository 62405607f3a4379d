"""Public pages: cookie-free reads, query budgets, the page cache and its exact purges,
HTTP caching headers and 304s (newsroom/pagecache.py, discovery/caching.py)."""

import datetime as dt
import re
import time

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.http import parse_http_date

from articles import editing
from articles.models import Article
from clusters import editing as records
from clusters.models import Award, ClusterYear, Membership, Movement, MovementYear, Unit
from discovery import readership
from newsroom import pagecache, theme
from newsroom.models import Publisher
from tests.articles.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory
from tests.articles.steps import step
from tests.clusters.factories import (
    AwardFactory,
    ClusterFactory,
    ClusterYearFactory,
    EventFactory,
    MembershipFactory,
    OfficialFactory,
    ParticipantFactory,
    PositionFactory,
    RankAssignmentFactory,
    UnitFactory,
)
from tests.photos.factories import PhotoFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 27, 3, 0, tzinfo=dt.UTC)  # 10:00 in Vietnam
BUDGET = 6


@pytest.fixture(autouse=True)
def _clock():
    # The clock runs: a purge and a page stored in the same instant would count as
    # stale (the page might have read the data before the write).
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture(params=["page cache on", "page cache off"])
def either_cache(request, settings):
    """With the page cache off, a reader's article page still comes from the article's
    stored page and its reader-list slots (``articles.views.ArticleView.public_page``):
    each purge must reach those too."""
    settings.PAGE_CACHE_ENABLED = request.param == "page cache on"


@pytest.fixture
def commits(transactional_roles):
    """Writes really commit, so what they do on commit (the purges) happens then."""


@pytest.fixture
def site():
    """A published article with everything a page can show, and its neighbours."""
    section = SectionFactory(name="An ninh trật tự", position=1)
    tag = TagFactory(name="Cao điểm")
    author = AuthorFactory(name="Trọng Tuấn")
    unit = UnitFactory(name="Công an tỉnh Nghệ An")
    cluster = ClusterFactory(number=5)
    official = OfficialFactory(full_name="Hồ Văn Tứ")
    event = EventFactory()
    cover = PhotoFactory(caption="Toàn cảnh Hội nghị.")
    inline = PhotoFactory(caption="Đồng chí Đại tá Hồ Văn Tứ phát biểu.")
    article = ArticleFactory(
        title="Hội nghị sơ kết Cụm thi đua số 5",
        section=section,
        tags=[tag],
        authors=[author],
        cover=cover,
        body=f'<p>Mở đầu.</p><figure data-photo="{inline.pk}"></figure><p>Kết.</p>',
        published=True,
    )
    for link, record in (("units", unit), ("clusters", cluster), ("officials", official)):
        getattr(article, link).add(record)
    article.events.add(event)
    neighbour = ArticleFactory(
        title="Công an Nghệ An tuần tra", section=section, tags=[tag], published=True
    )
    neighbour.units.add(unit)
    return {
        "article": article,
        "neighbour": neighbour,
        "section": section,
        "tag": tag,
        "author": author,
        "unit": unit,
        "cluster": cluster,
        "official": official,
        "cover": cover,
        "inline": inline,
    }


def public_urls(site):
    return {
        "home": "/",
        "article": site["article"].get_absolute_url(),
        "section": site["section"].get_absolute_url(),
        "tag": site["tag"].get_absolute_url(),
        "author": site["author"].get_absolute_url(),
        "cluster": site["cluster"].get_absolute_url(),
        "cluster list": "/cum-thi-dua/",
        "unit": site["unit"].get_absolute_url(),
        "official": site["official"].get_absolute_url(),
        "search": "/tim-kiem/?q=c%E1%BB%A5m+thi+%C4%91ua",
        "rss": "/rss/",
        "section rss": f"/rss/{site['section'].slug}/",
        "atom": "/rss/atom/",
        "sitemap index": "/sitemap.xml",
        "sitemap articles": "/sitemap-bai-viet-2026-11.xml",  # the month of NOW
        "sitemap units": "/sitemap-don-vi.xml",
        "news sitemap": "/sitemap-tin-moi.xml",
    }


def get(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response


# --- Cookie-free reads ------------------------------------------------------------------


def test_a_readers_public_pages_neither_touch_the_session_nor_set_cookies(client, site):
    for name, url in public_urls(site).items():
        with CaptureQueriesContext(connection) as queries:
            response = get(client, url)
        assert not response.cookies, name
        assert "Cookie" not in response.get("Vary", ""), name
        assert "Accept-Language" not in response.get("Vary", ""), name
        assert not [q for q in queries if "django_session" in q["sql"]], name


def test_the_article_html_is_the_same_for_every_reader(client, site, page_cache):
    url = site["article"].get_absolute_url()
    first = get(client, url, HTTP_USER_AGENT="Mozilla/5.0 (Android 14) Chrome/131.0").content
    cache.clear()
    second = get(client, url, HTTP_USER_AGENT="Mozilla/5.0 (iPhone) Safari/604.1").content
    assert first == second


def test_admin_and_previews_are_private_and_never_stored(client, editor):
    client.force_login(editor)
    admin = client.get("/admin/")
    assert admin.status_code == 200
    assert "private" in admin["Cache-Control"] and "no-store" in admin["Cache-Control"]
    draft = ArticleFactory(in_review=True)
    preview = client.get(draft.get_absolute_url())
    assert preview.status_code == 200
    assert "private" in preview["Cache-Control"] and "no-store" in preview["Cache-Control"]
    assert "public" not in preview["Cache-Control"]


# --- Query budgets ----------------------------------------------------------------------


PAGE_NAMES = [
    *["home", "article", "section", "tag", "author", "cluster", "cluster list", "unit"],
    *["official", "search", "rss", "section rss", "atom", "sitemap index"],
    *["sitemap articles", "sitemap units", "news sitemap"],
]


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_every_public_page_keeps_to_its_query_budget_when_not_in_the_page_cache(name, client, site):
    """At most 6 queries once the site-wide data (publisher, sections) and the page's
    own stored parts (fragments) are cached."""
    readership.add_read(site["neighbour"].pk)
    readership.flush_reads()
    url = public_urls(site)[name]
    get(client, "/")
    get(client, url)  # the page's own stored parts (article parts, body, related)
    assert count_queries(lambda: get(client, url)) <= BUDGET


@pytest.fixture
def full_records(site):
    """The records pages with a year's worth of history, as the demo's Cụm 5 has it:
    members, a movement, an event whose speakers hold ranks and positions, an award."""
    cluster, unit, official = site["cluster"], site["unit"], site["official"]
    cluster_year = ClusterYearFactory(cluster=cluster, year=2026)
    MembershipFactory(cluster_year=cluster_year, unit=unit, role=Membership.Role.LEADER)
    MembershipFactory(cluster_year=cluster_year)
    movement = Movement.objects.create(name="Vì an ninh Tổ quốc")
    MovementYear.objects.create(movement=movement, year=2026, slogan="Kỷ cương, trách nhiệm")
    event = EventFactory(cluster=cluster, year=2026, date=dt.date(2026, 7, 17), host_unit=unit)
    RankAssignmentFactory(official=official)
    PositionFactory(official=official, unit=unit)
    ParticipantFactory(event=event, official=official)
    ParticipantFactory(event=event)
    AwardFactory(
        unit=unit,
        status=Award.Status.CONFERRED,
        decision_number="1234/QĐ-BCA",
        decision_date=dt.date(2026, 10, 1),
    )
    return site


@pytest.mark.parametrize("name", ["cluster", "unit", "official"])
def test_record_pages_with_full_histories_keep_to_the_budget(name, client, full_records):
    url = public_urls(full_records)[name]
    get(client, "/")
    first = get(client, url).content.decode()
    assert "Vì an ninh Tổ quốc" in first or name != "cluster"
    assert count_queries(lambda: get(client, url)) <= BUDGET
    # The fragments are the page's records as read from the database.
    assert get(client, url).content.decode() == first


def test_a_record_change_reaches_the_cluster_page_kept_in_fragments(commits, client, site):
    # (Not full_records: ranks come from a data migration, which a committing test's
    # flush empties.)
    ClusterYearFactory(cluster=site["cluster"], year=2026)
    movement = Movement.objects.create(name="Vì an ninh Tổ quốc")
    MovementYear.objects.create(movement=movement, year=2026, slogan="Kỷ cương, trách nhiệm")
    url = public_urls(site)[name := "cluster"]
    assert "Kỷ cương, trách nhiệm" in get(client, url).content.decode(), name
    year = MovementYear.objects.get()
    year.slogan = "Chủ động, sáng tạo"
    records.save_record(year, None)
    html = get(client, url).content.decode()
    assert "Chủ động, sáng tạo" in html
    assert "Kỷ cương, trách nhiệm" not in html


def test_a_cached_page_makes_no_query(client, site, page_cache):
    for name, url in public_urls(site).items():
        get(client, url)
        with CaptureQueriesContext(connection) as queries:
            response = get(client, url)
        assert response["X-Page-Cache"] == "hit", name
        assert len(queries) == 0, name


def test_a_just_published_article_keeps_to_the_budget_for_its_first_reader(
    commits, client, site, editor, page_cache
):
    """The write stores the page's parts and body: the first reader does not build them."""
    draft = ArticleFactory(in_review=True, section=site["section"], tags=[site["tag"]])
    draft.units.add(site["unit"])
    get(client, "/")
    step("publish", draft, editor)
    assert count_queries(lambda: get(client, draft.get_absolute_url())) <= BUDGET


# --- HTTP caching -----------------------------------------------------------------------


def test_public_pages_say_how_shared_caches_may_keep_them(client, site, settings):
    response = get(client, site["article"].get_absolute_url())
    control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=0"} <= control
    assert f"s-maxage={settings.PAGE_SHARED_MAX_AGE}" in control
    assert f"stale-while-revalidate={settings.PAGE_STALE_WHILE_REVALIDATE}" in control
    assert re.fullmatch(r'"[0-9a-f]{32}"', response["ETag"])
    modified = parse_http_date(response["Last-Modified"])
    assert NOW.timestamp() - 1 <= modified <= NOW.timestamp() + 60  # when it was rendered


@pytest.mark.parametrize("cached", [False, True])
def test_a_conditional_request_for_an_unchanged_page_gets_304(client, site, settings, cached):
    settings.PAGE_CACHE_ENABLED = cached
    url = site["article"].get_absolute_url()
    first = get(client, url)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    # By date only from the cache: a fresh rendering may differ within the same second.
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == (304 if cached else 200)


def test_a_conditional_request_for_a_changed_page_gets_the_page(
    commits, client, site, editor, page_cache
):
    article = site["article"]
    first = get(client, article.get_absolute_url())
    editing.save_article(
        article, editor, changes={"title": "Tiêu đề đã sửa"}, expected_version=article.version
    )
    with time_machine.travel(NOW + dt.timedelta(seconds=5)):
        again = client.get(
            article.get_absolute_url(),
            HTTP_IF_NONE_MATCH=first["ETag"],
            HTTP_IF_MODIFIED_SINCE=first["Last-Modified"],
        )
    assert again.status_code == 200
    assert "Tiêu đề đã sửa" in again.content.decode()


# --- Purges -------------------------------------------------------------------------------


def shows(client, url, text):
    return text in get(client, url).content.decode()


def lists_of(site):
    urls = public_urls(site)
    return [
        urls[name]
        for name in (
            "home",
            "section",
            "tag",
            "unit",
            "search",
            "rss",
            "section rss",
            "sitemap articles",
            "news sitemap",
        )
    ]


def test_publishing_shows_on_every_list_feed_and_sitemap_at_once(
    commits, client, site, editor, either_cache
):
    draft = ArticleFactory(
        title="Cụm thi đua số 5 ký kết giao ước",
        in_review=True,
        section=site["section"],
        tags=[site["tag"]],
    )
    draft.units.add(site["unit"])
    urls = [*lists_of(site), site["article"].get_absolute_url()]
    for url in urls:
        assert not shows(client, url, draft.slug), url
    step("publish", draft, editor)
    for url in urls:
        assert shows(client, url, draft.slug), url  # the related list of the article too


def test_unpublishing_leaves_every_list_at_once(commits, client, site, editor, either_cache):
    neighbour = site["neighbour"]
    urls = [*lists_of(site), site["article"].get_absolute_url()]
    for url in urls:
        get(client, url)
    step("unpublish", neighbour, editor, note="Gỡ để kiểm tra lại.")
    for url in urls:
        assert not shows(client, url, neighbour.slug), url
    assert client.get(neighbour.get_absolute_url()).status_code == 404


def test_an_edit_shows_on_its_page_and_lists(commits, client, site, editor, either_cache):
    article = site["neighbour"]
    for url in [article.get_absolute_url(), "/", site["section"].get_absolute_url()]:
        get(client, url)
    editing.save_article(
        article,
        editor,
        changes={"title": "Công an Nghệ An tuần tra đêm"},
        expected_version=article.version,
    )
    for url in [article.get_absolute_url(), "/", site["section"].get_absolute_url()]:
        assert shows(client, url, "Công an Nghệ An tuần tra đêm"), url


def test_a_correction_shows_at_once(commits, client, site, editor, either_cache):
    article = site["article"]
    get(client, article.get_absolute_url())
    editing.add_correction(article, editor, "Bài trước ghi nhầm ngày hội nghị.")
    assert shows(client, article.get_absolute_url(), "Bài trước ghi nhầm ngày hội nghị.")


def test_a_caption_fixed_in_the_library_shows_on_every_article_using_it(
    commits, client, site, either_cache
):
    inline = site["inline"]
    other = ArticleFactory(body=f'<figure data-photo="{inline.pk}"></figure>', published=True)
    for article in (site["article"], other):
        get(client, article.get_absolute_url())
    inline.caption = "Đồng chí Đại tá Hồ Văn Tứ, PGĐ Công an tỉnh Nghệ An, phát biểu."
    inline.save()
    for article in (site["article"], other):
        assert shows(client, article.get_absolute_url(), "PGĐ Công an tỉnh Nghệ An, phát biểu.")


def test_a_cover_caption_change_shows_on_the_article_and_home(commits, client, site, either_cache):
    cover = site["cover"]
    featured = site["article"]
    Article.objects.filter(pk=featured.pk).update(is_featured=True)
    cache.clear()
    get(client, "/")
    get(client, featured.get_absolute_url())
    cover.alt_text = "Toàn cảnh hội trường Công an tỉnh Thanh Hoá"
    cover.save()
    for url in ("/", featured.get_absolute_url()):
        assert shows(client, url, "Toàn cảnh hội trường Công an tỉnh Thanh Hoá"), url


def test_a_record_change_shows_on_its_page_and_the_articles_naming_it(
    commits, client, site, either_cache
):
    """Through the records' one write path (clusters.editing), as the admin writes."""
    unit = site["unit"]
    for url in (unit.get_absolute_url(), site["article"].get_absolute_url()):
        get(client, url)
    unit = Unit.objects.get(pk=unit.pk)
    unit.name = "Công an tỉnh Nghệ An (mới)"
    records.save_record(unit, None)
    for url in (unit.get_absolute_url(), site["article"].get_absolute_url()):
        assert shows(client, url, "Công an tỉnh Nghệ An (mới)"), url


def test_a_deleted_record_leaves_its_page_and_the_articles_naming_it(
    commits, client, site, page_cache
):
    unit, article = site["unit"], site["article"]
    get(client, unit.get_absolute_url())
    assert shows(client, article.get_absolute_url(), unit.get_absolute_url())
    records.delete_record(Unit.objects.get(pk=unit.pk), None)
    assert client.get(unit.get_absolute_url()).status_code == 404
    assert not shows(client, article.get_absolute_url(), unit.get_absolute_url())


def test_a_record_written_outside_its_write_path_purges_nothing(commits, client, site, page_cache):
    """What the purge listens to: the write path's signal, not every save. (No writer
    of records bypasses clusters.editing; this says that doing so is not supported.)"""
    unit = site["unit"]
    get(client, unit.get_absolute_url())
    Unit.objects.filter(pk=unit.pk).update(name="Công an tỉnh Nghệ An (mới)")
    Unit.objects.get(pk=unit.pk).save()
    assert not shows(client, unit.get_absolute_url(), "Công an tỉnh Nghệ An (mới)")


def test_a_change_to_a_units_history_shows_on_its_page(commits, client, site, page_cache):
    """The unit page keeps its history as a fragment; a record written elsewhere (a unit
    placed under it) purges it with the page."""
    unit = site["unit"]
    get(client, unit.get_absolute_url())
    records.save_record(
        Unit(name="Phòng Cảnh sát giao thông", parent=unit, valid_from=dt.date(2005, 1, 1)), None
    )
    assert shows(client, unit.get_absolute_url(), "Phòng Cảnh sát giao thông")


def test_a_new_cluster_leader_shows_in_the_home_pages_records_block(
    commits, client, site, page_cache
):
    """The records block is a fragment tagged "records": a record write purges home."""
    get(client, "/")
    leader = UnitFactory(name="Công an tỉnh Hà Tĩnh")
    records.save_record(
        ClusterYear(cluster=site["cluster"], year=NOW.year),
        None,
        rows=[Membership(unit=leader, role=Membership.Role.LEADER)],
    )
    assert shows(client, "/", "Công an tỉnh Hà Tĩnh")


def test_a_section_rename_shows_on_every_page(commits, client, site, either_cache):
    section = site["section"]
    urls = list(public_urls(site).values())
    for url in urls:
        get(client, url)
    section.name = "An ninh – Trật tự"
    section.save()
    for url in ("/", site["article"].get_absolute_url(), site["unit"].get_absolute_url()):
        assert shows(client, url, "An ninh – Trật tự"), url


def test_publisher_details_show_on_every_page(commits, client, site, either_cache):
    get(client, "/")
    get(client, site["article"].get_absolute_url())
    Publisher.objects.create(site_name="Cổng thông tin Công an tỉnh Nghệ An")
    for url in ("/", site["article"].get_absolute_url()):
        assert shows(client, url, "Cổng thông tin Công an tỉnh Nghệ An"), url


def test_new_colours_reach_every_cached_page(commits, client, site, page_cache):
    publisher = Publisher.objects.create()
    urls = ("/", site["article"].get_absolute_url(), site["unit"].get_absolute_url())
    for url in urls:
        assert not shows(client, url, "/giao-dien/"), url
    publisher.brand_colour = "#1a4d8f"
    publisher.save()
    href = reverse("theme_css", args=[theme.version(publisher)])
    for url in urls:
        assert shows(client, url, href), url
    assert "--brand: #1a4d8f;" in get(client, href).content.decode()


def test_a_scheduled_article_appears_when_its_time_comes(commits, client, site, editor, page_cache):
    draft = ArticleFactory(
        title="Cụm thi đua số 5: bài hẹn giờ đăng",
        in_review=True,
        section=site["section"],
        tags=[site["tag"]],
    )
    draft.units.add(site["unit"])
    at = NOW + dt.timedelta(minutes=3)
    step("schedule", draft, editor, at=at)
    urls = lists_of(site)
    for url in urls:
        assert not shows(client, url, draft.slug), url
    # The pages were cached just now: none outlives the scheduled time.
    with time_machine.travel(at + dt.timedelta(seconds=1)):
        for url in urls:
            assert shows(client, url, draft.slug), url


def test_a_cached_page_ends_at_an_expiry_it_shows(commits, client, site, editor, page_cache):
    article = site["neighbour"]
    ends = NOW + dt.timedelta(minutes=2)
    editing.save_article(
        article, editor, changes={"expires_at": ends}, expected_version=article.version
    )
    assert shows(client, "/", article.slug)
    with time_machine.travel(ends + dt.timedelta(seconds=1)):
        assert not shows(client, "/", article.slug)


def test_a_write_purges_only_the_pages_showing_the_article(
    commits, client, site, editor, page_cache
):
    other_section = SectionFactory(name="Xây dựng lực lượng", position=2)
    elsewhere = ArticleFactory(title="Bài chuyên mục khác", section=other_section, published=True)
    get(client, other_section.get_absolute_url())
    get(client, site["unit"].get_absolute_url())
    article = site["neighbour"]
    editing.save_article(
        article, editor, changes={"title": "Tiêu đề mới"}, expected_version=article.version
    )
    assert get(client, other_section.get_absolute_url())["X-Page-Cache"] == "hit"
    assert get(client, site["unit"].get_absolute_url())["X-Page-Cache"] == "miss"
    assert elsewhere.pk


def test_a_page_rendered_before_a_purge_is_not_served_after_it(client, site, page_cache):
    """A page begun before a write commits and stored after its purge is not used."""
    url = site["article"].get_absolute_url()
    with time_machine.travel(NOW - dt.timedelta(seconds=1)):
        get(client, url)  # stored as begun one second ago
    pagecache.purge(f"article:{site['article'].pk}")  # stamped now, after the page began
    assert get(client, url)["X-Page-Cache"] == "miss"


def test_staff_with_a_session_neither_read_nor_fill_the_page_cache(
    client, site, editor, page_cache
):
    url = site["article"].get_absolute_url()
    client.force_login(editor)
    response = get(client, url)
    assert "X-Page-Cache" not in response
    client.logout()
    assert get(client, url)["X-Page-Cache"] == "miss"


def test_a_flush_that_changes_the_most_read_list_purges_the_pages_showing_it(
    client, site, page_cache
):
    article = site["article"]
    popular = site["neighbour"]
    get(client, article.get_absolute_url())
    readership.add_read(popular.pk)
    readership.flush_reads()
    html = get(client, article.get_absolute_url()).content.decode()
    assert '<h2 id="doc-nhieu">' in html and popular.title in html
    assert get(client, article.get_absolute_url())["X-Page-Cache"] == "hit"
    readership.add_read(popular.pk)  # more reads, the same list: the pages stay
    readership.flush_reads()
    assert get(client, article.get_absolute_url())["X-Page-Cache"] == "hit"


# --- The article page kept per version, its reader lists as slots -----------------------


def test_public_version_answers_as_published_does(site, editor):
    """The article page's one query, compiled once from ``published()``, agrees with it."""
    from articles.pages import public_version

    scheduled = ArticleFactory(published=True)
    Article.objects.filter(pk=scheduled.pk).update(published_at=NOW + dt.timedelta(hours=1))
    expired = ArticleFactory(published=True)
    Article.objects.filter(pk=expired.pk).update(expires_at=NOW - dt.timedelta(minutes=1))
    ends_later = ArticleFactory(published=True)
    Article.objects.filter(pk=ends_later.pk).update(expires_at=NOW + dt.timedelta(days=1))
    draft = ArticleFactory()
    taken_down = site["neighbour"]
    step("unpublish", taken_down, editor, note="Gỡ để kiểm tra lại.")
    expected = {
        site["article"].slug: True,
        ends_later.slug: True,
        scheduled.slug: False,
        expired.slug: False,
        draft.slug: False,
        taken_down.slug: False,
        "khong-co-bai-nay": False,
    }
    for slug, public in expected.items():
        found = Article.objects.published().filter(slug=slug).values_list("pk", "version")
        assert public_version(slug) == found.first(), slug
        assert (public_version(slug) is not None) is public, slug


def test_a_readers_article_page_costs_one_query_once_its_parts_are_kept(client, site):
    """Page cache off: the page is the article version's stored page, its related and
    most-read lists put in from their own fragments; the database is asked only whether
    the article is public and at which version."""
    readership.add_read(site["neighbour"].pk)
    readership.flush_reads()
    url = site["article"].get_absolute_url()
    first = get(client, url).content.decode()
    assert site["neighbour"].title in first  # related, and most read
    assert "pagecache-slot" not in first
    assert count_queries(lambda: get(client, url)) == 1
    assert get(client, url).content.decode() == first


def test_the_article_page_is_the_same_from_an_empty_cache(client, site):
    readership.add_read(site["neighbour"].pk)
    readership.flush_reads()
    url = site["article"].get_absolute_url()
    kept = get(client, url).content.decode()
    cache.clear()
    assert get(client, url).content.decode() == kept


def test_staff_see_the_reader_lists_rendered_in_place(client, site, editor):
    client.force_login(editor)
    html = get(client, site["article"].get_absolute_url()).content.decode()
    assert site["neighbour"].title in html and "pagecache-slot" not in html


def test_a_related_article_published_later_shows_without_rendering_the_page_again(
    commits, client, site, editor
):
    """Publishing another article on the same tag purges the related slot only: the
    article's stored page stays (its tags are not the lists')."""
    url = site["article"].get_absolute_url()
    get(client, url)
    draft = ArticleFactory(title="Công an Nghệ An ra quân", in_review=True, section=site["section"])
    draft.tags.add(site["tag"])
    step("publish", draft, editor)
    with CaptureQueriesContext(connection) as queries:
        html = get(client, url).content.decode()
    assert "Công an Nghệ An ra quân" in html
    # The row; then for the related list only: the article (its parts are kept), the
    # next scheduled change (the publish forgot it), the list. The page itself (parts,
    # body, bylines, records: seven more queries when they are not kept) is not rebuilt.
    assert len(queries) == 4


def test_a_flush_that_changes_the_most_read_list_shows_with_the_page_cache_off(client, site):
    article = site["article"]
    popular = ArticleFactory(title="Bài được đọc nhiều nhất tuần", published=True)
    html = get(client, article.get_absolute_url()).content.decode()
    assert popular.title not in html
    readership.add_read(popular.pk)
    readership.flush_reads()
    assert shows(client, article.get_absolute_url(), popular.title)


def test_a_fragment_built_from_another_keeps_its_tags(site):
    inner = pagecache.fragment("inner", lambda: ("bên trong", {"unit:1"}))
    built = []

    def outer():
        built.append(True)
        return pagecache.fragment("inner", lambda: ("bên trong", {"unit:1"})) + "!", ()

    assert pagecache.fragment("outer", outer) == inner + "!"
    assert pagecache.fragment("outer", outer) == inner + "!"
    assert len(built) == 1
    pagecache.purge("unit:1")
    pagecache.fragment("outer", outer)
    assert len(built) == 2


def test_a_slot_marker_written_in_an_article_stays_text(client, site):
    """Titles and leads are escaped, bodies lose their comments (nh3): nothing an editor
    writes can become a slot the page fills."""
    marker = f"<!--pagecache-slot:related:{site['article'].pk}:1-->"
    article = ArticleFactory(
        title=f"Tiêu đề {marker}",
        lead=f"Sapo {marker}",
        body=f"<p>Mở đầu.</p>{marker}<p>Kết.</p>",
        published=True,
    )
    html = get(client, article.get_absolute_url()).content.decode()
    assert "&lt;!--pagecache-slot:related" in html
    assert html.count('<h2 id="bai-lien-quan">') <= 1
    assert "<p>Mở đầu.</p><p>Kết.</p>" in html


def _cache_reads(monkeypatch):
    """The cache reads made from now on (the local cache's get_many calls get per key:
    those are one read)."""
    reads = []
    depth = []
    for method in ("get", "get_many"):
        real = getattr(cache, method)

        def counted(*args, _real=real, **kwargs):
            if not depth:
                reads.append(args[0])
            depth.append(True)
            try:
                return _real(*args, **kwargs)
            finally:
                depth.pop()

        monkeypatch.setattr(cache, method, counted)
    return reads


def test_a_readers_article_page_reads_the_cache_once_while_nothing_is_purged(
    client, site, monkeypatch
):
    """The stamps of the page's tags are known to the process while the purge marker
    keeps its value: the page, its slots and the marker come in one read."""
    url = site["article"].get_absolute_url()
    get(client, url)
    get(client, url)
    reads = _cache_reads(monkeypatch)
    get(client, url)
    assert len(reads) == 1
    pagecache.purge("unit:999999")  # any purge: the stamps are read again, once
    reads.clear()
    get(client, url)
    assert len(reads) == 2


def test_a_stamp_is_not_trusted_once_the_purge_marker_is_gone(client, site):
    """The marker evicted (or the cache emptied), a stamp written meanwhile is read."""
    url = site["article"].get_absolute_url()
    get(client, url)
    get(client, url)
    cache.delete(pagecache.PURGES_KEY)
    cache.set(f"{pagecache.TAG_PREFIX}article:{site['article'].pk}", time.time() + 1, None)
    # The row, then the page again: the article, its related list, its most read.
    assert count_queries(lambda: get(client, url)) > 1


def test_the_public_version_query_is_compiled_once_with_its_time_parameters_marked(db):
    """The fast path is taken (not the ORM fallback), and every parameter that depends on
    the time is the one replaced per request; a time parameter prepared another way (a
    date) makes it fall back rather than keep the year 2000."""
    from articles import pages
    from articles.models import Article

    pages._compiled_public_version.cache_clear()
    compiled = pages._compiled_public_version("default")
    assert compiled is not None
    _, params = compiled
    assert params.count(pages._SLUG) == 1 and pages._NOW in params

    original = Article.objects.published

    def dated(now=None):
        return original(now).filter(published_at__date__lte=(now or timezone.now()).date())

    pages._compiled_public_version.cache_clear()
    try:
        Article.objects.published = dated
        assert pages._compiled_public_version("default") is None
    finally:
        Article.objects.published = original
        pages._compiled_public_version.cache_clear()


def test_a_fragment_verified_once_is_checked_again_after_any_purge_of_its_tags(client, site):
    """The process remembers a fragment it found valid only while the purge marker holds:
    a purge of a tag only the stored page carries (its cover photo) rebuilds the page at
    the next request, and a purge of another tag re-reads the stamps but keeps it."""
    url = site["article"].get_absolute_url()
    first = get(client, url).content
    assert count_queries(lambda: get(client, url)) == 1
    pagecache.purge("unit:999999")  # not on the page: the page is still good
    assert count_queries(lambda: get(client, url)) == 1
    pagecache.purge(f"photo:{site['cover'].pk}")
    assert count_queries(lambda: get(client, url)) > 1  # the page is built again
    assert count_queries(lambda: get(client, url)) == 1
    assert get(client, url).content == first


def test_a_fragment_verified_under_one_marker_is_not_trusted_under_none(site):
    """Verified fragments are remembered per marker; with the marker gone (evicted or the
    cache emptied) each is checked against the stamps again."""
    built = []

    def build():
        built.append(True)
        return "nội dung", {"unit:7"}

    def read():
        token = pagecache._stamps.set(pagecache._RequestStamps())
        try:
            return pagecache.fragment("verified", build)
        finally:
            pagecache._stamps.reset(token)

    read()
    read()
    assert len(built) == 1
    cache.delete(pagecache.PURGES_KEY)
    # A stamp newer than the fragment, written without the marker (as after an eviction).
    cache.set(pagecache.TAG_PREFIX + "unit:7", time.time() + 1, None)
    read()
    assert len(built) == 2


def test_an_entry_older_than_an_evicted_stamp_stays_invalid_when_the_tag_is_stamped_again(
    db,
):
    """A fragment kept, its tag purged, the purge's stamp evicted: another rendering that
    carries the tag gives it a stamp again, which must not make the old fragment pass."""

    def read(key, value):
        token = pagecache._stamps.set(pagecache._RequestStamps())
        try:
            return pagecache.fragment(key, lambda: (value, {"tag:ma-tuy"}))
        finally:
            pagecache._stamps.reset(token)

    assert read("old", "bản cũ") == "bản cũ"
    pagecache.purge("tag:ma-tuy")
    cache.delete(pagecache.TAG_PREFIX + "tag:ma-tuy")  # evicted
    pagecache._known = (None, {})  # as another process would see it: nothing remembered
    pagecache._verified = (None, {})
    assert read("other", "trang khác") == "trang khác"  # stamps the tag again
    assert read("old", "bản mới") == "bản mới"
    assert read("other", "lần sau") == "trang khác", "the entry that stamped it stays valid"


def test_the_stored_article_page_is_bytes_cut_at_its_slots(client, site):
    """The page is kept encoded, cut where its reader lists go: filled per request by a
    join, the same page as one rendered in a single piece (no slot left, Vietnamese
    text intact)."""
    article = site["article"]
    html = get(client, article.get_absolute_url()).content
    stored = cache.get(
        f"{pagecache.FRAGMENT_PREFIX}article-page-parts:{article.pk}:{article.version}"
    )
    parts = stored[2]
    slots = [part for part in parts if not isinstance(part, bytes)]
    assert slots == [("related", f"{article.pk}:{article.version}"), ("most-read", str(article.pk))]
    assert all(b"pagecache-slot" not in part for part in parts if isinstance(part, bytes))
    assert article.title.encode() in html and b"pagecache-slot" not in html
    cache.clear()
    assert get(client, article.get_absolute_url()).content == html


def test_cutting_a_page_at_its_slots_keeps_every_byte():
    html = "<!--pagecache-slot:a:1-->Tiêu đề<!--pagecache-slot:b:2:3--><!--pagecache-slot:a:4-->"
    parts = pagecache._split_slots(html)
    assert parts == (b"", ("a", "1"), "Tiêu đề".encode(), ("b", "2:3"), b"", ("a", "4"), b"")
    pagecache.register_slot("a", lambda key, **context: f"[a{key}]")
    pagecache.register_slot("b", lambda key, **context: f"[b{key}]")
    try:
        assert pagecache.fill_slots(parts).decode() == "[a1]Tiêu đề[b2:3][a4]"
    finally:
        del pagecache._slots["a"], pagecache._slots["b"]
    assert pagecache._split_slots("không có chỗ trống") == ("không có chỗ trống".encode(),)


def test_a_public_answer_keeps_the_views_own_cache_directives(rf, settings):
    """The middleware writes Cache-Control whole when the view set none, and merges with
    the view's directives otherwise."""
    from django.http import HttpResponse

    settings.PAGE_SHARED_MAX_AGE = 1
    settings.PAGE_STALE_WHILE_REVALIDATE = 30
    entry = {"etag": '"x"', "modified": int(NOW.timestamp()), "expires": time.time() + 60}
    entry["status"] = 200
    middleware = pagecache.PageCacheMiddleware(lambda request: None)
    plain = middleware._answer(rf.get("/"), entry, hit=False, response=HttpResponse("a"))
    assert plain["Cache-Control"] == ("public, max-age=0, s-maxage=1, stale-while-revalidate=30")
    own = HttpResponse("a")
    own["Cache-Control"] = "no-transform"
    merged = middleware._answer(rf.get("/"), entry, hit=False, response=own)
    control = {part.strip() for part in merged["Cache-Control"].split(",")}
    assert control == {
        "no-transform",
        "public",
        "max-age=0",
        "s-maxage=1",
        "stale-while-revalidate=30",
    }


def test_the_fragments_a_process_remembers_are_bounded(site, monkeypatch):
    """Past the limit the remembered fragments start again (checked against the stamps,
    which the process still knows): memory stays bounded however many pages are read."""
    monkeypatch.setattr(pagecache, "_VERIFIED_LIMIT", 3)
    token = pagecache._stamps.set(pagecache._RequestStamps())
    try:
        for number in range(10):
            pagecache.fragment(f"bounded:{number}", lambda: ("x", {"unit:7"}))
            pagecache.fragment(f"bounded:{number}", lambda: ("x", {"unit:7"}))
            assert len(pagecache._verified[1]) <= 3
    finally:
        pagecache._stamps.reset(token)
