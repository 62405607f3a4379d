from django import template
from django.utils.safestring import mark_safe

from photos import rendering

register = template.Library()


@register.simple_tag
def photo_figure(photo, cover=False):
    """A library photo's figure; the cover is fetched first, every other photo lazily."""
    if photo is None or not photo.image:
        return ""
    return mark_safe(rendering.figure(photo, cover=cover))  # noqa: S308
