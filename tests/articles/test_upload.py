import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

pytestmark = pytest.mark.django_db

URL = reverse("articles:editor_image_upload")


def image_file(name="anh.jpg", fmt="JPEG", size=(64, 48)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (139, 0, 0)).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue())


def test_reporter_uploads_a_jpeg_under_a_new_name(client, reporter, settings):
    client.force_login(reporter)
    response = client.post(URL, {"upload": image_file("Ảnh hội nghị.jpg")})
    assert response.status_code == 200
    url = response.json()["url"]
    assert url.startswith("/media/bien-tap/")
    assert url.endswith(".jpg")
    assert "hoi-nghi" not in url
    stored = settings.MEDIA_ROOT / url.removeprefix("/media/")
    assert Image.open(stored).size == (64, 48)


def test_png_and_webp_keep_their_kind(client, reporter):
    client.force_login(reporter)
    for fmt, extension in (("PNG", ".png"), ("WEBP", ".webp")):
        response = client.post(URL, {"upload": image_file("anh.jpg", fmt)})
        assert response.json()["url"].endswith(extension)


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"Day khong phai la anh", "anh.jpg"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "anh.svg"),
        (None, "cat-cut.jpg"),
    ],
)
def test_what_is_not_a_whole_image_is_refused(content, name, client, reporter):
    if content is None:
        content = image_file(size=(400, 300)).read()[:600]
    client.force_login(reporter)
    response = client.post(URL, {"upload": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Tệp không phải ảnh JPEG, PNG hoặc WebP hợp lệ."


def test_gif_is_refused(client, reporter):
    client.force_login(reporter)
    response = client.post(URL, {"upload": image_file("anh.gif", "GIF")})
    assert response.status_code == 400


def test_too_many_pixels_is_refused(client, reporter, monkeypatch):
    from articles import forms

    monkeypatch.setattr(forms, "MAX_UPLOAD_PIXELS", 1000)
    client.force_login(reporter)
    response = client.post(URL, {"upload": image_file(size=(100, 100))})
    assert response.status_code == 400
    assert "megapixel" in response.json()["error"]["message"]


def test_too_big_a_file_is_refused(client, reporter, monkeypatch):
    from articles import forms

    monkeypatch.setattr(forms, "MAX_UPLOAD_BYTES", 100)
    client.force_login(reporter)
    response = client.post(URL, {"upload": image_file()})
    assert response.status_code == 400
    assert "10 MB" in response.json()["error"]["message"]


def test_anonymous_and_records_staff_may_not_upload(client, records_officer):
    assert client.post(URL, {"upload": image_file()}).status_code == 403
    client.force_login(records_officer)
    response = client.post(URL, {"upload": image_file()})
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Bạn không có quyền tải ảnh lên."


def test_upload_needs_the_csrf_token(reporter):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reporter)
    assert client.post(URL, {"upload": image_file()}).status_code == 403


def test_upload_answers_only_post(client, reporter):
    client.force_login(reporter)
    assert client.get(URL).status_code == 405
