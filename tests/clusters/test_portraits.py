"""Officials' portraits are library photos: one way in, never shown unless named in full.

Media files are served to anyone who asks. A portrait kept under its uploaded name
("ho-van-tu.jpg") would let someone confirm that a withheld officer is on the records
by guessing the address, although no page ever shows the picture.
"""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from clusters.models import Official
from photos import usage
from photos.models import Photo
from tests.clusters import factories as f
from tests.clusters.admin_forms import official_post
from tests.photos import images
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db

ADD = reverse("admin:clusters_official_add")


def test_an_uploaded_portrait_becomes_a_clean_library_photo(officer_client):
    data = official_post("Bùi Quang Thanh") | {
        "portrait_upload": images.upload("bui-quang-thanh.jpg", images.phone_photo(), "image/jpeg")
    }
    response = officer_client.post(ADD, data)
    assert response.status_code == 302
    official = Official.objects.select_related("portrait").get()
    photo = official.portrait
    assert photo.renditions, "the library's renditions are made"
    assert (photo.caption, photo.alt_text) == ("Bùi Quang Thanh", "Ảnh chân dung Bùi Quang Thanh")
    stored = photo.image.read()
    assert images.GPS_MARKER.encode() not in stored
    assert images.COMMENT_MARKER.encode() not in stored
    assert "bui-quang-thanh" not in photo.image.name
    assert re.fullmatch(r"[\w/-]+/[0-9a-f]{32}\.jpg", photo.image.name), photo.image.name


@pytest.mark.parametrize("disclosure", ["initials", "withheld"])
def test_the_library_never_names_a_hidden_official(officer_client, disclosure):
    data = official_post("Hồ Văn Tứ", disclosure=disclosure) | {
        "portrait_upload": images.upload("ho-van-tu.jpg", images.jpeg(), "image/jpeg")
    }
    assert officer_client.post(ADD, data).status_code == 302
    photo = Official.objects.get().portrait
    assert "Tứ" not in f"{photo.caption} {photo.alt_text} {photo.search_text} {photo.image.name}"


def test_a_portrait_that_is_not_a_picture_is_refused_and_the_form_kept(officer_client):
    data = official_post("Bùi Quang Thanh") | {
        "portrait_upload": images.upload("chan-dung.jpg", images.svg(), "image/jpeg")
    }
    response = officer_client.post(ADD, data)
    assert response.status_code == 200
    assert not Official.objects.exists()
    assert not Photo.objects.exists()
    page = response.content.decode()
    assert "JPEG, PNG" in page
    assert 'value="Bùi Quang Thanh"' in page


def test_a_portrait_is_chosen_from_the_library(officer_client):
    photo = PhotoFactory()
    response = officer_client.post(ADD, official_post("Hồ Văn Tứ", portrait=photo.pk))
    assert response.status_code == 302
    official = Official.objects.get()
    assert official.portrait == photo
    change = officer_client.get(reverse("admin:clusters_official_change", args=[official.pk]))
    assert change.status_code == 200
    # Records staff can search the library for a portrait (the autocomplete).
    found = officer_client.get(
        "/admin/autocomplete/",
        {"app_label": "clusters", "model_name": "official", "field_name": "portrait"},
    )
    assert found.status_code == 200
    assert str(photo.pk) in found.content.decode()


@pytest.mark.parametrize(("disclosure", "shown"), [("public", True), ("initials", False)])
def test_the_public_page_shows_the_portrait_only_when_named_in_full(client, disclosure, shown):
    photo = PhotoFactory()
    official = f.OfficialFactory(full_name="Hồ Văn Tứ", portrait=photo, disclosure=disclosure)
    main = client.get(official.get_absolute_url()).content.decode().split("<main", 1)[1]
    assert (photo.srcset() in main) is shown
    assert ("<img" in main) is shown


def test_the_library_knows_the_officials_a_photo_is_the_portrait_of(admin_client):
    photo = PhotoFactory()
    public = f.OfficialFactory(full_name="Hồ Văn Tứ", portrait=photo)
    f.OfficialFactory(full_name="Người Không Tên", portrait=photo, disclosure="withheld")
    assert usage.is_used(photo)
    assert usage.pages(photo).paths == {public.get_absolute_url()}
    page = admin_client.get(reverse("admin:photos_photo_change", args=[photo.pk]))
    assert "Hồ Văn Tứ" in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_stored_portraits_into_the_library():
    executor = MigrationExecutor(connection)
    before = [("clusters", "0003_roles")]
    after = [("clusters", "0004_portraits_in_the_library")]
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps
        OldOfficial = old.get_model("clusters", "Official")
        name = default_storage.save("can-bo/2020/chan-dung.jpg", ContentFile(images.phone_photo()))
        kept = OldOfficial.objects.create(
            full_name="Hồ Văn Tứ", given_name="Tứ", slug="ho-van-tu", photo=name
        )
        hidden = OldOfficial.objects.create(
            full_name="Người Kín", slug="can-bo", photo=name, disclosure="withheld"
        )
        lost = OldOfficial.objects.create(full_name="Ai Đó", slug="ai-do", photo="can-bo/khong.jpg")
        executor = MigrationExecutor(connection)
        executor.migrate(after)
    finally:
        MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())
    photo = Official.objects.get(pk=kept.pk).portrait
    assert photo.renditions and photo.caption == "Hồ Văn Tứ"
    assert images.GPS_MARKER.encode() not in photo.image.read()
    assert Official.objects.get(pk=hidden.pk).portrait.caption == ""
    assert Official.objects.get(pk=lost.pk).portrait is None
