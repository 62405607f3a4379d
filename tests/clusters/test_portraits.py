"""Officials' portraits: stored clean, refused when not a picture, and under a name that
says nothing about the person.

Media files are served to anyone who asks. A portrait kept under its uploaded name
("ho-van-tu.jpg") would let someone confirm that a withheld officer is on the records
by guessing the address, although no page ever shows the picture.
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clusters.models import Official
from tests.clusters import factories as f
from tests.clusters.admin_forms import official_post
from tests.photos import images

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("disclosure", ["public", "initials", "withheld"])
def test_portrait_file_name_does_not_carry_the_uploaded_name(disclosure):
    official = f.OfficialFactory(full_name="Hồ Văn Tứ", disclosure=disclosure)
    official.photo = SimpleUploadedFile("Ho-Van-Tu ../../anh-the.JPG", images.jpeg())

    official.save()

    assert re.fullmatch(r"can-bo/\d{4}/[0-9a-f]{32}\.jpg", official.photo.name)


def test_portrait_is_stored_upright_without_camera_metadata(officer_client):
    from PIL import Image

    from tests.photos import images

    data = official_post("Bùi Quang Thanh") | {
        "photo": images.upload("bui-quang-thanh.jpg", images.phone_photo(), "image/jpeg")
    }
    response = officer_client.post(reverse("admin:clusters_official_add"), data)
    assert response.status_code == 302
    official = Official.objects.get()
    stored = official.photo.read()
    assert images.GPS_MARKER.encode() not in stored
    assert images.COMMENT_MARKER.encode() not in stored
    with Image.open(official.photo.path) as portrait:
        assert portrait.size == (300, 400)
        assert not portrait.getexif()
    assert "bui-quang-thanh" not in official.photo.name


def test_portrait_that_is_not_a_picture_is_refused_and_the_form_kept(officer_client):
    from tests.photos import images

    data = official_post("Bùi Quang Thanh") | {
        "photo": images.upload("chan-dung.jpg", images.svg(), "image/jpeg")
    }
    response = officer_client.post(reverse("admin:clusters_official_add"), data)
    assert response.status_code == 200
    assert not Official.objects.exists()
    page = response.content.decode()
    assert "JPEG, PNG" in page
    assert 'value="Bùi Quang Thanh"' in page
