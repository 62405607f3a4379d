"""``{% related_news record %}``: published news about a unit, cluster, official or event.

Record pages (clusters app) call this tag; the articles app owns what it shows.
Records reach their articles through the reverse relation named ``articles``.
"""

from django import template

register = template.Library()


@register.inclusion_tag("includes/related_news.html")
def related_news(record, limit=10):
    manager = getattr(record, "articles", None)
    articles = []
    if manager is not None:
        articles = list(manager.published().for_lists()[:limit])
    return {"articles": articles}
