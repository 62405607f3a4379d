"""What each change purges from the page cache (``newsroom.pagecache``), and the horizon.

Tags name what a page shows ("article:12", "photo:3", "unit:5") and the lists whose
members may change ("list:section:3": the articles of section 3; "list:all": every
public article, shown by the home page, search, feeds and sitemaps). A write purges:

- an article (``article_changed``, on commit): its own tag always; when it is, was or
  is scheduled to be published, every list it is or was on (its sections and their
  parents, tags, bylines, units, clusters, officials, events, and "list:all");
  then its page parts and body are stored again for its first reader by the task
  worker (``discovery.tasks.warm_articles``);
- a photo (a caption, alt text or credit fixed in the library): "photo:<id>", then the
  bodies of the articles showing it are rendered again;
- a tag or byline renamed: its tag and "list:all" (feeds print them);
- a section or the publisher's details: everything (every page shows the menu and
  the footer);
- a record of the clusters app (``newsroom.changes.record_changed``, sent once after the
  commit by its one write path, ``clusters.editing``: the admin with its inlines, the demo
  and every other writer): "records" (every record page and its fragments), its own tag
  (on the article pages naming it), the articles the signal says show it, or everything
  when it says so. Its child rows (a unit's other names, a year's members) are saved in
  the same write, which announces the record once.

The horizon (``next_scheduled_change``) is the next publication or expiry time of an
article: no cached page outlives it.
"""

from django.db import transaction
from django.db.models import Min, Q
from django.db.models.signals import post_delete, post_save

from articles.models import Article, ArticlePhoto, Author, Section, Tag
from articles.signals import article_changed
from newsroom import pagecache
from newsroom.changes import record_changed
from newsroom.models import Publisher
from photos.models import Photo

from . import tasks

# Photos are re-rendered into at most this many article bodies at once; the rest
# render on their next reader.
WARM_LIMIT = 100

_LISTS = {
    "section_ids": "section",
    "tag_ids": "tag",
    "author_ids": "author",
    "unit_ids": "unit",
    "cluster_ids": "cluster",
    "official_ids": "official",
    "event_ids": "event",
}


def article_purges(article_id, before, after):
    """The tags a write of an article invalidates (see the module docstring)."""
    names = {f"article:{article_id}"}
    states = [state for state in (before, after) if state is not None]
    if any(state.status == Article.Status.PUBLISHED for state in states):
        names.add(pagecache.ALL_ARTICLES)
        for state in states:
            for field, kind in _LISTS.items():
                names.update(pagecache.list_name(kind, pk) for pk in getattr(state, field))
    return names


def on_article_changed(sender, article_id, before=None, after=None, **kwargs):
    pagecache.purge(*article_purges(article_id, before, after))
    pagecache.forget_horizon()
    if after is not None and after.is_public:
        tasks.warm_articles.enqueue([article_id])


def on_photo_saved(sender, instance, **kwargs):
    def purge():
        pagecache.purge(pagecache.name(instance))
        used = (
            ArticlePhoto.objects.filter(photo_id=instance.pk)
            .order_by("-article_id")
            .values_list("article_id", flat=True)
            .distinct()[:WARM_LIMIT]
        )
        if used:
            tasks.warm_articles.enqueue(list(used))

    transaction.on_commit(purge)


def on_name_changed(sender, instance, **kwargs):
    names = [pagecache.name(instance), pagecache.ALL_ARTICLES]
    transaction.on_commit(lambda: pagecache.purge(*names))


def on_site_changed(sender, **kwargs):
    transaction.on_commit(pagecache.purge_all)


def on_record_changed(sender, pk, pages, **kwargs):
    """A record was written or deleted (already committed): its pages, and the article
    pages naming it. Sections, tags, authors and photos announce their writes too; their
    purges are the receivers above."""
    if sender._meta.app_label != "clusters":
        return
    if pages.everywhere:
        pagecache.purge_all()
        return
    pagecache.purge(
        pagecache.RECORDS,
        pagecache.name_of(sender, pk),
        *(pagecache.name_of(Article, article_id) for article_id in pages.article_ids),
    )


def next_scheduled_change(now):
    """The next publication or expiry time of a published article, or None."""
    found = (
        Article.objects.filter(status=Article.Status.PUBLISHED)
        .filter(Q(published_at__gt=now) | Q(expires_at__gt=now))
        .aggregate(
            publish=Min("published_at", filter=Q(published_at__gt=now)),
            expire=Min("expires_at", filter=Q(expires_at__gt=now)),
        )
    )
    return min((moment for moment in found.values() if moment is not None), default=None)


def connect():
    article_changed.connect(on_article_changed, dispatch_uid="pagecache-article")
    record_changed.connect(on_record_changed, dispatch_uid="pagecache-record")
    for signal in (post_save, post_delete):
        signal.connect(on_photo_saved, sender=Photo, dispatch_uid="pagecache-photo")
        for model in (Tag, Author):
            signal.connect(on_name_changed, sender=model, dispatch_uid="pagecache-name")
        for model in (Section, Publisher):
            signal.connect(on_site_changed, sender=model, dispatch_uid="pagecache-site")
    pagecache.register_horizon(next_scheduled_change)
