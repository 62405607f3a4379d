"""Photos as public pages show them: responsive figures, and bodies with their photos.

A body's references (``photos.references``) are expanded here with one query for all
the photos of the body.
"""

from django.template.loader import render_to_string

from . import references
from .models import Photo

# The article column is 44rem wide at most; below that the photo spans the screen.
BODY_SIZES = "(min-width: 47rem) 44rem, calc(100vw - 2rem)"
SIDE_SIZES = "(min-width: 47rem) 22rem, calc(100vw - 2rem)"


def render_body(body, photos=None):
    """Public body HTML: each reference becomes the photo's full figure; one query at most.

    A reference to a photo that no longer exists is dropped.
    """
    wanted = references.ids(body)
    if photos is None:
        photos = Photo.objects.in_bulk(wanted) if wanted else {}
    return references.substitute(body, lambda pk: figure(photos[pk]) if pk in photos else None)


def figure(photo, *, cover=False, sizes=BODY_SIZES):
    """The responsive ``<figure>`` for a photo; the cover loads eagerly, the rest lazily.

    Until the worker has made the renditions, the figure shows the stored original alone.
    """
    jpeg = photo.widths("jpeg")
    largest = jpeg[-1] if jpeg else {"width": photo.width, "height": photo.height}
    return render_to_string(
        "photos/includes/photo_figure.html",
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
