"""Photos made by the one ingest path: files, renditions, derived fields, replacement."""

import re

import pytest
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction

from photos import ingest
from photos.models import Photo
from tests.photos import images
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db


# --- The model ---------------------------------------------------------------------


def test_create_stores_original_and_renditions_under_generated_names(reporter):
    photo = ingest.create(images.upload("Hội nghị Cụm 5.jpg", images.jpeg((1700, 1000))), reporter)

    assert re.fullmatch(r"photos/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", photo.image.name)
    assert (photo.width, photo.height, photo.uploaded_by) == (1700, 1000, reporter)
    kinds = {(entry["kind"], entry["format"]) for entry in photo.renditions}
    for width in (480, 800, 1200, 1600):
        assert {(f"w{width}", "webp"), (f"w{width}", "jpeg")} <= kinds
    assert ("social", "jpeg") in kinds
    for name in [photo.image.name, *(entry["name"] for entry in photo.renditions)]:
        assert default_storage.exists(name)
        assert "hoi-nghi" not in name.lower()


def test_srcset_lists_each_width_of_one_format():
    photo = PhotoFactory(size=(1000, 500))

    srcset = photo.srcset("webp")

    assert re.fullmatch(
        r"/media/\S+-w480\.webp 480w, /media/\S+-w800\.webp 800w, /media/\S+-w1000\.webp 1000w",
        srcset,
    )


def test_social_image_describes_the_1200_by_630_jpeg():
    photo = PhotoFactory()

    social = photo.social_image

    assert social.url.startswith("/media/photos/") and social.url.endswith("-social.jpg")
    assert (social.width, social.height, social.mime_type) == (1200, 630, "image/jpeg")
    assert social.length == default_storage.size(social.url.removeprefix("/media/"))


def test_photo_without_renditions_has_no_social_image():
    assert Photo(image="photos/x.jpg").social_image is None


def test_search_text_folds_caption_credit_and_alt():
    photo = PhotoFactory(caption="Toàn cảnh Hội nghị", credit="Xuân Bắc", alt_text="Hội trường")
    assert photo.search_text == " toan canh hoi nghi xuan bac hoi truong "


def test_sensitive_photo_must_say_why():
    photo = PhotoFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Photo.objects.filter(pk=photo.pk).update(is_sensitive=True)


def test_sensitive_photo_with_reason_is_stored():
    photo = PhotoFactory(is_sensitive=True, sensitive_reason=Photo.SensitiveReason.MINOR)
    assert Photo.objects.needing_clearance().get() == photo


def test_focal_point_outside_the_picture_is_refused_by_the_database():
    photo = PhotoFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Photo.objects.filter(pk=photo.pk).update(focal_x=1.5)


def test_replacing_the_picture_removes_old_files_and_the_clearance(
    editor, django_capture_on_commit_callbacks
):
    photo = PhotoFactory(is_sensitive=True, sensitive_reason="victim")
    photo.cleared_by = editor
    old_names = [photo.image.name, *(entry["name"] for entry in photo.renditions)]

    with django_capture_on_commit_callbacks(execute=True):
        ingest.attach_upload(photo, images.upload("moi.png", images.png((600, 400))))
        ingest.save(photo)

    assert photo.image.name.endswith(".png")
    assert photo.cleared_by is None
    assert not any(default_storage.exists(name) for name in old_names)


def test_moving_the_focal_point_remakes_the_social_image(django_capture_on_commit_callbacks):
    photo = PhotoFactory()
    before = photo.social_image.url
    photo.focal_x = 0.1

    with django_capture_on_commit_callbacks(execute=True):
        ingest.rerender(photo)
        ingest.save(photo)

    assert photo.social_image.url != before
    assert default_storage.exists(photo.social_image.url.removeprefix("/media/"))
    assert not default_storage.exists(before.removeprefix("/media/"))
