"""A photo a published article shows changes only by an editor's hand.

A reporter may not edit a published article, so they may not change what it shows
through the library either: not the picture (which would also undo a sensitive
photo's clearance while the article keeps showing it), nor its caption or alt text.
"""

import pytest
from django.urls import reverse

from photos import editor as photo_editor
from photos import references
from tests.articles.factories import ArticleFactory
from tests.photos import images
from tests.photos.factories import PhotoFactory
from tests.photos.test_admin import photo_data

pytestmark = pytest.mark.django_db


def change_url(photo):
    return reverse("admin:photos_photo_change", args=[photo.pk])


def editor_figure(photo, caption):
    src = references.editor_src(photo.pk)
    return (
        f'<figure class="image"><img src="{src}" alt=""><figcaption>{caption}</figcaption></figure>'
    )


@pytest.mark.parametrize("where", ["cover", "body"])
def test_reporter_cannot_replace_the_picture_of_a_published_article(client, reporter, where):
    photo = PhotoFactory()
    if where == "cover":
        ArticleFactory(published=True, cover=photo)
    else:
        ArticleFactory(published=True, body=references.reference(photo.pk))
    before = photo.image.name
    client.force_login(reporter)

    response = client.post(
        change_url(photo),
        photo_data(caption="Ảnh khác", upload=images.upload("khac.jpg", images.jpeg())),
    )

    assert response.status_code == 403
    photo.refresh_from_db()
    assert photo.image.name == before
    assert photo.caption != "Ảnh khác"


def test_reporter_cannot_undo_the_clearance_of_a_photo_shown_in_public(client, reporter, editor):
    photo = PhotoFactory(is_sensitive=True, sensitive_reason="victim")
    photo.cleared_by = editor
    photo.save()
    photo.cleared_at = photo.updated_at
    photo.save()
    ArticleFactory(scheduled=True, cover=photo)
    client.force_login(reporter)

    client.post(change_url(photo), photo_data(upload=images.upload("khac.jpg", images.jpeg())))

    photo.refresh_from_db()
    assert photo.cleared_at is not None


def test_reporter_still_edits_a_photo_only_drafts_use(client, reporter):
    photo = PhotoFactory()
    ArticleFactory(cover=photo)
    ArticleFactory(unpublished=True, body=references.reference(photo.pk))
    client.force_login(reporter)

    response = client.post(change_url(photo), photo_data(caption="Chú thích mới"))

    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.caption == "Chú thích mới"


def test_editor_edits_a_photo_of_a_published_article(client, editor):
    photo = PhotoFactory()
    ArticleFactory(published=True, cover=photo)
    client.force_login(editor)

    response = client.post(change_url(photo), photo_data(caption="Chú thích mới"))

    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.caption == "Chú thích mới"


def test_words_typed_by_a_reporter_leave_a_published_articles_photo_alone(reporter):
    shown = PhotoFactory(caption="Cũ")
    ArticleFactory(published=True, body=references.reference(shown.pk))
    unpublished = PhotoFactory(caption="Cũ")

    photo_editor.update_from_editor(
        editor_figure(shown, "Mới") + editor_figure(unpublished, "Mới"), reporter
    )

    shown.refresh_from_db()
    unpublished.refresh_from_db()
    assert shown.caption == "Cũ"
    assert unpublished.caption == "Mới"


def test_words_typed_by_an_editor_reach_a_published_articles_photo(editor):
    shown = PhotoFactory(caption="Cũ")
    ArticleFactory(published=True, cover=shown)

    photo_editor.update_from_editor(editor_figure(shown, "Mới"), editor)

    shown.refresh_from_db()
    assert shown.caption == "Mới"
