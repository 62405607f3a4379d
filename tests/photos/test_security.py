"""A photo changes only by the hand of someone who may edit every article showing it.

A reporter may edit only their own drafts, so they may not change what another
reporter's draft, an article in review or a published article shows, through the
library or through their own draft's editor: not the picture (which would also undo
a sensitive photo's clearance while the article keeps showing it), nor its caption or
alt text. Every change of a photo is noted in the history of the articles showing it.
"""

import datetime as dt

import pytest
from django.urls import reverse

from newsroom import audit
from newsroom.models import AuditEntry
from photos import editor as photo_editor
from photos import references, usage
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


def test_reporter_still_edits_a_photo_only_their_own_drafts_use(client, reporter):
    photo = PhotoFactory()
    ArticleFactory(cover=photo, created_by=reporter)
    ArticleFactory(body=references.reference(photo.pk), created_by=reporter)
    client.force_login(reporter)

    response = client.post(change_url(photo), photo_data(caption="Chú thích mới"))

    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.caption == "Chú thích mới"


def test_reporter_edits_a_photo_no_article_shows(client, reporter):
    photo = PhotoFactory()
    client.force_login(reporter)
    response = client.post(change_url(photo), photo_data(caption="Chú thích mới"))
    assert response.status_code == 302


@pytest.mark.parametrize(
    "state",
    [
        {},  # another reporter's draft
        {"in_review": True},
        {"unpublished": True},
        {"published": True},
    ],
    ids=["others-draft", "review", "unpublished", "published"],
)
def test_reporter_cannot_change_a_photo_an_article_not_theirs_to_edit_shows(
    client, reporter, other_reporter, state
):
    photo = PhotoFactory(caption="Cũ")
    ArticleFactory(cover=photo, created_by=other_reporter, **state)
    client.force_login(reporter)

    response = client.post(
        change_url(photo),
        photo_data(caption="Mới", upload=images.upload("khac.jpg", images.jpeg())),
    )

    assert response.status_code == 403
    photo.refresh_from_db()
    assert photo.caption == "Cũ"
    assert not usage.can_change(reporter, photo)


def test_reporter_cannot_change_a_photo_their_own_article_in_review_shows(client, reporter):
    photo = PhotoFactory(caption="Cũ")
    ArticleFactory(cover=photo, created_by=reporter, in_review=True)
    client.force_login(reporter)
    response = client.post(change_url(photo), photo_data(caption="Mới"))
    assert response.status_code == 403


def test_words_typed_in_a_reporters_draft_leave_another_reporters_photo_alone(
    reporter, other_reporter
):
    theirs = PhotoFactory(caption="Cũ", alt_text="Cũ")
    ArticleFactory(created_by=other_reporter, body=references.reference(theirs.pk))
    mine = PhotoFactory(caption="Cũ")
    ArticleFactory(created_by=reporter, body=references.reference(mine.pk))

    photo_editor.update_from_editor(
        editor_figure(theirs, "Mới") + editor_figure(mine, "Mới"), reporter
    )

    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert (theirs.caption, theirs.alt_text) == ("Cũ", "Cũ")
    assert mine.caption == "Mới"


# --- The articles' histories ------------------------------------------------------------


def as_in_the_form(caption="Cũ"):
    """A photo whose fields are what ``photo_data`` posts, but for the caption."""
    return PhotoFactory(
        caption=caption, alt_text="Đại biểu ngồi kín hội trường", taken_on=dt.date(2020, 7, 10)
    )


def test_a_library_edit_is_noted_in_the_history_of_each_article_showing_the_photo(client, editor):
    photo = as_in_the_form()
    cover_of = ArticleFactory(published=True, cover=photo)
    body_of = ArticleFactory(body=references.reference(photo.pk))
    ArticleFactory()  # shows no photo
    client.force_login(editor)

    client.post(
        change_url(photo),
        photo_data(caption="Mới", upload=images.upload("khac.jpg", images.jpeg())),
    )

    entries = AuditEntry.objects.filter(action=usage.CHANGED).order_by("object_id")
    assert [entry.object_id for entry in entries] == sorted([cover_of.pk, body_of.pk])
    for entry in entries:
        assert entry.actor == editor
        assert entry.details == {"photo": photo.pk, "photo_fields": ["caption", "image"]}
        assert audit.describe(entry).details == (
            ("ảnh", f"số {photo.pk}"),
            ("phần ảnh đã sửa", "chú thích, ảnh"),
        )


def test_the_article_history_page_shows_the_photo_edit(client, editor):
    photo = as_in_the_form()
    article = ArticleFactory(published=True, cover=photo)
    client.force_login(editor)
    client.post(change_url(photo), photo_data(caption="Mới"))

    page = client.get(
        reverse("admin:articles_article_revisions", args=[article.pk])
    ).content.decode()

    assert "Sửa ảnh dùng trong bài" in page
    assert f"số {photo.pk}" in page


def test_words_typed_in_the_editor_are_noted_in_the_history_of_articles_showing_the_photo(
    reporter,
):
    photo = PhotoFactory(caption="Cũ")
    article = ArticleFactory(created_by=reporter, body=references.reference(photo.pk))

    photo_editor.update_from_editor(editor_figure(photo, "Mới"), reporter)

    entry = AuditEntry.objects.get(action=usage.CHANGED)
    assert (entry.object_id, entry.details["photo_fields"]) == (article.pk, ["caption"])


def test_a_save_changing_nothing_notes_nothing(client, editor):
    photo = as_in_the_form()
    ArticleFactory(cover=photo)
    client.force_login(editor)
    client.post(change_url(photo), photo_data(caption="Cũ"))
    assert not AuditEntry.objects.filter(action=usage.CHANGED).exists()


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
