"""An article's library photos: the ones it shows, and the articles showing a photo.

The write path keeps ``ArticlePhoto`` rows in step with the cover and the body's
references (``record_uses``), so the articles showing a photo are an exact look-up.
Registered with the library (``photos.usage``) when the app starts, so the library
knows which photos articles use without importing articles.
"""

from newsroom.changes import Pages
from newsroom.roles import staff_may
from photos import references, usage
from photos.models import Photo

from .models import Article, ArticlePhoto

Place = ArticlePhoto.Place


def wanted_uses(article):
    """(photo id, place) of each library photo the article shows, by its cover and body."""
    uses = {(pk, Place.BODY) for pk in references.ids(article.body)}
    if article.cover_id is not None:
        uses.add((article.cover_id, Place.COVER))
    return uses


def record_uses(article):
    """Bring the article's ``ArticlePhoto`` rows in step with its cover and body.

    A reference to a photo that no longer exists shows nothing and is not recorded.
    """
    wanted = wanted_uses(article)
    existing = set(Photo.objects.filter(pk__in={pk for pk, _ in wanted}).values_list("pk"))
    wanted = {(pk, place) for pk, place in wanted if (pk,) in existing}
    stored = set(ArticlePhoto.objects.filter(article=article).values_list("photo_id", "place"))
    for pk, place in stored - wanted:
        ArticlePhoto.objects.filter(article=article, photo_id=pk, place=place).delete()
    ArticlePhoto.objects.bulk_create(
        ArticlePhoto(article=article, photo_id=pk, place=place) for pk, place in wanted - stored
    )


def articles_using(photo):
    """Articles whose cover or body shows the photo."""
    return Article.objects.filter(pk__in=ArticlePhoto.objects.filter(photo=photo).values("article"))


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

    def referring(self, photo):
        # The cover is recorded too (``record_uses``): one table answers for both places.
        return ArticlePhoto.objects.filter(photo=photo)

    def pages(self, photo):
        return Pages(article_ids=frozenset(articles_using(photo).values_list("pk", flat=True)))

    def may_change(self, user, photo):
        """Editors change any photo; anyone else only photos that no article shows but
        their own drafts. What another reporter's draft, an article in review or a
        published one shows is not theirs to change, through the library or through the
        words typed in their own draft's editor, just as the article is not."""
        if staff_may(user, "articles.publish_article"):
            return True
        own_drafts = Article.objects.filter(status=Article.Status.DRAFT).owned_by(user)
        return not articles_using(photo).exclude(pk__in=own_drafts.values("pk")).exists()

    def visible_to(self, user, queryset):
        from .workflow import visible_to  # the workflow imports this module

        return visible_to(user, queryset)
