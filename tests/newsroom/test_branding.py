"""The publisher's logo and hotline, edited in the admin's publisher settings."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from newsroom.models import Publisher
from tests.newsroom.publisher_form import FIELDS

pytestmark = pytest.mark.django_db


def png(size=(1024, 1024), mode="RGBA", **info):
    picture = Image.new(mode, size, (180, 0, 0, 255) if mode == "RGBA" else (180, 0, 0))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", **info)
    return SimpleUploadedFile("huy-hieu.png", buffer.getvalue(), content_type="image/png")


def save(client, upload=None, publisher=None, **changes):
    data = {**FIELDS, **changes}
    if upload is not None:
        data["logo"] = upload
    if publisher is None:
        url = reverse("admin:newsroom_publisher_add")
    else:
        url = reverse("admin:newsroom_publisher_change", args=[publisher.pk])
    return client.post(url, data)


def test_logo_uploaded_in_the_settings_is_stored_as_a_small_clean_png(admin_client):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Nguyễn Văn A, 0912 345 678")
    response = save(admin_client, png(pnginfo=info))
    assert response.status_code == 302, response.content.decode()
    publisher = Publisher.objects.get()
    assert publisher.logo.name.startswith("nhan-dien/")
    assert publisher.logo.name.endswith(".png")
    assert "huy-hieu" not in publisher.logo.name
    assert (publisher.logo_width, publisher.logo_height) == (512, 512)
    with Image.open(publisher.logo.open()) as stored:
        assert stored.format == "PNG"
        assert stored.size == (512, 512)
        assert "Author" not in stored.info


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile(
                "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "image/svg+xml"
            ),
            "",
        ),
        (png(size=(16, 16)), "quá nhỏ"),
    ],
    ids=["svg", "tiny"],
)
def test_a_refused_logo_is_named_and_the_typed_details_kept(admin_client, upload, message):
    response = save(admin_client, upload)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="errorlist' in html
    assert message in html
    assert "0239 3855 113" in html
    assert not Publisher.objects.exists()


def test_a_gif_is_refused_in_vietnamese(admin_client):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64)).save(buffer, "GIF")
    upload = SimpleUploadedFile("logo.gif", buffer.getvalue(), content_type="image/gif")
    response = save(admin_client, upload)
    assert "Biểu trưng phải là ảnh PNG, JPEG hoặc WebP." in response.content.decode()


def test_saving_again_without_a_new_upload_keeps_the_logo(admin_client):
    save(admin_client, png())
    publisher = Publisher.objects.get()
    name = publisher.logo.name
    save(admin_client, publisher=publisher, site_name="Tên mới")
    publisher.refresh_from_db()
    assert publisher.site_name == "Tên mới"
    assert publisher.logo.name == name
