"""Dropping or pasting a picture into CKEditor: it becomes a library photo."""

import pytest
from django.test import Client
from django.urls import reverse

from photos import imaging, references
from photos.models import Photo
from tests.photos import images

pytestmark = pytest.mark.django_db

URL = reverse("photos:editor_image_upload")


def post(client, name, content):
    return client.post(URL, {"upload": images.upload(name, content)})


def test_dropped_jpeg_becomes_a_library_photo_and_answers_its_editor_address(client, reporter):
    client.force_login(reporter)

    response = post(client, "Ảnh hội nghị.jpg", images.jpeg((640, 480)))

    assert response.status_code == 200
    photo = Photo.objects.get()
    assert response.json() == {"url": references.editor_src(photo.pk)}
    assert (photo.width, photo.height, photo.uploaded_by) == (640, 480, reporter)
    assert "hoi-nghi" not in photo.image.name


def test_phone_photo_comes_out_upright_without_metadata(client, reporter):
    client.force_login(reporter)

    post(client, "dien-thoai.jpg", images.phone_photo())

    photo = Photo.objects.get()
    with photo.image.open() as stored:
        data = stored.read()
    assert images.GPS_MARKER.encode() not in data
    image = images.Image.open(photo.image.path)
    assert image.height > image.width
    assert not image.getexif()


@pytest.mark.parametrize(
    ("name", "content"),
    [("cmyk.jpg", images.cmyk_jpeg()), ("trong-suot.png", images.transparent_png())],
)
def test_cmyk_jpeg_and_transparent_png_are_accepted(name, content, client, reporter):
    client.force_login(reporter)
    assert post(client, name, content).status_code == 200
    assert Photo.objects.count() == 1


FORMAT = imaging.MESSAGES["unsupported_format"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("anh.jpg", images.text_file(), FORMAT),
        ("anh.svg", images.svg(), FORMAT),
        ("anh.gif", images.gif(), FORMAT),
        ("cat-cut.jpg", images.truncated_jpeg(), imaging.MESSAGES["corrupt"]),
        (
            "bom.png",
            images.png_declaring(20_000, 20_000),
            "Ảnh quá nhiều điểm ảnh: tối đa 40 megapixel.",
        ),
    ],
)
def test_refused_file_gets_the_vietnamese_message_and_no_photo(
    name, content, message, client, reporter
):
    client.force_login(reporter)

    response = post(client, name, content)

    assert response.status_code == 400
    assert response.json() == {"error": {"message": message}}
    assert not Photo.objects.exists()


def test_file_over_the_size_limit_is_refused(client, reporter, settings):
    settings.PHOTO_MAX_BYTES = 1000
    client.force_login(reporter)

    response = post(client, "lon.jpg", images.noisy_jpeg())

    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith("Ảnh quá lớn")
    assert not Photo.objects.exists()


def test_staff_without_the_add_photo_permission_may_not_upload(client, records_officer):
    client.force_login(records_officer)
    response = post(client, "anh.jpg", images.jpeg())
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Bạn không có quyền tải ảnh lên."


def test_anonymous_may_not_upload(client):
    assert post(client, "anh.jpg", images.jpeg()).status_code == 403
    assert not Photo.objects.exists()


def test_upload_needs_the_csrf_token(reporter):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reporter)
    assert post(client, "anh.jpg", images.jpeg()).status_code == 403


def test_upload_answers_only_post(client, reporter):
    client.force_login(reporter)
    assert client.get(URL).status_code == 405
