"""The desk's home (the admin index): each role's own work, counted, one click away."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.articles.factories import ArticleFactory, AuthorFactory
from tests.editorial.article_form import step_data, workflow_url
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

INDEX = "/admin/"


def panel(html, key):
    match = re.search(
        rf'<div class="module desk-panel desk-panel-{key}">(.*?)</div>', html, re.DOTALL
    )
    assert match, f"no panel {key}"
    return match.group(1)


def count_in(section):
    return int(re.search(r'<span class="desk-count">(\d+)</span>', section).group(1))


def reporter_articles(reporter, other_reporter):
    mine = {
        "draft": ArticleFactory(created_by=reporter, title="Nháp của tôi"),
        "returned": ArticleFactory(
            created_by=reporter, title="Bài bị trả", review_note="Thiếu tên đơn vị chủ trì."
        ),
        "review": ArticleFactory(created_by=reporter, title="Bài chờ duyệt", status="review"),
        "scheduled": ArticleFactory(created_by=reporter, title="Bài lên lịch", scheduled=True),
        "live": ArticleFactory(created_by=reporter, title="Bài đã đăng", published=True),
    }
    ArticleFactory(created_by=other_reporter, title="Nháp của người khác")
    return mine


def test_reporter_home_shows_their_own_work_by_state_with_the_editors_note(
    client, reporter, other_reporter
):
    reporter_articles(reporter, other_reporter)
    client.force_login(reporter)
    html = client.get(INDEX).content.decode()

    for key, title in [
        ("nhap", "Nháp của tôi"),
        ("tra-lai", "Bài bị trả"),
        ("cho-duyet", "Bài chờ duyệt"),
        ("len-lich", "Bài lên lịch"),
        ("dang", "Bài đã đăng"),
    ]:
        section = panel(html, key)
        assert count_in(section) == 1, key
        assert title in section, key
        assert f"?cua=toi&amp;trang-thai={key}" in section
    assert "Nháp của người khác" not in html
    assert "Thiếu tên đơn vị chủ trì." in panel(html, "tra-lai")
    # Their own work comes before the apps; the records they only read are folded away.
    assert html.index("desk-panel-nhap") < html.index("app-articles")
    assert html.index('<details class="desk-folded">') < html.index("app-clusters")


def test_each_panel_count_opens_the_same_articles_in_the_list(client, reporter, other_reporter):
    mine = reporter_articles(reporter, other_reporter)
    client.force_login(reporter)
    html = client.get(INDEX).content.decode()
    for key, article in [("nhap", "draft"), ("tra-lai", "returned"), ("len-lich", "scheduled")]:
        url = re.search(r'<h3><a href="([^"]+)"', panel(html, key)).group(1).replace("&amp;", "&")
        listing = client.get(url)
        assert list(listing.context["cl"].result_list) == [mine[article]], key


def test_a_returned_article_moves_from_review_to_returned_with_the_note(client, reporter, editor):
    article = ArticleFactory(created_by=reporter, status="review")
    client.force_login(editor)
    client.post(workflow_url(article, "return"), step_data(article, note="Bổ sung ảnh hội nghị."))
    client.force_login(reporter)
    html = client.get(INDEX).content.decode()
    assert count_in(panel(html, "cho-duyet")) == 0
    assert count_in(panel(html, "tra-lai")) == 1
    assert "Bổ sung ảnh hội nghị." in panel(html, "tra-lai")


def test_editor_home_puts_the_review_queue_first_oldest_waiting_first(client, editor, reporter):
    now = timezone.now()
    ArticleFactory(created_by=reporter, title="Gửi sau", status="review", submitted_at=now)
    ArticleFactory(
        created_by=reporter,
        title="Gửi trước",
        status="review",
        submitted_at=now - dt.timedelta(hours=3),
    )
    ArticleFactory(title="Lên lịch mai", scheduled=True)
    client.force_login(editor)
    html = client.get(INDEX).content.decode()
    panels = re.findall(r'desk-panel desk-panel-([\w-]+)"', html)
    assert panels == ["cho-duyet", "len-lich", "dinh-chinh"]
    queue = panel(html, "cho-duyet")
    assert count_in(queue) == 2
    assert queue.index("Gửi trước") < queue.index("Gửi sau")
    assert "?cua=tat-ca&amp;trang-thai=cho-duyet" in queue
    assert count_in(panel(html, "len-lich")) == 1


def test_editor_home_lists_recent_corrections_linked_to_the_audit_log(client, editor):
    from articles import editing

    article = ArticleFactory(
        title="Bài có đính chính",
        published=True,
        published_at=timezone.now() - dt.timedelta(days=1),
    )
    editing.add_correction(article, editor, "Bài trước ghi nhầm cấp bậc của đồng chí Hồ Văn Tứ.")
    client.force_login(editor)
    html = client.get(INDEX).content.decode()
    corrections = panel(html, "dinh-chinh")
    assert count_in(corrections) == 1
    assert "Bài có đính chính" in corrections
    assert "action=article.corrected" in corrections


def test_records_staff_home_shows_records_first_with_counts(client, records_officer):
    from tests.clusters.factories import UnitFactory

    UnitFactory()
    client.force_login(records_officer)
    html = client.get(INDEX).content.decode()
    records = panel(html, "records")
    assert re.search(r"Đơn vị <span class=\"desk-count\">1</span>", records)
    assert "desk-panel-nhap" not in html
    assert "desk-folded" not in html
    assert html.index("app-clusters") < html.index("app-articles")


def test_import_link_shown_only_when_the_importer_page_exists(client, reporter, monkeypatch):
    from editorial import desk

    client.force_login(reporter)
    html = client.get(INDEX).content.decode()
    try:
        expected = reverse("admin:importer_import")
    except Exception:
        expected = None
    if expected:
        assert f'href="{expected}">Nhập bài</a>' in html
    else:
        assert "Nhập bài" not in html
    monkeypatch.setattr(desk, "import_url", lambda: "/admin/nhap-bai/")
    assert 'href="/admin/nhap-bai/">Nhập bài</a>' in client.get(INDEX).content.decode()


def test_reporter_home_queries_do_not_grow_with_articles(client, reporter, other_reporter):
    client.force_login(reporter)
    reporter_articles(reporter, other_reporter)
    one = count_queries(lambda: client.get(INDEX))
    for _ in range(20):
        reporter_articles(reporter, other_reporter)
    many = count_queries(lambda: client.get(INDEX))
    assert many == one


def editor_desk_rows(count, reporter, editor):
    """``count`` articles in each of the editor's panels: waiting, scheduled, corrected."""
    from articles import editing

    now = timezone.now()
    for n in range(count):
        ArticleFactory(
            created_by=reporter, status="review", submitted_at=now - dt.timedelta(minutes=n)
        )
        ArticleFactory(scheduled=True)
        corrected = ArticleFactory(published=True, published_at=now - dt.timedelta(days=1))
        editing.add_correction(corrected, editor, f"Bài trước ghi nhầm ngày, lần {n}.")


def test_editor_home_queries_are_the_same_for_1_and_100_rows(client, editor, reporter):
    client.force_login(editor)
    editor_desk_rows(1, reporter, editor)
    client.get(INDEX)  # the session and content types, once
    one = count_queries(lambda: client.get(INDEX))
    editor_desk_rows(99, reporter, editor)
    html = client.get(INDEX).content.decode()
    assert count_in(panel(html, "cho-duyet")) == 100
    assert count_in(panel(html, "len-lich")) == 100
    hundred = count_queries(lambda: client.get(INDEX))
    assert hundred == one


def test_records_staff_home_queries_are_the_same_for_1_and_100_rows(client, records_officer):
    from tests.clusters.factories import OfficialFactory, UnitFactory

    def add(count):
        for _ in range(count):
            UnitFactory()
            OfficialFactory()

    client.force_login(records_officer)
    add(1)
    client.get(INDEX)
    one = count_queries(lambda: client.get(INDEX))
    add(99)
    html = client.get(INDEX).content.decode()
    assert re.search(r"Đơn vị <span class=\"desk-count\">100</span>", panel(html, "records"))
    hundred = count_queries(lambda: client.get(INDEX))
    assert hundred == one


def test_author_signing_counts_as_own_work(client, reporter):
    author = AuthorFactory(user=reporter)
    article = ArticleFactory(title="Bài tôi ký")
    article.authorships.create(author=author)
    client.force_login(reporter)
    assert "Bài tôi ký" in panel(client.get(INDEX).content.decode(), "nhap")
    assert Article.objects.count() == 1


# --- The article list ----------------------------------------------------------------


def list_page(client, **params):
    return client.get("/admin/articles/article/", params)


def test_article_list_fetches_no_bodies_or_search_documents(client, editor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ArticleFactory(title="Bài có nội dung dài")
    client.force_login(editor)
    with CaptureQueriesContext(connection) as queries:
        response = list_page(client)
    assert "Bài có nội dung dài" in response.content.decode()
    article_selects = [
        q["sql"]
        for q in queries
        if 'FROM "articles_article"' in q["sql"] and "COUNT" not in q["sql"]
    ]
    assert article_selects
    for sql in article_selects:
        assert '"articles_article"."body"' not in sql
        assert '"articles_article"."search_all"' not in sql


def test_article_list_shows_state_chip_section_bylines_and_who_has_it_open(
    client, editor, reporter
):
    from articles.models import Authorship
    from editorial import presence

    article = ArticleFactory(title="Bài đang mở", scheduled=True)
    Authorship.objects.create(article=article, author=AuthorFactory(name="Trọng Tuấn"))
    presence.visit(article.pk, reporter)
    client.force_login(editor)
    html = list_page(client).content.decode()
    assert '<span class="state-chip state-scheduled">Đã lên lịch</span>' in html
    assert f'<span class="article-section">{article.section.name}</span>' in html
    assert '<span class="article-byline">Trọng Tuấn</span>' in html
    assert '<span class="open-by">Đang mở: ' in html


def test_a_search_does_not_repeat_itself_in_the_date_links(client, editor):
    ArticleFactory(title="Công an Thanh Hoá sơ kết", published=True)
    client.force_login(editor)
    plain = list_page(client)
    assert plain.context["cl"].date_hierarchy == "published_at"
    searched = list_page(client, q="thanh hoa")
    assert searched.context["cl"].date_hierarchy is None
    assert [a.title for a in searched.context["cl"].result_list] == ["Công an Thanh Hoá sơ kết"]
    year = timezone.localtime().year
    dated = list_page(client, q="thanh hoa", published_at__year=year - 1)
    assert dated.status_code == 200
    assert list(dated.context["cl"].result_list) == []


@pytest.mark.parametrize("params", [{}, {"q": "nghe an"}, {"trang-thai": "nhap"}])
def test_article_list_queries_are_the_same_for_1_and_100_rows(client, editor, params):
    from articles.models import Authorship
    from tests.photos.factories import PhotoFactory

    cover = PhotoFactory()
    author = AuthorFactory()
    client.force_login(editor)

    def add(n):
        for _ in range(n):
            article = ArticleFactory(cover=cover)
            Authorship.objects.create(article=article, author=author)

    add(1)
    one = count_queries(lambda: list_page(client, **params))
    add(99)
    hundred = count_queries(lambda: list_page(client, all="", **params))
    assert hundred == one
    assert one <= 12


def test_the_date_links_name_the_years_that_have_articles(client, editor):
    """The years are probed one by one in one query: a year without articles has no link."""
    zone = timezone.get_current_timezone()
    for year in (2019, 2021, 2023):
        ArticleFactory(
            title=f"Bài năm {year}",
            published=True,
            published_at=dt.datetime(year, 12, 31, 23, 30, tzinfo=zone),
        )
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(editor)
    with CaptureQueriesContext(connection) as queries:
        html = list_page(client).content.decode()
    linked = re.findall(r'href="\?published_at__year=(\d+)"', html)
    assert linked == ["2019", "2021", "2023"]
    # No query truncates every row's date (Django's own way: a scan of the archive).
    assert not [q for q in queries.captured_queries if "trunc" in q["sql"].lower()]


def test_a_date_centuries_off_still_lists_its_years(client, editor):
    """A mistyped archive date ("0226") makes too many years to probe: Django's way then."""
    zone = timezone.get_current_timezone()
    for year in (226, 2023):
        ArticleFactory(
            title=f"Bài năm {year}",
            published=True,
            published_at=dt.datetime(year, 6, 1, 8, 0, tzinfo=zone),
        )
    client.force_login(editor)
    response = list_page(client)
    assert response.status_code == 200
    linked = re.findall(r'href="\?published_at__year=(\d+)"', response.content.decode())
    assert linked == ["226", "2023"]


def test_the_list_order_index_exists(db):
    """Migration 0008 makes it outside the model state (SQLite cannot declare NULLS LAST);
    a later SQLite table rebuild would drop it silently: this notices."""
    from django.db import connection

    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "articles_article")
    assert "article_desk_order_idx" in indexes
