"""Officials' portraits are library photos: one way in (``photos.ingest``), renditions and
all, and the library knows which officials show a photo (``OfficialUsage``).

Public pages show a portrait only for officials named in full
(``Official.public_portrait``, the disclosure rule); the library names only those.
"""

from newsroom.changes import Pages, paths_of
from photos import ingest, usage

from .models import Disclosure, Official


def portrait_words(official):
    """Caption and alt text of an official's portrait: a name only if public pages give it."""
    if Disclosure(official.disclosure).shows_full_name and official.full_name:
        return official.full_name, f"Ảnh chân dung {official.full_name}"
    return "", "Ảnh chân dung cán bộ"


def ingest_portrait(official, upload, user):
    """A new library photo from an uploaded portrait, for ``official``'s write to link.

    Raises ValidationError (Vietnamese) for a refused file. Records staff add portraits
    without the library's upload permission: the picture is the record's.
    """
    caption, alt_text = portrait_words(official)
    return ingest.create(upload, user, caption=caption, alt_text=alt_text)


class OfficialUsage(usage.Usage):
    def using(self, photo):
        return Official.objects.filter(portrait=photo).order_by("sort_name")

    def pages(self, photo):
        shown = [official for official in self.using(photo) if official.public_portrait]
        return Pages(paths_of(*shown))
