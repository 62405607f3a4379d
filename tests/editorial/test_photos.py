"""The cover and body photos of the article form."""

import pytest

from articles.models import Article
from photos import imaging, references
from photos.models import Photo
from tests.articles.factories import ArticleFactory
from tests.editorial.article_form import change_url, form_data
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
