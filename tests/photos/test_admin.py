"""The photo library in the admin."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from photos import imaging, references
from photos.models import Photo
from tests.articles.factories import ArticleFactory
from tests.clusters.factories import OfficialFactory
from tests.photos import images
from tests.photos.factories import PhotoFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

ADD = reverse("admin:photos_photo_add")
CHANGELIST = reverse("admin:photos_photo_changelist")
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
        reverse("admin:photos_photo_change", args=[photo.pk]),
        photo_data(is_sensitive="", caption="Đổi chú thích"),
    )

    photo.refresh_from_db()
    assert photo.caption == "Đổi chú thích"
    assert photo.is_sensitive


def test_photo_in_use_cannot_be_deleted(client, editor):
    photo = PhotoFactory()
    ArticleFactory(body=references.reference(photo.pk))
    client.force_login(editor)

    response = client.post(reverse("admin:photos_photo_delete", args=[photo.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert Photo.objects.filter(pk=photo.pk).exists()


def test_unused_photo_can_be_deleted(client, editor):
    photo = PhotoFactory()
    client.force_login(editor)
    client.post(reverse("admin:photos_photo_delete", args=[photo.pk]), {"post": "yes"})
    assert not Photo.objects.exists()


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


@pytest.mark.parametrize("params", [{}, {"q": "hoi nghi"}, {"dung": "chua-dung"}])
def test_library_list_queries_are_the_same_for_1_and_100_photos(client, editor, params):
    """One photo made as uploads are, then 99 copies of its row (same files, renditions)."""
    client.force_login(editor)
    cleared_photos(1, editor)
    photo = Photo.objects.get()
    client.get(CHANGELIST)  # the session and content types, once
    one = count_queries(lambda: client.get(CHANGELIST, {"all": "", **params}))
    fields = [f.attname for f in Photo._meta.concrete_fields if not f.primary_key]
    Photo.objects.bulk_create(
        Photo(**{name: getattr(photo, name) for name in fields}) for _ in range(99)
    )
    ArticleFactory(published=True, cover=photo)
    response = client.get(CHANGELIST, {"all": "", **params})
    assert response.status_code == 200
    assert response.context["cl"].result_count >= (99 if params else 100)
    hundred = count_queries(lambda: client.get(CHANGELIST, {"all": "", **params}))
    assert hundred == one


def test_photo_opened_read_only_has_no_upload_row(client, reporter):
    photo = PhotoFactory()
    ArticleFactory(published=True, cover=photo)
    client.force_login(reporter)
    page = client.get(reverse("admin:photos_photo_change", args=[photo.pk])).content.decode()
    assert photo.caption in page
    assert "field-preview" in page
    assert not re.search(r"field-upload\b(?!_)", page)  # "field-uploaded_by" stays
    assert "tệp ảnh" not in page


def test_photo_the_user_may_change_keeps_its_upload_field(client, reporter):
    photo = PhotoFactory()
    client.force_login(reporter)
    page = client.get(reverse("admin:photos_photo_change", args=[photo.pk])).content.decode()
    assert 'type="file" name="upload"' in page


def usage_filter_cases(reporter):
    """One photo per kind of use, and one abandoned upload."""
    in_body, cover, portrait, abandoned = (PhotoFactory(uploaded_by=reporter) for _ in range(4))
    ArticleFactory(body=references.reference(in_body.pk))
    ArticleFactory(cover=cover)
    OfficialFactory(portrait=portrait)
    return {in_body, cover, portrait}, abandoned


def test_library_filters_photos_that_nothing_shows(client, editor):
    used, abandoned = usage_filter_cases(editor)
    client.force_login(editor)

    unused = client.get(CHANGELIST, {"dung": "chua-dung"})
    in_use = client.get(CHANGELIST, {"dung": "dang-dung"})

    assert list(unused.context["cl"].result_list) == [abandoned]
    assert set(in_use.context["cl"].result_list) == used
    assert "Chưa dùng" in unused.content.decode()


def test_unused_filter_asks_one_query_whatever_the_photos(client, editor):
    client.force_login(editor)
    usage_filter_cases(editor)
    client.get(CHANGELIST, {"dung": "chua-dung"})  # warm up session and content types
    baseline = count_queries(lambda: client.get(CHANGELIST, {"dung": "chua-dung"}))
    for _ in range(5):
        usage_filter_cases(editor)

    assert count_queries(lambda: client.get(CHANGELIST, {"dung": "chua-dung"})) == baseline
