"""An article's library photos: the ones it shows, and the articles showing a photo.

Registered with the library (``photos.usage``) when the app starts, so the library
knows which photos articles use without importing articles.
"""

from django.db.models import Q

from newsroom.roles import staff_may
from photos import references, usage
from photos.models import Photo

from .models import Article


def articles_using(photo):
    """Articles whose cover or body shows the photo."""
    return Article.objects.filter(
        Q(cover=photo) | Q(body__contains=references.reference(photo.pk))
    ).distinct()


def photos_of(article):
    """The article's cover and body photos, cover first, from one query."""
    wanted = references.ids(article.body)
    if article.cover_id is not None:
        wanted = [article.cover_id, *(pk for pk in wanted if pk != article.cover_id)]
    if not wanted:
        return []
    found = Photo.objects.in_bulk(wanted)
    return [found[pk] for pk in wanted if pk in found]


class ArticleUsage(usage.Usage):
    def using(self, photo):
        return articles_using(photo).order_by("title")

    def may_change(self, user, photo):
        """What a published (or scheduled) article shows is changed by editors only:
        nobody else may edit such an article, so nobody else may change its pictures or
        their words through the library."""
        if staff_may(user, "articles.publish_article"):
            return True
        return not articles_using(photo).filter(status=Article.Status.PUBLISHED).exists()
