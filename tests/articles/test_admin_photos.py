"""The photo library in the admin, and the cover and body photos of the article form."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import imaging, photo_refs
from articles.models import Article, Photo
from tests.articles import images
from tests.articles.factories import ArticleFactory, PhotoFactory
from tests.articles.queries import count_queries
from tests.articles.test_admin import change_url, form_data

pytestmark = pytest.mark.django_db

ADD = reverse("admin:articles_photo_add")
CHANGELIST = reverse("admin:articles_photo_changelist")
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


def photo_data(**changes):
    data = {
        "caption": "Toàn cảnh Hội nghị.",
        "credit": "Xuân Bắc",
        "alt_text": "Đại biểu ngồi kín hội trường",
        "taken_on": "10/07/2020",
        "focal_x": "0.5",
        "focal_y": "0.5",
        "sensitive_reason": "",
    }
    data.update(changes)
    return data


# --- The library ------------------------------------------------------------------


def test_reporter_uploads_a_photo_to_the_library(client, reporter):
    client.force_login(reporter)

    response = client.post(
        ADD, photo_data(upload=images.upload("dien-thoai.jpg", images.phone_photo()))
    )

    assert response.status_code == 302
    photo = Photo.objects.get()
    assert photo.uploaded_by == reporter
    assert photo.caption == "Toàn cảnh Hội nghị."
    assert photo.height > photo.width  # the EXIF rotation was applied
    assert photo.renditions


@pytest.mark.parametrize(("name", "content", "message"), REFUSED)
def test_library_refuses_a_bad_file_and_keeps_what_was_typed(
    name, content, message, client, reporter
):
    client.force_login(reporter)

    response = client.post(ADD, photo_data(upload=images.upload(name, content)))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["upload"] == [message]
    assert "Toàn cảnh Hội nghị." in response.content.decode()
    assert not Photo.objects.exists()


def test_library_refuses_a_file_over_the_size_limit(client, reporter, settings):
    settings.PHOTO_MAX_BYTES = 2000
    client.force_login(reporter)

    response = client.post(ADD, photo_data(upload=images.upload("a.jpg", images.noisy_jpeg())))

    assert response.context["adminform"].form.errors["upload"][0].startswith("Ảnh quá lớn")


def test_new_library_photo_needs_a_file(client, reporter):
    client.force_login(reporter)
    response = client.post(ADD, photo_data())
    assert response.context["adminform"].form.errors["upload"] == ["Chưa chọn ảnh."]


def test_records_staff_cannot_upload_to_the_library(client, records_officer):
    client.force_login(records_officer)
    response = client.post(ADD, photo_data(upload=images.upload("a.jpg", images.jpeg())))
    assert response.status_code == 403
    assert not Photo.objects.exists()


def test_library_list_shows_thumbnails(client, reporter):
    photo = PhotoFactory()
    client.force_login(reporter)
    html = client.get(CHANGELIST).content.decode()
    assert f'<img src="{photo.thumbnail_url}" alt=""' in html


def test_library_search_ignores_diacritics(client, reporter):
    wanted = PhotoFactory(caption="Toàn cảnh Hội nghị Cụm thi đua số 5.")
    PhotoFactory(caption="Lễ ký kết giao ước thi đua.")
    client.force_login(reporter)

    response = client.get(CHANGELIST, {"q": "toan canh hoi nghi"})

    assert list(response.context["cl"].result_list) == [wanted]


def test_library_filters_photos_waiting_for_clearance(client, editor):
    waiting = PhotoFactory(is_sensitive=True, sensitive_reason="minor")
    PhotoFactory()
    client.force_login(editor)

    response = client.get(CHANGELIST, {"duyet": "cho-duyet"})

    assert list(response.context["cl"].result_list) == [waiting]


def test_editor_clears_sensitive_photos_from_the_list(client, editor):
    photo = PhotoFactory(is_sensitive=True, sensitive_reason="suspect")
    client.force_login(editor)

    client.post(CHANGELIST, {"action": "clear_selected", "_selected_action": [photo.pk]})

    photo.refresh_from_db()
    assert photo.cleared_by == editor


def test_reporter_has_no_clearance_action(client, reporter):
    PhotoFactory()
    client.force_login(reporter)
    action_form = client.get(CHANGELIST).context["action_form"]
    assert action_form is None or "clear_selected" not in dict(action_form.fields["action"].choices)


def test_reporter_cannot_take_the_sensitive_flag_off(client, reporter):
    photo = PhotoFactory(is_sensitive=True, sensitive_reason="victim")
    client.force_login(reporter)

    client.post(
        reverse("admin:articles_photo_change", args=[photo.pk]),
        photo_data(is_sensitive="", caption="Đổi chú thích"),
    )

    photo.refresh_from_db()
    assert photo.caption == "Đổi chú thích"
    assert photo.is_sensitive


def test_photo_in_use_cannot_be_deleted(client, editor):
    photo = PhotoFactory()
    ArticleFactory(body=photo_refs.reference(photo.pk))
    client.force_login(editor)

    response = client.post(reverse("admin:articles_photo_delete", args=[photo.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert Photo.objects.filter(pk=photo.pk).exists()


def test_unused_photo_can_be_deleted(client, editor):
    photo = PhotoFactory()
    client.force_login(editor)
    client.post(reverse("admin:articles_photo_delete", args=[photo.pk]), {"post": "yes"})
    assert not Photo.objects.exists()


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
        created_by=reporter, body=f"<p>Mở.</p>{photo_refs.reference(photo.pk)}"
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
    src = photo_refs.editor_src(photo.pk)
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
    assert article.body == f"<p>Mở.</p>{photo_refs.reference(photo.pk)}"
    assert (photo.caption, photo.alt_text) == ("Toàn cảnh Hội nghị.", "Hội trường")
    assert Article.objects.get().cover is None


def cleared_photos(count, editor):
    """Sensitive photos an editor has cleared: the list names who cleared each."""
    photos = [
        PhotoFactory(
            size=(160, 120),
            uploaded_by=editor,
            is_sensitive=True,
            sensitive_reason=Photo.SensitiveReason.MINOR,
        )
        for _ in range(count)
    ]
    Photo.objects.filter(pk__in=[photo.pk for photo in photos]).update(
        cleared_by=editor, cleared_at=timezone.now()
    )


def test_library_list_queries_do_not_grow_with_photos(client, editor, django_assert_num_queries):
    client.force_login(editor)
    cleared_photos(1, editor)
    client.get(CHANGELIST)  # warm up session and content types
    baseline = count_queries(lambda: client.get(CHANGELIST))
    cleared_photos(19, editor)
    with django_assert_num_queries(baseline):
        response = client.get(CHANGELIST)
    assert response.content.decode().count("Đã duyệt (") == 20


def test_photo_opened_read_only_has_no_upload_row(client, reporter):
    photo = PhotoFactory()
    ArticleFactory(published=True, cover=photo)
    client.force_login(reporter)
    page = client.get(reverse("admin:articles_photo_change", args=[photo.pk])).content.decode()
    assert photo.caption in page
    assert "field-preview" in page
    assert not re.search(r"field-upload\b(?!_)", page)  # "field-uploaded_by" stays
    assert "tệp ảnh" not in page


def test_photo_the_user_may_change_keeps_its_upload_field(client, reporter):
    photo = PhotoFactory()
    client.force_login(reporter)
    page = client.get(reverse("admin:articles_photo_change", args=[photo.pk])).content.decode()
    assert 'type="file" name="upload"' in page
