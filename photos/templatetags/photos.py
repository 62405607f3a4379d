from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from photos import rendering

register = template.Library()


@register.simple_tag
def photo_figure(photo, cover=False):
    """A library photo's figure; the cover is fetched first, every other photo lazily."""
    if photo is None or not photo.image:
        return ""
    return mark_safe(rendering.figure(photo, cover=cover))  # noqa: S308


@register.simple_tag
def photo_thumb(photo, sizes="100vw", eager=False, described=False):
    """A library photo as a bare ``<picture>`` for lists, without its caption.

    A thumbnail's alt is empty, since the linked title beside it already says what it
    shows; ``described`` (the front page's lead story) keeps the photo's alt text."""
    if photo is None or not photo.renditions:
        return ""
    jpeg = photo.widths("jpeg")
    largest = jpeg[-1] if jpeg else {"width": photo.width, "height": photo.height}
    loading = mark_safe(' fetchpriority="high"' if eager else ' loading="lazy"')  # noqa: S308
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{} decoding="async">'
        "</picture>",
        photo.srcset("webp"),
        sizes,
        photo.src,
        photo.srcset("jpeg"),
        sizes,
        largest["width"],
        largest["height"],
        photo.alt_text if described else "",
        loading,
    )
