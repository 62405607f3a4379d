"""articles.editing.save_article: what a save means, whoever calls it."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from reversion.models import Version

from articles import editing, locking
from articles.models import Article, ArticlePhoto, ArticleSlug, Authorship
from articles.photos import articles_using
from articles.signals import article_changed
from photos import ingest, references
from photos.models import Photo
from tests.articles.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory
from tests.articles.steps import step
from tests.clusters.factories import UnitFactory
from tests.photos import images
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db

Status = Article.Status


@pytest.fixture
def changes(db):
    return {
        "title": "Công an Hà Tĩnh sơ kết 6 tháng đầu năm",
        "section": SectionFactory(),
        "lead": "Hội nghị đánh giá kết quả thi đua.",
        "body": "<p>Hội nghị do Đại tá Hồ Văn Tứ chủ trì.</p>",
    }


@pytest.fixture
def announced():
    """The article_changed signals sent, as (article_id, action, changed, before, after)."""
    received = []

    def receiver(sender, article_id, action, user_id, changed, before, after, **kwargs):
        received.append((article_id, action, changed, before, after))

    article_changed.connect(receiver)
    yield received
    article_changed.disconnect(receiver)


def save(article, user, **kwargs):
    if article.pk is not None:
        kwargs.setdefault("expected_version", article.version)
    return editing.save_article(article, user, **kwargs)


# --- Creating -------------------------------------------------------------------------------


def test_a_reporter_writes_a_draft_signed_only_with_the_bylines_given(reporter, changes):
    AuthorFactory(name="Trọng Tuấn", user=reporter)
    article = save(Article(), reporter, changes=changes)
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert article.created_by == reporter == article.updated_by
    assert article.slug == "cong-an-ha-tinh-so-ket-6-thang-dau-nam"
    # No silent default: the writer's own name is not added behind their back.
    assert list(article.authorships.all()) == []


def test_a_byline_without_a_role_is_stored_as_written(reporter, changes):
    first, second = AuthorFactory(name="Trọng Tuấn"), AuthorFactory(name="Xuân Bắc")
    bylines = [editing.Byline(first, ""), editing.Byline(second, "")]
    article = save(Article(), reporter, changes=changes, bylines=bylines)
    assert [(a.author, a.role) for a in article.authorships.all()] == [(first, ""), (second, "")]


def test_bylines_are_in_the_search_documents_of_the_one_row_written(editor, changes):
    bylines = [editing.Byline(AuthorFactory(name="Xuân Bắc"), Authorship.Role.PHOTO)]
    with CaptureQueriesContext(connection) as queries:
        article = save(Article(), editor, changes=changes, bylines=bylines)
    writes = [q["sql"] for q in queries if '"articles_article"' in q["sql"].split(" WHERE ")[0]]
    assert len([sql for sql in writes if sql.startswith("INSERT")]) == 1
    assert not [sql for sql in writes if sql.startswith("UPDATE")]
    assert " xuan bac " in Article.objects.get(pk=article.pk).search_all


def test_a_new_article_starts_as_a_draft(editor, changes):
    with pytest.raises(ValueError, match="draft"):
        save(Article(status=Status.PUBLISHED, published_at=timezone.now()), editor, changes=changes)
    assert not Article.objects.exists()


def test_only_staff_who_may_add_articles_write_new_ones(records_officer, changes):
    with pytest.raises(PermissionDenied):
        save(Article(), records_officer, changes=changes)


# --- Editing --------------------------------------------------------------------------------


def test_an_edit_names_the_version_its_author_saw(editor):
    article = ArticleFactory()
    with pytest.raises(ValueError, match="version"):
        editing.save_article(article, editor, changes={"title": "Mới"})


def test_of_two_saves_from_the_same_version_the_second_is_refused(editor, other_reporter):
    article = ArticleFactory(title="Bản đầu", created_by=other_reporter)
    seen = article.version
    first, second = Article.objects.get(pk=article.pk), Article.objects.get(pk=article.pk)
    editing.save_article(first, editor, changes={"title": "Bản một"}, expected_version=seen)
    with pytest.raises(locking.Conflict) as refused:
        editing.save_article(
            second, other_reporter, changes={"lead": "Sapo"}, expected_version=seen
        )
    assert "Nguyễn Văn An đã lưu bài này lúc" in refused.value.message
    assert "(sửa tiêu đề)" in refused.value.message
    stored = Article.objects.get(pk=article.pk)
    assert (stored.title, stored.lead, stored.version) == ("Bản một", article.lead, seen + 1)


def test_the_stored_state_is_never_written_from_a_stale_copy(editor):
    article = ArticleFactory()
    stale = Article.objects.get(pk=article.pk)
    step("submit", article, editor)
    # The copy still says draft; a save at the current version keeps "review".
    editing.save_article(stale, editor, changes={"title": "Sửa"}, expected_version=article.version)
    assert Article.objects.get(pk=article.pk).status == Status.REVIEW
    assert stale.status == Status.REVIEW


def test_a_reporter_edits_only_own_drafts(reporter, other_reporter):
    theirs = ArticleFactory(created_by=other_reporter)
    with pytest.raises(PermissionDenied):
        save(theirs, reporter, changes={"title": "Sửa lén"})
    mine = ArticleFactory(created_by=reporter, in_review=True)
    with pytest.raises(PermissionDenied):
        save(mine, reporter, changes={"title": "Sửa khi đang chờ duyệt"})


def test_placement_is_the_editors_decision(reporter, editor):
    article = ArticleFactory(created_by=reporter)
    with pytest.raises(PermissionDenied):
        save(article, reporter, changes={"is_featured": True})
    save(article, reporter, changes={"is_featured": False, "title": "Giữ vị trí"})
    save(article, editor, changes={"is_featured": True})
    assert Article.objects.get(pk=article.pk).is_featured


@pytest.mark.parametrize("field", ["status", "published_at", "approved_by", "version", "nothing"])
def test_the_state_fields_are_not_a_saves_to_write(field, editor):
    article = ArticleFactory()
    with pytest.raises(ValueError, match=field):
        save(article, editor, changes={field: None})


def test_an_author_signs_once(editor):
    author = AuthorFactory()
    with pytest.raises(ValidationError):
        save(ArticleFactory(), editor, bylines=[(author, "text"), (author, "photo")])


def test_bylines_are_replaced_in_order(editor):
    first, second = AuthorFactory(name="Trọng Tuấn"), AuthorFactory(name="Xuân Bắc")
    article = ArticleFactory(authors=[first])
    save(article, editor, bylines=[(second.pk, "photo"), editing.Byline(first)])
    rows = list(article.authorships.order_by("position").values_list("author__name", "role"))
    assert rows == [("Xuân Bắc", "photo"), ("Trọng Tuấn", "text")]
    assert " xuan bac " in Article.objects.get(pk=article.pk).search_all


def test_the_text_changed_time_moves_with_the_text_not_with_placement(editor, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 27, 3, 5, tzinfo=dt.UTC), tick=False)
    article = ArticleFactory()
    save(article, editor, changes={"is_featured": True})
    assert Article.objects.get(pk=article.pk).modified_at is None
    save(article, editor, links={"tags": [TagFactory()]})
    assert Article.objects.get(pk=article.pk).modified_at == timezone.now()


def test_a_changed_address_keeps_the_old_one(editor):
    article = ArticleFactory(published=True, slug="ten-cu")
    save(article, editor, changes={"slug": "ten-moi"})
    assert ArticleSlug.objects.get(slug="ten-cu").article == article


def test_a_save_changing_nothing_says_so(editor, announced, django_capture_on_commit_callbacks):
    article = ArticleFactory()
    with django_capture_on_commit_callbacks(execute=True):
        save(article, editor, changes={"title": article.title})
    [(_, action, changed, _before, _after)] = announced
    assert (action, changed) == ("article.edited", frozenset())
    [version] = Version.objects.get_for_object(article)
    assert version.revision.comment == "Lưu, không đổi gì"


# --- What the signal says -------------------------------------------------------------------


def test_the_signal_names_what_a_purge_needs_before_and_after(
    editor, announced, django_capture_on_commit_callbacks
):
    parent = SectionFactory(name="An ninh trật tự")
    child = SectionFactory(name="Phòng chống ma tuý", parent=parent)
    other = SectionFactory(name="Tin tức")
    old_tag, new_tag, unit = TagFactory(), TagFactory(), UnitFactory()
    cover, figure = PhotoFactory(), PhotoFactory()
    author = AuthorFactory()
    article = ArticleFactory(
        published=True, slug="ten-cu", section=child, tags=[old_tag], cover=cover
    )
    with django_capture_on_commit_callbacks(execute=True):
        save(
            article,
            editor,
            changes={
                "slug": "ten-moi",
                "section": other,
                "body": f"<p>Chữ.</p>{references.reference(figure.pk)}",
            },
            links={"tags": [new_tag], "units": [unit.pk]},
            bylines=[(author, "text")],
        )
    [(article_id, action, changed, before, after)] = announced
    assert (article_id, action) == (article.pk, "article.edited")
    assert changed == {"slug", "section", "body", "tags", "units", "authorships"}
    assert (before.slug, after.slug) == ("ten-cu", "ten-moi")
    assert after.old_slugs == {"ten-cu"}
    assert before.section_ids == (child.pk, parent.pk)
    assert after.section_ids == (other.pk,)
    assert (before.tag_ids, after.tag_ids) == ({old_tag.pk}, {new_tag.pk})
    assert (before.unit_ids, after.unit_ids) == (frozenset(), {unit.pk})
    assert (before.author_ids, after.author_ids) == (frozenset(), {author.pk})
    assert (before.photo_ids, after.photo_ids) == ({cover.pk}, {cover.pk, figure.pk})
    assert before.is_public and after.is_public
    assert after.version == before.version + 1


def test_the_signal_says_when_an_article_goes_public_and_comes_off(
    editor, announced, django_capture_on_commit_callbacks
):
    article = ArticleFactory()
    with django_capture_on_commit_callbacks(execute=True):
        step("publish", article, editor)
        step("unpublish", article, editor)
    published, unpublished = announced
    assert published[1] == "article.published"
    assert published[2] >= {"status", "published_at", "approved_by", "approved_at"}
    assert (published[3].is_public, published[4].is_public) == (False, True)
    assert (unpublished[3].is_public, unpublished[4].is_public) == (True, False)


def test_a_scheduled_article_is_not_public_yet_and_says_when_it_will_be(
    editor, announced, django_capture_on_commit_callbacks
):
    at = timezone.now() + dt.timedelta(hours=3)
    with django_capture_on_commit_callbacks(execute=True):
        step("schedule", ArticleFactory(), editor, at=at)
    [(_, action, _changed, _before, after)] = announced
    assert action == "article.scheduled"
    assert not after.is_public
    assert after.published_at == at


def test_a_deletion_is_announced_with_what_the_article_was(
    editor, announced, django_capture_on_commit_callbacks
):
    tag = TagFactory()
    article = ArticleFactory(published=True, tags=[tag])
    pk = article.pk
    with django_capture_on_commit_callbacks(execute=True):
        editing.delete_article(article, editor)
    [(article_id, action, _changed, before, after)] = announced
    assert (article_id, action, after) == (pk, "article.deleted", None)
    assert before.is_public and before.tag_ids == {tag.pk}
    assert not Article.objects.filter(pk=pk).exists()


def test_a_reporter_may_not_delete(reporter):
    article = ArticleFactory(created_by=reporter)
    with pytest.raises(PermissionDenied):
        editing.delete_article(article, reporter)
    assert Article.objects.filter(pk=article.pk).exists()


# --- Photos ---------------------------------------------------------------------------------


def test_the_photos_an_article_shows_are_recorded_exactly(editor, changes):
    cover, first, second = PhotoFactory(), PhotoFactory(), PhotoFactory()
    body = f"<p>Mở.</p>{references.reference(first.pk)}{references.reference(second.pk)}"
    article = save(Article(), editor, changes={**changes, "cover": cover, "body": body})
    uses = set(ArticlePhoto.objects.values_list("photo_id", "place"))
    assert uses == {(cover.pk, "cover"), (first.pk, "body"), (second.pk, "body")}

    save(article, editor, changes={"body": references.reference(second.pk), "cover": None})
    assert set(ArticlePhoto.objects.values_list("photo_id", "place")) == {(second.pk, "body")}
    assert list(articles_using(second)) == [article]
    assert not articles_using(first).exists()


def test_a_reference_to_a_photo_that_is_gone_is_not_recorded(editor):
    article = ArticleFactory()
    save(article, editor, changes={"body": references.reference(987654)})
    assert not ArticlePhoto.objects.exists()


def test_words_typed_on_a_photo_in_the_editor_go_to_the_library(reporter):
    photo = PhotoFactory(caption="", alt_text="")
    article = ArticleFactory(created_by=reporter)
    src = references.editor_src(photo.pk)
    body = (
        f'<figure class="image"><img src="{src}" alt="Hội trường">'
        "<figcaption>Toàn cảnh Hội nghị.</figcaption></figure>"
    )
    save(article, reporter, changes={"body": body})
    photo.refresh_from_db()
    assert (photo.caption, photo.alt_text) == ("Toàn cảnh Hội nghị.", "Hội trường")
    assert Article.objects.get(pk=article.pk).body == references.reference(photo.pk)


def test_a_staged_upload_becomes_the_cover(reporter):
    article = ArticleFactory(created_by=reporter)
    staged = ingest.stage(images.upload("bia.jpg", images.jpeg((1300, 800))))
    save(article, reporter, cover_upload=staged)
    article.refresh_from_db()
    assert article.cover.uploaded_by == reporter
    assert article.cover.width == 1300
    assert ArticlePhoto.objects.get().photo == article.cover
    assert article.cover.image.storage.exists(article.cover.image.name)


def test_a_staged_upload_whose_save_failed_leaves_no_files(reporter, other_reporter):
    article = ArticleFactory(created_by=other_reporter)
    staged = ingest.stage(images.upload("bia.jpg", images.jpeg((800, 600))))
    storage = Photo._meta.get_field("image").storage
    with pytest.raises(PermissionDenied):
        save(article, reporter, cover_upload=staged)
    assert storage.exists(staged.name)
    staged.discard_unless_saved()
    assert not storage.exists(staged.name)
