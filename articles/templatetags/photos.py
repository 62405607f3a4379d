from django import template
from django.utils.safestring import mark_safe

from articles import photos, richtext

register = template.Library()


@register.simple_tag
def article_body(article):
    """The body with its library photos expanded into figures: one query for all of them."""
    # nh3 cleans the body again (a row may have been written around save()); the figures
    # are rendered from our own template with autoescaping.
    return mark_safe(photos.render_body(richtext.sanitise(article.body)))  # noqa: S308


@register.simple_tag
def photo_figure(photo, cover=False):
    """A library photo's figure; the cover is fetched first, every other photo lazily."""
    if photo is None or not photo.renditions:
        return ""
    return mark_safe(photos.figure(photo, cover=cover))  # noqa: S308
