import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from reversion.models import Version

from articles import editing, revisions, workflow
from articles.models import Article, Authorship
from editorial import revisions as history
from newsroom.errors import WorkflowError
from tests.articles.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory
from tests.articles.steps import step
from tests.clusters.factories import UnitFactory
from tests.editorial.article_form import admin_url, change_url, form_data
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db

Status = Article.Status


def versions_of(article):
    return list(Version.objects.get_for_object(article).order_by("pk"))


def bylines(article):
    return [(a.author.name, a.role) for a in article.authorships.order_by("position", "pk")]


# --- A revision for every kind of change -----------------------------------------------


def test_adding_an_article_in_the_admin_makes_its_first_revision(client, reporter):
    client.force_login(reporter)
    section = SectionFactory()
    author = AuthorFactory(name="Trọng Tuấn")
    data = form_data(
        ArticleFactory.build(section=section, slug=""),
        bylines=[(author, "text")],
        loaded_version="",
    )
    response = client.post("/admin/articles/article/add/", data)
    assert response.status_code == 302
    article = Article.objects.get()
    [version] = versions_of(article)
    assert version.revision.user == reporter
    assert version.revision.comment == "Tạo bài"
    assert history.snapshot(version)["authorships"][1] == "Trọng Tuấn (bài)"


def test_editing_in_the_admin_makes_a_revision_naming_the_changed_fields(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    client.post(change_url(article), form_data(article, title="Tiêu đề mới hẳn"))
    [version] = versions_of(article)
    assert version.revision.user == editor
    assert version.revision.comment == "Sửa: Tiêu đề"
    assert version.field_dict["title"] == "Tiêu đề mới hẳn"


def test_a_revision_holds_links_made_in_the_same_save(client, editor):
    article = ArticleFactory()
    tag, unit = TagFactory(name="Sơ kết 6 tháng"), UnitFactory(name="Công an tỉnh Nghệ An")
    client.force_login(editor)
    client.post(change_url(article), form_data(article, tags=[tag.pk], units=[unit.pk]))
    [version] = versions_of(article)
    assert version.field_dict["tags"] == [tag.pk]
    assert version.field_dict["units"] == [unit.pk]


STEPS = {
    "submit": (lambda a, u: step("submit", a, u), {}),
    "return": (
        lambda a, u: step("return", a, u, note="Bổ sung số liệu."),
        {"in_review": True},
    ),
    "publish": (lambda a, u: step("publish", a, u), {}),
    "schedule": (
        lambda a, u: step("schedule", a, u, at=timezone.now() + dt.timedelta(days=1)),
        {},
    ),
    "unpublish": (lambda a, u: step("unpublish", a, u), {"published": True}),
}


@pytest.mark.parametrize("name", list(STEPS))
def test_every_workflow_step_makes_a_revision_with_its_user_and_label(name, editor):
    run, state = STEPS[name]
    article = ArticleFactory(**state)
    run(article, editor)
    [version] = versions_of(article)
    assert version.revision.user == editor
    assert version.revision.comment == workflow.TRANSITIONS[name].label
    assert version.field_dict["status"] == Article.objects.get(pk=article.pk).status


def test_a_revision_keeps_bylines_tags_records_and_cover(editor):
    photo = PhotoFactory()
    article = ArticleFactory(
        cover=photo,
        tags=[TagFactory(name="Giao ước thi đua")],
        authors=[AuthorFactory(name="Trọng Tuấn"), AuthorFactory(name="Xuân Bắc")],
    )
    article.units.add(UnitFactory(name="Công an tỉnh Hà Tĩnh"))
    revisions.record(article, editor, "Thử")
    shown = history.snapshot(versions_of(article)[0])
    assert shown["authorships"][1] == "Trọng Tuấn (bài) – Xuân Bắc (bài)"
    assert shown["tags"][1] == "Giao ước thi đua"
    assert shown["units"][1] == "Công an tỉnh Hà Tĩnh"
    assert shown["cover"][1] == str(photo)


# --- Compare ----------------------------------------------------------------------------


def two_versions(editor, before, after):
    article = ArticleFactory(**before)
    revisions.record(article, editor, "Trước")
    for field, value in after.items():
        setattr(article, field, value)
    article.save()
    revisions.record(article, editor, "Sau")
    return article, *versions_of(article)


def test_compare_names_only_the_changed_fields(editor):
    _, old, new = two_versions(editor, {"title": "Hội nghị sơ kết"}, {"title": "Hội nghị tổng kết"})
    assert [change.name for change in history.compare(old, new)] == ["title"]
    assert [change.label for change in history.compare(old, new)] == ["Tiêu đề"]


def test_compare_marks_words_removed_and_added(editor):
    _, old, new = two_versions(
        editor, {"title": "Hội nghị sơ kết 6 tháng"}, {"title": "Hội nghị tổng kết 6 tháng"}
    )
    [change] = history.compare(old, new)
    assert change.before == "Hội nghị <del>sơ</del> kết 6 tháng"
    assert change.after == "Hội nghị <ins>tổng</ins> kết 6 tháng"


def test_compare_diffs_the_body_as_text_one_paragraph_per_line(editor):
    _, old, new = two_versions(
        editor,
        {"body": "<p>Đoạn một.</p><p>Đoạn <strong>hai</strong> cũ.</p>"},
        {"body": "<p>Đoạn một.</p><p>Đoạn <strong>hai</strong> mới.</p>"},
    )
    [change] = history.compare(old, new)
    assert change.before == "Đoạn một.\nĐoạn hai <del>cũ.</del>"
    assert change.after == "Đoạn một.\nĐoạn hai <ins>mới.</ins>"


def test_compare_escapes_what_was_typed(editor):
    _, old, new = two_versions(
        editor, {"title": "Tin A"}, {"title": "Tin <script>alert(1)</script> B"}
    )
    [change] = history.compare(old, new)
    assert "<script>" not in change.after
    assert "&lt;script&gt;" in change.after


def test_compare_page_shows_both_versions_side_by_side(client, editor):
    article, old, new = two_versions(
        editor, {"lead": "Sapo cũ về hội nghị."}, {"lead": "Sapo mới về hội nghị."}
    )
    client.force_login(editor)
    response = client.get(admin_url("compare", article), {"tu": old.pk, "den": new.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Đã thay đổi: <strong>Sapo</strong>" in html
    assert "<del>cũ</del>" in html
    assert "<ins>mới</ins>" in html


def test_history_page_lists_versions_with_their_author(client, editor):
    article, *_ = two_versions(editor, {"title": "Một"}, {"title": "Hai"})
    client.force_login(editor)
    html = client.get(admin_url("revisions", article)).content.decode()
    assert "#1" in html
    assert "#2" in html
    assert "Khôi phục phiên bản #1" in html


# --- Restore ----------------------------------------------------------------------------


def test_restore_brings_back_text_bylines_links_and_cover_together(client, editor):
    first, second = AuthorFactory(name="Trọng Tuấn"), AuthorFactory(name="Xuân Bắc")
    old_tag, new_tag = TagFactory(name="Sơ kết"), TagFactory(name="Tổng kết")
    unit, photo = UnitFactory(name="Công an tỉnh Quảng Bình"), PhotoFactory()
    article = ArticleFactory(title="Bản đầu", cover=photo, tags=[old_tag], authors=[first, second])
    article.units.add(unit)
    revisions.record(article, editor, "Bản đầu")
    Authorship.objects.filter(article=article, author=first).delete()
    article.tags.set([new_tag])
    article.units.clear()
    article.title, article.cover = "Bản sau", None
    article.save()
    revisions.record(article, editor, "Bản sau")
    original = versions_of(article)[0]

    client.force_login(editor)
    response = client.post(admin_url("restore", article, original.pk))

    assert response.status_code == 302
    article = Article.objects.get(pk=article.pk)
    assert article.title == "Bản đầu"
    assert bylines(article) == [("Trọng Tuấn", "text"), ("Xuân Bắc", "text")]
    assert list(article.tags.all()) == [old_tag]
    assert list(article.units.all()) == [unit]
    assert article.cover == photo


def test_restore_is_a_new_revision_and_keeps_all_history(editor):
    article, old, new = two_versions(editor, {"title": "Một"}, {"title": "Hai"})
    editing.restore_revision(article, old, editor)
    versions = versions_of(article)
    assert [v.pk for v in versions[:2]] == [old.pk, new.pk]
    assert len(versions) == 3
    assert versions[2].field_dict["title"] == "Một"
    assert versions[2].revision.comment.startswith("Khôi phục phiên bản lưu lúc")
    assert versions[2].revision.user == editor


def test_restore_keeps_the_publication_state(editor):
    article, old, _ = two_versions(editor, {"title": "Bản nháp đầu"}, {"title": "Bản đã sửa"})
    step("publish", article, editor)
    published_at, version = article.published_at, article.version
    editing.restore_revision(article, old, editor)
    article.refresh_from_db()
    assert article.title == "Bản nháp đầu"
    assert article.status == Status.PUBLISHED
    assert article.published_at == published_at
    assert article.approved_by == editor
    assert article.version == version + 1
    assert article.updated_by == editor


def test_restore_keeps_the_address(editor):
    article, old, _ = two_versions(editor, {"title": "Một"}, {"title": "Hai"})
    Article.objects.filter(pk=article.pk).update(slug="dia-chi-moi")
    editing.restore_revision(article, old, editor)
    article.refresh_from_db()
    assert article.slug == "dia-chi-moi"


def test_restore_reports_what_was_deleted_since(editor):
    gone = TagFactory(name="Thẻ sẽ xoá")
    kept = TagFactory(name="Thẻ còn")
    article, old, _ = two_versions(editor, {"tags": [gone, kept]}, {"title": "Sửa"})
    article.tags.clear()
    gone.delete()
    lost = editing.restore_revision(article, old, editor)
    assert lost == ["thẻ"]
    assert list(article.tags.all()) == [kept]


def test_restore_function_refuses_a_reporter(reporter, editor):
    article, old, _ = two_versions(
        editor, {"title": "Một", "created_by": reporter}, {"title": "Hai"}
    )
    with pytest.raises(PermissionDenied):
        editing.restore_revision(article, old, reporter)


def test_a_crafted_restore_post_from_the_owning_reporter_is_refused(client, reporter, editor):
    article, old, _ = two_versions(
        editor, {"title": "Một", "created_by": reporter}, {"title": "Hai"}
    )
    client.force_login(reporter)
    response = client.post(admin_url("restore", article, old.pk))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title == "Hai"
    assert len(versions_of(article)) == 2


def test_restore_refuses_a_version_of_another_article(editor):
    _, old, _ = two_versions(editor, {"title": "Một"}, {"title": "Hai"})
    other, _, _ = two_versions(editor, {"title": "Khác"}, {"title": "Khác nữa"})
    with pytest.raises(WorkflowError):
        editing.restore_revision(other, old, editor)


def test_restore_is_post_only(client, editor):
    article, old, _ = two_versions(editor, {"title": "Một"}, {"title": "Hai"})
    client.force_login(editor)
    assert client.get(admin_url("restore", article, old.pk)).status_code == 405


# --- Who reads the history ----------------------------------------------------------------


def test_reporter_reads_the_history_of_own_article_without_restore(client, reporter, editor):
    article, *_ = two_versions(editor, {"title": "Một", "created_by": reporter}, {"title": "Hai"})
    client.force_login(reporter)
    response = client.get(admin_url("revisions", article))
    assert response.status_code == 200
    assert "Khôi phục" not in response.content.decode().replace("Khôi phục một phiên bản", "")


def test_reporter_cannot_read_the_history_of_another_reporters_article(
    client, reporter, other_reporter, editor
):
    article, *_ = two_versions(
        editor, {"title": "Một", "created_by": other_reporter, "published": True}, {"title": "Hai"}
    )
    client.force_login(reporter)
    assert client.get(admin_url("revisions", article)).status_code == 403


def test_editor_reads_every_history(client, reporter, editor):
    article, *_ = two_versions(editor, {"title": "Một", "created_by": reporter}, {"title": "Hai"})
    client.force_login(editor)
    assert client.get(admin_url("revisions", article)).status_code == 200
