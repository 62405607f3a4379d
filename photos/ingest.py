"""The one way in for pictures: every upload becomes a library photo here.

The library form, the article's cover upload and a picture dropped or pasted into
CKEditor all go through ``attach_upload``, ``create`` or ``stage``: the file is
validated and normalised (``imaging``), stored under a generated name with its
renditions, and the files it replaces are deleted once the transaction commits.

``stage`` does the slow part (decoding, renditions, files) before any transaction opens,
so a 24-megapixel upload never holds a row (or, on SQLite, the database) while its
renditions are made; the write that uses it then creates the row (``Staged.save``).
"""

import posixpath
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction

from newsroom.roles import staff_may

from . import imaging
from .models import Photo


def can_upload(user):
    return staff_may(user, "photos.add_photo")


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


@dataclass
class Staged:
    """An upload decoded and stored with its renditions, not yet a library photo."""

    name: str
    width: int
    height: int
    renditions: list = field(default_factory=list)
    photo: Photo | None = None

    def save(self, user, **fields):
        """The library photo for these files; call it inside the write that uses it."""
        self.photo = Photo(uploaded_by=user, width=self.width, height=self.height, **fields)
        self.photo.image.name = self.name
        self.photo.renditions = self.renditions
        self.photo.save()
        return self.photo

    def discard_unless_saved(self):
        """Delete the files if no photo row holds them (the write failed or never ran).

        Call it after the write's transaction has ended.
        """
        if not Photo.objects.filter(image=self.name).exists():
            storage = Photo._meta.get_field("image").storage
            for name in sorted({self.name, *(entry["name"] for entry in self.renditions)}):
                storage.delete(name)


def stage(upload):
    """Ingest the upload outside any transaction; ValidationError if the file is refused."""
    ingested = imaging.ingest(upload)
    storage = Photo._meta.get_field("image").storage
    name = storage.save(
        imaging.generated_name(ingested.original.extension),
        ContentFile(ingested.original.content),
    )
    return Staged(
        name=name,
        width=ingested.original.width,
        height=ingested.original.height,
        renditions=imaging.store_renditions(storage, name, ingested.renditions),
    )


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


def _file_names(photo):
    names = {entry["name"] for entry in photo.renditions}
    if photo.image.name:
        names.add(photo.image.name)
    return names


def _clean_up_on_commit(storage, *, keep, old):
    stale = old - keep
    if stale:
        transaction.on_commit(lambda: [storage.delete(name) for name in sorted(stale)])
