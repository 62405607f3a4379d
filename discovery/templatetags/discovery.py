"""Reader lists: the article page's related articles and the week's most read, and
``{% related_news record %}``, the published news about a unit, cluster, official or event
that the record pages (clusters app) show."""

from django import template

from discovery import readership
from newsroom import pagecache

register = template.Library()


@register.inclusion_tag("discovery/includes/related_articles.html")
def related_articles(article, limit=5):
    return {"articles": readership.related(article, limit=limit)}


@register.inclusion_tag("discovery/includes/most_read.html")
def most_read(article=None, limit=readership.MOST_READ_SHOWN):
    return {"articles": readership.most_read(limit=limit, exclude=article)}


@register.inclusion_tag("discovery/includes/related_news.html")
def related_news(record, limit=10):
    """Records reach their articles through the reverse relation named ``articles``."""
    manager = getattr(record, "articles", None)
    articles = []
    if manager is not None:
        articles = list(manager.published().for_lists()[:limit])
        pagecache.tag(pagecache.RECORDS, pagecache.list_name(record._meta.model_name, record.pk))
    return {"articles": articles}
