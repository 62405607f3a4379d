"""The article page's reader lists: related articles and the week's most read."""

from django import template

from articles import readership

register = template.Library()


@register.inclusion_tag("articles/includes/related_articles.html")
def related_articles(article, limit=5):
    return {"articles": readership.related(article, limit=limit)}


@register.inclusion_tag("articles/includes/most_read.html")
def most_read(article=None, limit=5):
    return {"articles": readership.most_read(limit=limit, exclude=article)}
