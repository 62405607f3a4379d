"""The cover and body photos of the article form."""

from pathlib import Path

import pytest
from django.db import connection

from articles import editing
from articles.models import Article
from photos import imaging, references
from photos.models import Photo
from tests import factories
from tests.articles.factories import ArticleFactory
from tests.articles.steps import step
from tests.editorial.article_form import change_url, form_data, open_form
from tests.photos import images
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db

FORMAT = imaging.MESSAGES["unsupported_format"]
REFUSED = [
    ("van-ban.jpg", images.text_file(), FORMAT),
    ("hinh.svg", images.svg(), FORMAT),
    ("cat-cut.jpg", images.truncated_jpeg(), imaging.MESSAGES["corrupt"]),
    (
        "bom.png",
        images.png_declaring(20_000, 20_000),
        "Ảnh quá nhiều điểm ảnh: tối đa 40 megapixel.",
    ),
]


# --- The article form ---------------------------------------------------------------


def test_cover_uploaded_with_the_article_joins_the_library(client, reporter):
    article = ArticleFactory(created_by=reporter)
    client.force_login(reporter)

    client.post(
        change_url(article),
        form_data(article, cover_upload=images.upload("bia.jpg", images.jpeg((1300, 800)))),
    )

    article.refresh_from_db()
    assert article.cover.uploaded_by == reporter
    assert article.cover.width == 1300


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("transactional_roles")
def test_a_cover_upload_is_ingested_before_the_articles_transaction(client, monkeypatch):
    writer = factories.reporter(username="phongvien")
    article = ArticleFactory(created_by=writer)
    inside_a_transaction = []
    real_prepare = imaging.prepare

    def prepare(*args, **kwargs):
        inside_a_transaction.append(connection.in_atomic_block)
        return real_prepare(*args, **kwargs)

    monkeypatch.setattr(imaging, "prepare", prepare)
    client.force_login(writer)

    response = client.post(
        change_url(article),
        form_data(article, cover_upload=images.upload("bia.jpg", images.jpeg((1300, 800)))),
    )

    assert response.status_code == 302
    assert inside_a_transaction == [False]
    article.refresh_from_db()
    assert article.cover.width == 1300


def test_an_upload_to_an_article_the_user_may_not_change_is_not_even_ingested(
    client, reporter, editor, settings, monkeypatch
):
    article = ArticleFactory(created_by=reporter)
    seen = open_form(client, reporter, article)
    step("submit", Article.objects.get(pk=article.pk), editor)
    monkeypatch.setattr(imaging, "ingest", lambda *a, **k: pytest.fail("ingested"))

    response = client.post(
        change_url(article),
        form_data(
            article,
            loaded_version=seen,
            cover_upload=images.upload("bia.jpg", images.jpeg((1300, 800))),
        ),
    )

    assert response.status_code == 403
    assert not Photo.objects.exists()
    assert not [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def test_a_stale_save_with_an_upload_is_shown_again_and_keeps_no_files(
    client, reporter, editor, settings
):
    article = ArticleFactory(created_by=reporter)
    seen = open_form(client, reporter, article)
    editing.save_article(
        Article.objects.get(pk=article.pk),
        editor,
        changes={"lead": "Sapo biên tập viên sửa."},
        expected_version=seen,
    )

    response = client.post(
        change_url(article),
        form_data(
            article,
            title="Tiêu đề phóng viên gõ",
            loaded_version=seen,
            cover_upload=images.upload("bia.jpg", images.jpeg((1300, 800))),
        ),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Chưa lưu: Nguyễn Văn An đã lưu bài này lúc" in html
    assert 'value="Tiêu đề phóng viên gõ"' in html
    assert not Photo.objects.exists()
    assert not [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def test_cover_chosen_from_the_library(client, reporter):
    photo = PhotoFactory()
    article = ArticleFactory(created_by=reporter)
    client.force_login(reporter)

    client.post(change_url(article), form_data(article, cover=photo.pk))

    article.refresh_from_db()
    assert article.cover == photo


@pytest.mark.parametrize(("name", "content", "message"), REFUSED)
def test_bad_cover_upload_keeps_the_article_and_everything_typed(
    name, content, message, client, reporter
):
    article = ArticleFactory(created_by=reporter, title="Tiêu đề cũ")
    client.force_login(reporter)
    typed = {
        "title": "Sơ kết thi đua 6 tháng đầu năm",
        "lead": "Cụm thi đua số 5 họp tại Thanh Hoá.",
        "body": "<p>Hội nghị do Công an tỉnh Thanh Hoá chủ trì.</p>",
    }

    response = client.post(
        change_url(article),
        form_data(article, cover_upload=images.upload(name, content), **typed),
    )

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["cover_upload"] == [message]
    html = response.content.decode()
    # Named where the eye goes first, not only beside the field.
    top = html.split('class="errornote"')[1].split("</fieldset>")[0]
    assert f"Ảnh đại diện tải lên “{name}” không dùng được: {message}" in top
    for value in typed.values():
        assert value in html or value.replace("<", "&lt;").replace(">", "&gt;") in html
    article.refresh_from_db()
    assert article.title == "Tiêu đề cũ"
    assert not Photo.objects.exists()


def test_staff_without_add_photo_get_no_cover_upload(client, reporter):
    from django.contrib.auth.models import Permission

    reporter.groups.set([])
    reporter.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="articles", codename__in=["change_article", "view_article"]
        )
    )
    article = ArticleFactory(created_by=reporter)
    client.force_login(reporter)

    form = client.get(change_url(article)).context["adminform"].form

    assert "body" in form.fields
    assert "cover_upload" not in form.fields


def test_editor_shows_body_photos_as_image_figures(client, reporter):
    photo = PhotoFactory(caption="Toàn cảnh Hội nghị.")
    article = ArticleFactory(
        created_by=reporter, body=f"<p>Mở.</p>{references.reference(photo.pk)}"
    )
    client.force_login(reporter)

    form = client.get(change_url(article)).context["adminform"].form

    assert form.initial["body"].startswith(
        f'<p>Mở.</p><figure class="image"><img src="/soan-thao/anh/{photo.pk}/"'
    )
    assert "<figcaption>Toàn cảnh Hội nghị.</figcaption>" in form.initial["body"]


def test_saving_from_the_editor_stores_references_and_fills_the_library(client, reporter):
    photo = PhotoFactory(caption="", alt_text="")
    article = ArticleFactory(created_by=reporter)
    src = references.editor_src(photo.pk)
    client.force_login(reporter)

    client.post(
        change_url(article),
        form_data(
            article,
            body=f'<p>Mở.</p><figure class="image"><img src="{src}" alt="Hội trường">'
            "<figcaption>Toàn cảnh Hội nghị.</figcaption></figure>",
        ),
    )

    article.refresh_from_db()
    photo.refresh_from_db()
    assert article.body == f"<p>Mở.</p>{references.reference(photo.pk)}"
    assert (photo.caption, photo.alt_text) == ("Toàn cảnh Hội nghị.", "Hội trường")
    assert Article.objects.get().cover is None


def test_the_form_fetches_the_articles_photos_once(client, editor):
    """The cover, the body's photos for CKEditor and the photos' words fieldset come
    from one query of the library."""
    from django.test.utils import CaptureQueriesContext

    cover, inside = PhotoFactory(), PhotoFactory(caption="Toàn cảnh hội nghị.")
    article = ArticleFactory(cover=cover, body=f"<p>Mở đầu.</p>{references.reference(inside.pk)}")
    client.force_login(editor)
    client.get(change_url(article))
    with CaptureQueriesContext(connection) as captured:
        page = client.get(change_url(article)).content.decode()
    photo_queries = [q for q in captured if 'FROM "photos_photo"' in q["sql"]]
    assert len(photo_queries) == 1, [q["sql"][:120] for q in photo_queries]
    assert "Toàn cảnh hội nghị." in page
