"""Where library photos are shown, as the apps showing them tell it.

The library knows nothing of what points at a photo (an article's cover or body,
an official's portrait). Each app that shows photos registers a ``Usage``
when it starts (``AppConfig.ready``); the library asks the usages before a photo is
changed or deleted, lists what they return on the photo's page, and notes a change
of the photo in the history of everything showing it (``record_change``).
"""

import operator
from functools import reduce

from django.db.models import Exists, OuterRef, Q

from newsroom import audit, changes
from newsroom.changes import Pages, paths_of
from newsroom.roles import staff_may

CHANGED = "photo.changed"
audit.register_action(CHANGED, "Sửa ảnh dùng trong bài")


def _photo_number(value, entry=None):
    return f"số {value}"


def _photo_fields(value, entry=None):
    from .models import Photo

    names = value if isinstance(value, list) else [value]
    return ", ".join(audit.field_label(Photo, name) for name in names)


audit.register_detail("photo", "ảnh", _photo_number)
audit.register_detail("photo_fields", "phần ảnh đã sửa", _photo_fields)


class Usage:
    """One app's uses of library photos."""

    def using(self, photo):
        """The objects showing the photo, as a queryset in the order the library lists them."""
        raise NotImplementedError

    def referring(self, photo):
        """The rows referring to the photo, which may be ``OuterRef("pk")``: the library
        filters its list with ``Exists`` over them, one subquery per usage. By default the
        objects of ``using``; override it when ``using`` nests a subquery of its own."""
        return self.using(photo).order_by()

    def may_change(self, user, photo):
        """May the user change the photo these objects show? (Beyond ``photos.change_photo``.)"""
        return True

    def pages(self, photo):
        """The public pages showing the photo through these objects (``newsroom.changes``)."""
        return Pages(paths_of(*self.using(photo)))

    def visible_to(self, user, queryset):
        """The objects of ``using`` the user may see named (an embargoed title is not)."""
        return queryset


# The ``record_changed`` action of a photo whose picture or words changed.
EDITED = "photo.edited"

_usages = {}


def register(usage):
    """Add an app's usage; registering the same kind again replaces it."""
    _usages[type(usage)] = usage


def using(photo, user=None):
    """One queryset per registered usage: the objects showing the photo.

    With a user, only those the user may see: every list shown to a person goes through
    this, so a title the user may not read (another reporter's draft, an embargoed
    article) never shows in the library.
    """
    if user is None:
        return [usage.using(photo) for usage in _usages.values()]
    return [usage.visible_to(user, usage.using(photo)) for usage in _usages.values()]


def pages(photo):
    """Every public page showing the photo, for ``record_changed``."""
    found = Pages()
    for usage in _usages.values():
        found |= usage.pages(photo)
    return found


def announce(photo, user, changed):
    """Say on commit that the photo's picture or words changed where they are shown."""
    changes.announce(photo, EDITED, user, changed=changed, pages=pages(photo))


def is_used(photo):
    return any(found.exists() for found in using(photo))


def in_use():
    """A condition on photos: shown by something, as the usages tell it (no Python loop)."""
    uses = [Q(Exists(found.referring(OuterRef("pk")))) for found in _usages.values()]
    return reduce(operator.or_, uses) if uses else Q(pk__in=[])


def can_change(user, photo):
    """May the user change the photo (its words, its picture, its flags)?"""
    if not staff_may(user, "photos.change_photo"):
        return False
    return all(usage.may_change(user, photo) for usage in _usages.values())


def record_change(photo, user, fields):
    """Note in the history of each object showing the photo that ``user`` changed ``fields``.

    Call it in the transaction that saves the change; the entries name the photo and the
    fields by their model names ("caption", "image"), labelled when shown.
    """
    fields = sorted(set(fields))
    if not fields or photo.pk is None:
        return []
    return [
        audit.record(CHANGED, user, shown_in, photo=photo.pk, photo_fields=fields)
        for found in using(photo)
        for shown_in in found
    ]
