"""The tag and byline lists' own index: a published article's place in each list.

``refill`` brings the ``TagListing`` and ``AuthorListing`` rows of the given articles
(or of every article) in step with their status, publication window, tags and bylines:
a row per tag and per signed author of each published article (scheduled ones
included: a list reads only the rows whose time has come). The write path calls it when
a write changes any of those (``recording.finish``); so do the bench archive's loader
and the test factory, which write rows directly. Plain SQL, four statements whatever
the number of articles.
"""

from django.db import connection
from django.utils import timezone

from .models import Article, AuthorListing, Authorship, TagListing, public_window

# What a write must change for an article's list rows to change.
SOURCES = frozenset({"status", "published_at", "expires_at", "tags", "authorships"})


def refill(article_ids=None):
    """Rewrite the list rows of these articles (all articles when None)."""
    article = Article._meta.db_table
    links = [
        (TagListing, "tag_id", Article.tags.through._meta.db_table),
        (AuthorListing, "author_id", Authorship._meta.db_table),
    ]
    ids = None if article_ids is None else list(article_ids)
    if ids == []:
        return
    with connection.cursor() as cursor:
        for model, owner, link in links:
            table = model._meta.db_table
            where, params = "", []
            if ids is not None:
                where = f" WHERE article_id IN ({', '.join(['%s'] * len(ids))})"
                params = ids
            cursor.execute(f"DELETE FROM {table}{where}", params)  # noqa: S608
            chosen = " AND a.id IN ({})".format(", ".join(["%s"] * len(ids))) if ids else ""
            cursor.execute(
                f"INSERT INTO {table} ({owner}, article_id, published_at, expires_at) "  # noqa: S608
                f"SELECT l.{owner}, l.article_id, a.published_at, a.expires_at "
                f"FROM {link} l JOIN {article} a ON a.id = l.article_id "
                f"WHERE a.status = %s AND a.published_at IS NOT NULL{chosen}",
                [Article.Status.PUBLISHED, *(ids or [])],
            )


def visible(now=None, prefix=""):
    """The list rows whose article the public may see at ``now`` (by the copied window);
    ``prefix`` reaches them from another model ("tag_listings__")."""
    return public_window(now or timezone.now(), prefix)
