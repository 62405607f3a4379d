import calendar
import datetime as dt
from zoneinfo import ZoneInfo

import feedparser
import pytest
import time_machine
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

from articles import editing
from articles.models import Correction
from newsroom.errors import WorkflowError
from tests.articles.factories import ArticleFactory
from tests.editorial.article_form import admin_url

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
PUBLISHED = dt.datetime(2026, 11, 20, 8, 0, tzinfo=HANOI)
CORRECTED = dt.datetime(2026, 11, 27, 10, 5, tzinfo=HANOI)
NOTE = "Bài viết trước đây ghi nhầm Công an tỉnh Quảng Bình là đơn vị chủ trì hội nghị."


@pytest.fixture
def article(db):
    return ArticleFactory(status="published", published_at=PUBLISHED)


@pytest.fixture
def corrected(article, editor):
    with time_machine.travel(CORRECTED, tick=False):
        editing.add_correction(article, editor, NOTE)
    return article


def test_a_correction_shows_on_the_article_page_with_its_date(client, corrected):
    html = client.get(corrected.get_absolute_url()).content.decode()
    assert '<h2 id="dinh-chinh-tieu-de">Đính chính</h2>' in html
    assert NOTE in html
    assert "Thứ Sáu, 27/11/2026, 10:05 (GMT+7)" in html


def test_a_correction_moves_the_modified_date(corrected):
    corrected.refresh_from_db()
    assert corrected.modified_at == CORRECTED
    assert corrected.last_modified == CORRECTED


def test_without_changes_the_modified_date_is_the_publication(article):
    assert article.last_modified == PUBLISHED


def test_the_feed_reports_the_correction_as_the_update(client, corrected):
    [entry] = feedparser.parse(client.get("/rss/atom/").content).entries
    assert calendar.timegm(entry.updated_parsed) == CORRECTED.timestamp()


def test_a_correction_can_be_dated_earlier_but_not_before_publication(article, editor):
    with time_machine.travel(CORRECTED, tick=False):
        with pytest.raises(WorkflowError):
            editing.add_correction(article, editor, NOTE, PUBLISHED - dt.timedelta(hours=1))
        correction = editing.add_correction(article, editor, NOTE, PUBLISHED + dt.timedelta(days=1))
    assert correction.published_at == PUBLISHED + dt.timedelta(days=1)


def test_a_correction_cannot_be_dated_in_the_future(article, editor):
    with time_machine.travel(CORRECTED, tick=False), pytest.raises(WorkflowError):
        editing.add_correction(article, editor, NOTE, CORRECTED + dt.timedelta(minutes=1))


def test_a_draft_cannot_be_corrected(editor):
    with pytest.raises(WorkflowError):
        editing.add_correction(ArticleFactory(), editor, NOTE)


def test_an_empty_correction_is_refused(article, editor):
    with pytest.raises(WorkflowError):
        editing.add_correction(article, editor, "   ")


def test_a_reporter_cannot_correct(article, reporter):
    with pytest.raises(PermissionDenied):
        editing.add_correction(article, reporter, NOTE)


def test_an_editor_adds_a_correction_in_the_admin(client, article, editor):
    client.force_login(editor)
    response = client.post(admin_url("correction", article), {"text": NOTE})
    assert response.status_code == 302
    assert Correction.objects.get().text == NOTE


def test_the_admin_form_keeps_the_text_when_refused(client, editor):
    draft = ArticleFactory()
    client.force_login(editor)
    response = client.post(admin_url("correction", draft), {"text": NOTE})
    html = response.content.decode()
    assert "Chỉ đính chính được bài đã đăng." in html
    assert NOTE in html


def test_a_crafted_correction_post_from_a_reporter_is_refused(client, article, reporter):
    client.force_login(reporter)
    assert client.post(admin_url("correction", article), {"text": NOTE}).status_code == 403
    assert not Correction.objects.exists()


def test_the_article_page_queries_do_not_grow_with_corrections(
    client, article, editor, django_assert_num_queries
):
    from tests.queries import count_queries

    with time_machine.travel(CORRECTED, tick=False):
        editing.add_correction(article, editor, NOTE)
        cache.clear()  # every cache cold: the page's parts are loaded, corrections included
        baseline = count_queries(lambda: client.get(article.get_absolute_url()))
        for n in range(3):
            editing.add_correction(article, editor, f"{NOTE} Lần {n}.")
        cache.clear()
        with django_assert_num_queries(baseline):
            client.get(article.get_absolute_url())
