"""The admin's workflow buttons, forms and bulk actions: read from the workflow's table,
and acting only on the version the user saw."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from articles import editing, workflow
from articles.models import Article
from newsroom import audit
from newsroom.models import AuditEntry
from tests.articles.factories import ArticleFactory
from tests.editorial.article_form import bulk_data, change_url, step_data, workflow_url

pytestmark = pytest.mark.django_db

Status = Article.Status
CHANGELIST = "/admin/articles/article/"
State = workflow.State


@pytest.fixture
def archive():
    """A step the table did not have: the admin must offer it with nothing else changed."""
    transition = workflow.register(
        workflow.Transition(
            name="archive",
            label="Lưu trữ",
            sources=frozenset({State.LIVE, State.EXPIRED}),
            target=Status.UNPUBLISHED,
            permission="articles.publish_article",
            who=lambda user, article: workflow.is_editor(user),
            records={},
            audit_action="article.archived",
            audit_label="Đưa vào lưu trữ",
            done="Đã lưu trữ “{title}”.",
            refused="Chỉ lưu trữ được bài đã đăng.",
            bulk="Lưu trữ các bài đã chọn",
        )
    )
    yield transition
    workflow.unregister("archive")


def test_a_step_added_to_the_table_gets_its_button(client, editor, archive):
    article = ArticleFactory(published=True)
    client.force_login(editor)
    html = client.get(change_url(article)).content.decode()
    form = html.split(f'action="{workflow_url(article, "archive")}"')[1].split("</form>")[0]
    assert f'name="version" value="{article.version}"' in form
    assert ">Lưu trữ</button>" in form


def test_a_step_added_to_the_table_is_taken_and_logged_under_its_label(client, editor, archive):
    article = ArticleFactory(published=True, title="Bài cũ")
    client.force_login(editor)
    response = client.post(workflow_url(article, "archive"), step_data(article), follow=True)
    assert "Đã lưu trữ “Bài cũ”." in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == Status.UNPUBLISHED
    entry = AuditEntry.objects.get(action="article.archived")
    assert audit.describe(entry).action == "Đưa vào lưu trữ"
    assert ("article.archived", "Đưa vào lưu trữ") in audit.registered_actions()


def test_a_step_added_to_the_table_is_a_bulk_action(client, editor, archive):
    first, second = ArticleFactory(published=True), ArticleFactory(published=True)
    client.force_login(editor)
    page = client.get(CHANGELIST).content.decode()
    assert '<option value="archive_selected">Lưu trữ các bài đã chọn</option>' in page
    response = client.post(CHANGELIST, bulk_data("archive_selected", first, second), follow=True)
    assert "Lưu trữ: 2 bài." in response.content.decode()
    assert set(Article.objects.values_list("status", flat=True)) == {Status.UNPUBLISHED}


def test_a_step_out_of_the_table_is_gone_everywhere(client, editor, archive):
    article = ArticleFactory(published=True)
    workflow.unregister("archive")
    client.force_login(editor)
    assert workflow_url(article, "archive") not in client.get(change_url(article)).content.decode()
    assert "archive_selected" not in client.get(CHANGELIST).content.decode()
    assert client.post(workflow_url(article, "archive"), step_data(article)).status_code == 404


def test_bulk_actions_are_offered_by_the_steps_permission(client, reporter, editor):
    ArticleFactory(created_by=reporter)
    client.force_login(reporter)
    options = re.findall(r'<option value="(\w+)"', client.get(CHANGELIST).content.decode())
    assert "submit_selected" in options
    assert "publish_selected" not in options
    client.force_login(editor)
    options = re.findall(r'<option value="(\w+)"', client.get(CHANGELIST).content.decode())
    assert {"submit_selected", "publish_selected", "unpublish_selected"} <= set(options)


def test_the_list_rows_carry_their_version(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    html = client.get(CHANGELIST).content.decode()
    assert f'name="_phien_ban_{article.pk}" value="{article.version}"' in html


# --- Publishing what was reviewed (issue 14, item 5) ----------------------------------------


def a_reporter_saves_after_the_editor_looked(article, reporter):
    """The reporter's save lands after the editor opened the article."""
    editing.save_article(
        Article.objects.get(pk=article.pk),
        reporter,
        changes={"title": "Bản phóng viên sửa sau"},
        expected_version=article.version,
    )


def test_publish_is_refused_when_a_newer_save_exists(client, editor, reporter):
    article = ArticleFactory(created_by=reporter, title="Bản biên tập viên đã đọc")
    client.force_login(editor)
    client.get(change_url(article))
    a_reporter_saves_after_the_editor_looked(article, reporter)

    response = client.post(workflow_url(article, "publish"), step_data(article), follow=True)

    html = response.content.decode()
    assert "Chưa đăng ngay: Nguyễn Văn An đã lưu bài này lúc" in html
    assert "(sửa tiêu đề)" in html
    stored = Article.objects.get(pk=article.pk)
    assert stored.status == Status.DRAFT
    # The page now shows the newer version; publishing it is a new, informed decision.
    assert f'name="version" value="{stored.version}"' in html
    client.post(workflow_url(article, "publish"), {"version": stored.version})
    assert Article.objects.get(pk=article.pk).status == Status.PUBLISHED


def test_a_step_without_the_version_seen_is_refused(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    response = client.post(workflow_url(article, "publish"), {}, follow=True)
    assert "Thiếu số phiên bản bài bạn đã xem" in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT


def test_bulk_publish_skips_the_rows_saved_since_the_list_was_shown(client, editor, reporter):
    seen = ArticleFactory(title="Không ai sửa", in_review=True)
    changed = ArticleFactory(title="Bị sửa sau", created_by=reporter)
    client.force_login(editor)
    data = bulk_data("publish_selected", seen, changed)
    a_reporter_saves_after_the_editor_looked(changed, reporter)

    response = client.post(CHANGELIST, data, follow=True)

    html = response.content.decode()
    assert "Đăng ngay: 1 bài." in html
    assert "“Bản phóng viên sửa sau”: Chưa đăng ngay: Nguyễn Văn An đã lưu bài này" in html
    assert Article.objects.get(pk=seen.pk).status == Status.PUBLISHED
    assert Article.objects.get(pk=changed.pk).status == Status.DRAFT


def test_a_bulk_step_without_the_rows_version_is_refused(client, editor):
    article = ArticleFactory(in_review=True)
    client.force_login(editor)
    data = {"action": "publish_selected", "_selected_action": [article.pk]}
    response = client.post(CHANGELIST, data, follow=True)
    assert "không rõ phiên bản bạn đã thấy" in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == Status.REVIEW


def test_a_stale_schedule_form_keeps_the_time_typed(client, editor, reporter):
    article = ArticleFactory(created_by=reporter)
    client.force_login(editor)
    page = client.get(workflow_url(article, "schedule")).content.decode()
    assert f'name="version" value="{article.version}"' in page
    a_reporter_saves_after_the_editor_looked(article, reporter)
    day = (timezone.localtime() + dt.timedelta(days=2)).strftime("%d/%m/%Y")

    response = client.post(
        workflow_url(article, "schedule"),
        {"version": article.version, "published_at_0": day, "published_at_1": "07:30"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Chưa lên lịch đăng: Nguyễn Văn An đã lưu bài này lúc" in html
    assert f'value="{day}"' in html and 'value="07:30"' in html
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT


def test_the_schedule_button_opens_its_form_at_the_version_shown(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    html = client.get(change_url(article)).content.decode()
    assert f'href="{workflow_url(article, "schedule")}?version={article.version}"' in html
