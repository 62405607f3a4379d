from django import template
from django.utils.safestring import mark_safe

from articles import richtext

register = template.Library()


@register.filter
def rich_text(value):
    """Body HTML for the page; sanitised again in case a row was written around save()."""
    return mark_safe(richtext.sanitise(value))  # noqa: S308  nh3 has just cleaned it
