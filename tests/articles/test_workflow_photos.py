"""The publishing gates for photos: alt text and clearance before an article goes out."""

import datetime as dt

import pytest

from articles import workflow
from articles.models import Article
from newsroom.errors import WorkflowError
from photos import clearance, references
from photos.models import Photo
from tests.articles.factories import ArticleFactory
from tests.articles.steps import step
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db


def sensitive(**fields):
    return PhotoFactory(is_sensitive=True, sensitive_reason=Photo.SensitiveReason.VICTIM, **fields)


def test_cover_without_alt_text_stops_publication_and_names_the_photo(editor):
    photo = PhotoFactory(alt_text="", caption="Toàn cảnh Hội nghị.")
    article = ArticleFactory(cover=photo)

    with pytest.raises(WorkflowError) as refused:
        step("publish", article, editor)

    assert str(refused.value) == (
        "Chưa đăng được: ảnh đại diện “Toàn cảnh Hội nghị.” chưa có mô tả cho người khiếm thị."
    )
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_body_photo_without_alt_text_stops_publication(editor):
    photo = PhotoFactory(alt_text="", caption="")
    article = ArticleFactory(body=f"<p>Chữ.</p>{references.reference(photo.pk)}")

    with pytest.raises(WorkflowError, match="ảnh thứ 1 trong bài chưa có mô tả"):
        step("publish", article, editor)


def test_uncleared_sensitive_photo_stops_publication_and_says_why(editor):
    photo = sensitive()
    article = ArticleFactory(body=references.reference(photo.pk))

    with pytest.raises(WorkflowError) as refused:
        step("schedule", article, editor, at=dt.datetime(2099, 1, 1, tzinfo=dt.UTC))

    assert f"ảnh thứ 1 trong bài “{photo.caption}”" in str(refused.value)
    assert "là ảnh nhạy cảm (có nạn nhân) chưa được biên tập viên duyệt" in str(refused.value)


def test_photo_without_credit_stops_publication_and_names_the_photo(editor):
    first = PhotoFactory(caption="Toàn cảnh Hội nghị.")
    second = PhotoFactory(credit="", alt_text="", caption="Đại tá Hồ Văn Tứ phát biểu.")
    body = f"<p>Chữ.</p>{references.reference(first.pk)}{references.reference(second.pk)}"
    article = ArticleFactory(body=body)

    with pytest.raises(WorkflowError) as refused:
        step("publish", article, editor)

    assert str(refused.value) == (
        "Chưa đăng được: ảnh thứ 2 trong bài “Đại tá Hồ Văn Tứ phát biểu.” chưa có "
        "mô tả cho người khiếm thị và tác giả ảnh."
    )


def test_photos_with_alt_text_and_clearance_let_the_article_out(editor):
    photo = sensitive()
    clearance.clear_photo(photo, editor)
    article = ArticleFactory(cover=PhotoFactory(), body=references.reference(photo.pk))

    step("publish", article, editor)

    assert article.status == Article.Status.PUBLISHED


def test_body_of_photos_only_counts_as_content():
    article = ArticleFactory(body=references.reference(PhotoFactory().pk))
    assert workflow.missing_for_publication(article) == []
