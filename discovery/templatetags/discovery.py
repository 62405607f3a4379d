"""Reader lists: the article page's related articles and the week's most read, and
``{% related_news record %}``, the published news about a unit, cluster, official or event
that the record pages (clusters app) show.

On a public article page both lists are slots (``discovery.reader_lists``): the page is
kept without them and they are put in per request, each from a fragment of its own.
"""

from django import template
from django.utils.safestring import mark_safe

from discovery import reader_lists, readership
from newsroom import pagecache

register = template.Library()


@register.simple_tag
def related_articles(article, limit=reader_lists.RELATED_SHOWN):
    if limit != reader_lists.RELATED_SHOWN:
        return mark_safe(reader_lists.related_html(article, limit))  # noqa: S308
    html = pagecache.slot(
        "related",
        f"{article.pk}:{article.version}",
        lambda: reader_lists.related_html(article, limit),
    )
    return mark_safe(html)  # noqa: S308  rendered by our template, autoescaped


@register.simple_tag
def most_read(article=None, limit=readership.MOST_READ_SHOWN):
    if article is None or limit != readership.MOST_READ_SHOWN:
        return mark_safe(reader_lists.most_read_html(article, limit))  # noqa: S308
    html = pagecache.slot(
        "most-read", str(article.pk), lambda: reader_lists.most_read_html(article, limit)
    )
    return mark_safe(html)  # noqa: S308


@register.inclusion_tag("discovery/includes/related_news.html")
def related_news(record, limit=10):
    """Records reach their articles through the reverse relation named ``articles``."""
    manager = getattr(record, "articles", None)
    articles = []
    if manager is not None:
        articles = list(manager.published().for_lists()[:limit])
        pagecache.tag(pagecache.RECORDS, pagecache.list_name(record._meta.model_name, record.pk))
    return {"articles": articles}
