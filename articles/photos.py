"""The photo library: the one way in for uploads, and photos as pages show them.

Every upload (library form, article cover, CKEditor drop or paste) goes through
``attach_upload`` or ``create``; bodies refer to photos (``photo_refs``) and are expanded
here, with one query for all the photos of a body.
"""

import posixpath

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.html import format_html

from newsroom.roles import staff_may

from . import imaging, photo_refs
from .models import Article, Photo

# The article column is 44rem wide at most; below that the photo spans the screen.
BODY_SIZES = "(min-width: 47rem) 44rem, calc(100vw - 2rem)"
SIDE_SIZES = "(min-width: 47rem) 22rem, calc(100vw - 2rem)"


def can_upload(user):
    return staff_may(user, "articles.add_photo")


def can_change(user, photo):
    """May the user change the photo? What a published (or scheduled) article shows is
    changed by editors only: nobody else may edit such an article, so nobody else may
    change its pictures or their words through the library."""
    if not staff_may(user, "articles.change_photo"):
        return False
    if staff_may(user, "articles.publish_article"):
        return True
    return not articles_using(photo).filter(status=Article.Status.PUBLISHED).exists()


def attach_upload(photo, upload):
    """Ingest the upload and point the (unsaved) photo at its new files.

    Raises ValidationError (the Vietnamese message from imaging) for a refused file.
    Replaced files are deleted once the transaction commits. A new picture needs a new
    clearance.
    """
    ingested = imaging.ingest(upload, focal_point=(photo.focal_x, photo.focal_y))
    storage = photo.image.storage
    old_names = _file_names(photo)
    name = storage.save(
        imaging.generated_name(ingested.original.extension),
        ContentFile(ingested.original.content),
    )
    entries = imaging.store_renditions(storage, name, ingested.renditions)
    photo.image.name = name
    photo.width, photo.height = ingested.original.width, ingested.original.height
    photo.renditions = entries
    photo.cleared_by = photo.cleared_at = None
    _clean_up_on_commit(storage, keep=_file_names(photo), old=old_names)
    return photo


def create(upload, user, **fields):
    """A new library photo from an upload; ValidationError if the file is refused."""
    photo = attach_upload(Photo(uploaded_by=user, **fields), upload)
    try:
        photo.save()
    except Exception:
        for name in _file_names(photo):
            photo.image.storage.delete(name)
        raise
    return photo


def rerender(photo):
    """Make the renditions again from the stored original (after the focal point moved)."""
    storage = photo.image.storage
    with storage.open(photo.image.name) as original:
        image, _info = imaging.load_image(original)
    old_names = _file_names(photo)
    renditions = imaging.make_renditions(image, focal_point=(photo.focal_x, photo.focal_y))
    base = posixpath.splitext(imaging.generated_name("jpg"))[0]
    photo.renditions = imaging.store_renditions(storage, base, renditions)
    _clean_up_on_commit(storage, keep=_file_names(photo), old=old_names)
    return photo


def articles_using(photo):
    """Articles whose cover or body shows the photo."""
    return Article.objects.filter(
        Q(cover=photo) | Q(body__contains=photo_refs.reference(photo.pk))
    ).distinct()


def photos_of(article):
    """The article's cover and body photos, cover first, from one query."""
    wanted = photo_refs.ids(article.body)
    if article.cover_id is not None:
        wanted = [article.cover_id, *(pk for pk in wanted if pk != article.cover_id)]
    if not wanted:
        return []
    found = Photo.objects.in_bulk(wanted)
    return [found[pk] for pk in wanted if pk in found]


def update_from_editor(body, user):
    """Alt text and captions typed in the editor go to the library photos they belong to.

    The body keeps references only; the library is where a photo's words live, so a fix
    made in any article shows in every article using the photo.
    """
    if not user.has_perm("articles.change_photo"):
        return []
    typed = {pk: (alt, caption) for pk, alt, caption in photo_refs.editor_texts(body)}
    changed = []
    for photo in Photo.objects.filter(pk__in=typed):
        if not can_change(user, photo):
            continue
        alt, caption = typed[photo.pk]
        before = (photo.alt_text, photo.caption)
        photo.alt_text, photo.caption = alt or photo.alt_text, caption or photo.caption
        photo.save()
        if (photo.alt_text, photo.caption) != before:
            changed.append(photo)
    return changed


def for_editor(body):
    """The stored body as CKEditor must see it: image figures the editor knows."""
    photos = Photo.objects.in_bulk(photo_refs.ids(body))

    def render(pk):
        photo = photos.get(pk)
        if photo is None:
            return None
        caption = format_html("<figcaption>{}</figcaption>", photo.caption) if photo.caption else ""
        return format_html(
            '<figure class="image"><img src="{}" alt="{}" width="{}" height="{}">{}</figure>',
            photo_refs.editor_src(pk),
            photo.alt_text,
            photo.width,
            photo.height,
            caption,
        )

    return photo_refs.substitute(body, render)


def render_body(body, photos=None):
    """Public body HTML: each reference becomes the photo's full figure; one query at most.

    A reference to a photo that no longer exists is dropped.
    """
    wanted = photo_refs.ids(body)
    if photos is None:
        photos = Photo.objects.in_bulk(wanted) if wanted else {}
    return photo_refs.substitute(
        body, lambda pk: figure(photos[pk]) if pk in photos and photos[pk].renditions else None
    )


def figure(photo, *, cover=False, sizes=BODY_SIZES):
    """The responsive ``<figure>`` for a photo; the cover loads eagerly, the rest lazily."""
    jpeg = photo.widths("jpeg")
    largest = jpeg[-1] if jpeg else {"width": photo.width, "height": photo.height}
    return render_to_string(
        "articles/includes/photo_figure.html",
        {
            "photo": photo,
            "cover": cover,
            "sizes": sizes,
            "webp_srcset": photo.srcset("webp"),
            "jpeg_srcset": photo.srcset("jpeg"),
            "width": largest["width"],
            "height": largest["height"],
        },
    )


def _file_names(photo):
    names = {entry["name"] for entry in photo.renditions}
    if photo.image.name:
        names.add(photo.image.name)
    return names


def _clean_up_on_commit(storage, *, keep, old):
    stale = old - keep
    if stale:
        transaction.on_commit(lambda: [storage.delete(name) for name in sorted(stale)])
