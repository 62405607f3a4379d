"""Where library photos are shown, as the apps showing them tell it.

The library knows nothing of what points at a photo (an article's cover or body,
an official's portrait). Each app that shows photos registers a ``Usage``
when it starts (``AppConfig.ready``); the library asks the usages before a photo is
changed or deleted, and lists what they return on the photo's page.
"""

from newsroom import changes
from newsroom.changes import Pages, paths_of
from newsroom.roles import staff_may


class Usage:
    """One app's uses of library photos."""

    def using(self, photo):
        """The objects showing the photo, as a queryset in the order the library lists them."""
        raise NotImplementedError

    def may_change(self, user, photo):
        """May the user change the photo these objects show? (Beyond ``photos.change_photo``.)"""
        return True

    def pages(self, photo):
        """The public pages showing the photo through these objects (``newsroom.changes``)."""
        return Pages(paths_of(*self.using(photo)))


# The ``record_changed`` action of a photo whose picture or words changed.
EDITED = "photo.edited"

_usages = {}


def register(usage):
    """Add an app's usage; registering the same kind again replaces it."""
    _usages[type(usage)] = usage


def using(photo):
    """One queryset per registered usage: the objects showing the photo."""
    return [usage.using(photo) for usage in _usages.values()]


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


def can_change(user, photo):
    """May the user change the photo (its words, its picture, its flags)?"""
    if not staff_may(user, "photos.change_photo"):
        return False
    return all(usage.may_change(user, photo) for usage in _usages.values())
