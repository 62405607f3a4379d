"""The one way in for pictures: every upload becomes a library photo here.

The library form, the article's cover upload and a picture dropped or pasted into
CKEditor all go through ``attach_upload``, ``create`` or ``stage``: the file is
validated and normalised (``imaging.prepare``: upright, sRGB, no metadata) and the
original stored under a generated name; the files it replaces are deleted once the
transaction commits.

Renditions are the task worker's job (``photos.tasks.make_renditions``): saving a
photo whose renditions are due (``save``) enqueues it in the same transaction, so
the request answers as soon as the original is stored, and a 24-megapixel upload
never keeps a web worker busy for its eight resized copies. Until they exist, pages
show the original (``Photo.src``). ``render`` is what the task does, and may run any
number of times: it only ever writes the renditions of the picture and focal point
the photo has when it finishes.

``stage`` does the upload's part before any transaction opens, so a camera picture
never holds a row (or, on SQLite, the database) while it is decoded; the write that
uses it then creates the row (``Staged.save``).
"""

import logging
import posixpath
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.dispatch import Signal

from newsroom.roles import staff_may

from . import imaging
from .models import Photo

logger = logging.getLogger(__name__)

# Sent once a photo's renditions are stored and committed: ``photo``. Pages showing the
# photo fell back to the original until now (a page cache listens to purge them).
renditions_made = Signal()


def can_upload(user):
    return staff_may(user, "photos.add_photo")


def attach_upload(photo, upload):
    """Store the upload's normalised original and point the (unsaved) photo at it.

    Raises ValidationError (the Vietnamese message from imaging) for a refused file.
    The photo's renditions are due (``save`` asks the worker for them); replaced files
    are deleted once the transaction commits. A new picture needs a new clearance.
    """
    prepared = imaging.prepare(upload)
    storage = photo.image.storage
    old_names = _file_names(photo)
    photo.image.name = storage.save(
        imaging.generated_name(prepared.original.extension),
        ContentFile(prepared.original.content),
    )
    photo.width, photo.height = prepared.original.width, prepared.original.height
    photo.renditions = []
    photo.renditions_due = True
    photo.cleared_by = photo.cleared_at = None
    _clean_up_on_commit(storage, keep=_file_names(photo), old=old_names)
    return photo


def rerender(photo):
    """The renditions are to be made again (the focal point moved); ``save`` asks for them.

    The current renditions stay until the new ones replace them.
    """
    photo.renditions_due = True
    return photo


def save(photo):
    """Save the photo and, if its renditions are due, enqueue them in the same transaction.

    With a queue in the database the task commits with the row, so the worker never sees
    one without the other; where tasks run at once (the tests) the renditions are made
    before this returns, and the photo has them.
    """
    with transaction.atomic():
        photo.save()
        if photo.renditions_due:
            from .tasks import make_renditions

            result = make_renditions.enqueue(photo.pk)
            if result.is_finished:
                photo.refresh_from_db(fields=["renditions", "renditions_due"])
    return photo


def create(upload, user, **fields):
    """A new library photo from an upload; ValidationError if the file is refused."""
    photo = attach_upload(Photo(uploaded_by=user, **fields), upload)
    try:
        save(photo)
    except Exception:
        photo.image.storage.delete(photo.image.name)
        raise
    return photo


@dataclass
class Staged:
    """An upload decoded and its original stored, not yet a library photo."""

    name: str
    width: int
    height: int
    photo: Photo | None = None

    def save(self, user, **fields):
        """The library photo for this file; call it inside the write that uses it."""
        self.photo = Photo(
            uploaded_by=user, width=self.width, height=self.height, renditions_due=True, **fields
        )
        self.photo.image.name = self.name
        return save(self.photo)

    def discard_unless_saved(self):
        """Delete the file if no photo row holds it (the write failed or never ran).

        Call it after the write's transaction has ended.
        """
        if Photo.objects.filter(image=self.name).exists():
            return
        names = {self.name}
        if self.photo is not None:
            # Renditions a task run at once (the immediate backend) made inside the
            # failed write: its row rolled back, its files did not.
            names |= {entry["name"] for entry in self.photo.renditions}
        _delete(Photo._meta.get_field("image").storage, names)


def stage(upload):
    """Store the upload's original outside any transaction; ValidationError if refused."""
    prepared = imaging.prepare(upload)
    storage = Photo._meta.get_field("image").storage
    name = storage.save(
        imaging.generated_name(prepared.original.extension),
        ContentFile(prepared.original.content),
    )
    return Staged(name=name, width=prepared.original.width, height=prepared.original.height)


def render(photo_id):
    """Make and store the renditions a photo is due; what the worker runs.

    Returns "made", or why nothing was made: "gone" (the photo was deleted), "done"
    (nothing is due: a task repeated, or another worker was first), "stale" (the picture
    or focal point changed meanwhile). The slow part runs
    without a lock; the renditions are written only if the photo still has the picture
    and focal point they were made from, otherwise they are deleted and the task that
    the newer change enqueued makes the right ones.
    """
    photo = Photo.objects.filter(pk=photo_id).first()
    if photo is None:
        return "gone"
    if not photo.renditions_due:
        return "done"
    storage = photo.image.storage
    source = (photo.image.name, photo.focal_x, photo.focal_y)
    try:
        with storage.open(photo.image.name) as original:
            image, _info = imaging.load_image(original)
    except Exception:
        # The original vanished because the photo changed (a new picture replaced it, the
        # photo was deleted) since it was read: a non-event, the newer write's task does
        # its work. A file missing under an unchanged photo is an error, raised.
        outcome = _outcome(photo_id, source, Photo.objects.filter(pk=photo_id).first())
        if outcome != "made":
            return outcome
        raise
    renditions = imaging.make_renditions(image, focal_point=(photo.focal_x, photo.focal_y))
    del image
    base = posixpath.splitext(imaging.generated_name("jpg"))[0]
    entries = imaging.store_renditions(storage, base, renditions)
    made = {entry["name"] for entry in entries}
    with transaction.atomic():
        current = Photo.objects.select_for_update().filter(pk=photo_id).first()
        outcome = _outcome(photo_id, source, current)
        if outcome != "made":
            transaction.on_commit(lambda: _delete(storage, made))
            return outcome
        old = {entry["name"] for entry in current.renditions}
        Photo.objects.filter(pk=photo_id).update(renditions=entries, renditions_due=False)
        current.renditions, current.renditions_due = entries, False
        transaction.on_commit(lambda: _delete(storage, old - made))
        transaction.on_commit(lambda: renditions_made.send(sender=Photo, photo=current))
    logger.info("photo %s: %d renditions made", photo_id, len(entries))
    return "made"


def _outcome(photo_id, source, current):
    """What becomes of renditions made from ``source`` (picture, focal point) given the
    photo as it is now (None: deleted); see ``render``."""
    if current is None:
        return "gone"
    if not current.renditions_due:
        return "done"
    if (current.image.name, current.focal_x, current.focal_y) != source:
        return "stale"
    return "made"


def _file_names(photo):
    names = {entry["name"] for entry in photo.renditions}
    if photo.image.name:
        names.add(photo.image.name)
    return names


def _delete(storage, names):
    for name in sorted(names):
        storage.delete(name)


def _clean_up_on_commit(storage, *, keep, old):
    stale = old - keep
    if stale:
        transaction.on_commit(lambda: _delete(storage, stale))
