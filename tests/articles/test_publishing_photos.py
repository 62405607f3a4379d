"""The publishing gates for photos and the editor's clearance of sensitive photos."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from articles import photo_refs, publishing
from articles.models import Article, Photo
from tests.articles.factories import ArticleFactory, PhotoFactory

pytestmark = pytest.mark.django_db

NOON = dt.datetime(2026, 7, 10, 12, 0, tzinfo=dt.UTC)


def sensitive(**fields):
    return PhotoFactory(is_sensitive=True, sensitive_reason=Photo.SensitiveReason.VICTIM, **fields)


def test_cover_without_alt_text_stops_publication_and_names_the_photo(editor):
    photo = PhotoFactory(alt_text="", caption="Toàn cảnh Hội nghị.")
    article = ArticleFactory(cover=photo)

    with pytest.raises(publishing.WorkflowError) as refused:
        publishing.publish(article, editor)

    assert str(refused.value) == (
        f"Chưa đăng được: ảnh đại diện số {photo.pk} (“Toàn cảnh Hội nghị.”) "
        "chưa có mô tả cho người khiếm thị."
    )
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_body_photo_without_alt_text_stops_publication(editor):
    photo = PhotoFactory(alt_text="", caption="")
    article = ArticleFactory(body=f"<p>Chữ.</p>{photo_refs.reference(photo.pk)}")

    with pytest.raises(
        publishing.WorkflowError, match=f"ảnh trong bài số {photo.pk} chưa có mô tả"
    ):
        publishing.publish(article, editor)


def test_uncleared_sensitive_photo_stops_publication_and_says_why(editor):
    photo = sensitive()
    article = ArticleFactory(body=photo_refs.reference(photo.pk))

    with pytest.raises(publishing.WorkflowError) as refused:
        publishing.schedule(article, editor, dt.datetime(2099, 1, 1, tzinfo=dt.UTC))

    assert f"ảnh trong bài số {photo.pk}" in str(refused.value)
    assert "là ảnh nhạy cảm (có nạn nhân) chưa được biên tập viên duyệt" in str(refused.value)


def test_photos_with_alt_text_and_clearance_let_the_article_out(editor):
    photo = sensitive()
    publishing.clear_photo(photo, editor)
    article = ArticleFactory(cover=PhotoFactory(), body=photo_refs.reference(photo.pk))

    publishing.publish(article, editor)

    assert article.status == Article.Status.PUBLISHED


def test_body_of_photos_only_counts_as_content():
    article = ArticleFactory(body=photo_refs.reference(PhotoFactory().pk))
    assert publishing.missing_for_publication(article) == []


def test_clearance_records_who_and_when(editor):
    photo = sensitive()

    with time_machine.travel(NOON, tick=False):
        publishing.clear_photo(photo, editor)

    photo.refresh_from_db()
    assert (photo.cleared_by, photo.cleared_at) == (editor, NOON)
    assert not photo.needs_clearance


def test_reporter_may_not_clear_a_photo(reporter):
    photo = sensitive()
    with pytest.raises(PermissionDenied):
        publishing.clear_photo(photo, reporter)
    photo.refresh_from_db()
    assert photo.cleared_at is None


def test_photo_not_marked_sensitive_needs_no_clearance(editor):
    with pytest.raises(publishing.WorkflowError, match="không được đánh dấu nhạy cảm"):
        publishing.clear_photo(PhotoFactory(), editor)


def test_photo_is_cleared_only_once(editor):
    photo = sensitive()
    publishing.clear_photo(photo, editor)
    with pytest.raises(publishing.WorkflowError, match="đã được duyệt"):
        publishing.clear_photo(photo, editor)


def test_clearance_is_announced_after_commit(editor, django_capture_on_commit_callbacks):
    photo = sensitive()
    heard = []

    def receiver(sender, photo, action, user, **kwargs):
        heard.append((photo.pk, action, user))

    publishing.photo_transitioned.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            publishing.clear_photo(photo, editor)
        assert heard == []
        for callback in callbacks:
            callback()
    finally:
        publishing.photo_transitioned.disconnect(receiver)
    assert heard == [(photo.pk, publishing.CLEAR_PHOTO, editor)]
