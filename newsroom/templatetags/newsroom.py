from django import template

from newsroom import pagecache, text
from newsroom.models import current_publisher

register = template.Library()


@register.filter
def vn_date(value):
    """'Thứ Sáu, 27/11/2026'."""
    return text.format_date(value)


@register.filter
def vn_datetime(value):
    """'Thứ Sáu, 27/11/2026, 10:05 (GMT+7)'."""
    return text.format_datetime(value)


@register.filter
def vn_number(value):
    """'1.234': every number a public page shows goes through this (not years, not ids)."""
    return text.format_number(value)


@register.simple_tag
def site_publisher():
    """The publisher's details, cached until they change (``discovery.caching`` purges)."""
    return current_publisher()


@register.simple_tag
def page_tags(*names):
    """``{% page_tags "records" %}``: the page shows these things (``newsroom.pagecache``)."""
    pagecache.tag(*names)
    return ""


@register.filter
def unbroken(value):
    """A formatted date whose parts never break across lines: "Thứ Sáu," "27/11/2026,"
    "10:05 (GMT+7)" may each go to the next line, never half of one of them."""
    value = str(value)
    for words in ("Thứ ", "Chủ ", " (GMT"):
        value = value.replace(words, words.replace(" ", "\u00a0"))
    return value
