"""How every write of an article ends, whoever made it.

``articles.editing`` (saves, restores, corrections, deletions) and ``articles.workflow``
(state changes) do their part under the row claimed by ``articles.locking``, then call
``finish``: the article's photo uses and its places in the tag and byline lists
(``listings``) are brought in step, one revision is recorded
(django-reversion, with user and comment), one audit entry is written, and
``article_changed`` is sent once, after the commit. ``begin`` notes the stored state
first, so the signal can say what the write changed.
"""

import logging
from dataclasses import dataclass, field
from functools import partial

from django.db import transaction

from newsroom import audit

from . import listings, photos, revisions
from .models import Article
from .signals import ArticleState, article_changed, snapshot

logger = logging.getLogger(__name__)

# Fields whose change a write reports (by name, in the signal and the audit entry).
# Bookkeeping (version, updated_at/by, created_*, modified_at, search documents) is not.
TRACKED = [
    "title",
    "slug",
    "lead",
    "body",
    "section",
    "cover",
    "source",
    "is_featured",
    "expires_at",
    "status",
    "published_at",
    "submitted_at",
    "approved_by",
    "approved_at",
    "review_note",
]
LINKS = ["tags", "units", "clusters", "officials", "events"]
BYLINES = revisions.BYLINES  # "authorships"
PHOTO_FIELDS = {"cover", "body"}


@dataclass
class Before:
    """The article as stored when the write began (``state`` is None for a new one)."""

    state: ArticleState | None
    values: dict = field(default_factory=dict)


def values_of(article):
    return {name: getattr(article, Article._meta.get_field(name).attname) for name in TRACKED}


def begin(article, now=None) -> Before:
    if article.pk is None:
        return Before(None, values_of(Article()))
    return Before(snapshot(article, now), values_of(article))


def changed_fields(before: Before, article) -> set[str]:
    """The tracked fields whose value differs from ``before`` (the article as it is now)."""
    now = values_of(article)
    return {name for name in TRACKED if now[name] != before.values[name]}


def finish(article, user, action, *, before: Before, changed, comment, details=None, now=None):
    """Record the write (photo uses, revision, audit entry) and announce it on commit.

    Runs inside the write's transaction, after everything is stored. ``changed`` names
    what the write changed (``TRACKED`` fields, ``LINKS``, "authorships"); ``details``
    go to the audit entry besides the version.
    """
    changed = frozenset(changed)
    if before.state is None or changed & PHOTO_FIELDS:
        photos.record_uses(article)
    if before.state is None or changed & listings.SOURCES:
        listings.refill([article.pk])
    revisions.record(article, user, comment)
    audit.record(action, user, article, version=article.version, **(details or {}))
    relinked = before.state is None or changed & {*LINKS, BYLINES, "slug"}
    after = snapshot(article, now, links_from=None if relinked else before.state)
    announce(article.pk, action, user, changed, before.state, after)


def copy_back(article, current):
    """Give the caller's instance what was stored; its cached relations are dropped."""
    if article is not current:
        for model_field in Article._meta.concrete_fields:
            setattr(article, model_field.attname, getattr(current, model_field.attname))
        article._state.adding = False
        article._state.db = current._state.db
        article._state.fields_cache.clear()
        getattr(article, "_prefetched_objects_cache", {}).clear()
    return article


def announce(article_id, action, user, changed, before, after):
    """Send ``article_changed`` once the transaction commits (never if it rolls back)."""
    transaction.on_commit(
        partial(
            _send,
            article_id=article_id,
            action=action,
            user=user,
            changed=frozenset(changed),
            before=before,
            after=after,
        )
    )


def _send(*, article_id, action, user, changed, before, after):
    logger.info("article %s: %s by %s", article_id, action, audit.actor_name(user))
    results = article_changed.send_robust(
        sender=Article,
        article_id=article_id,
        action=action,
        user_id=user.pk if user is not None else None,
        changed=changed,
        before=before,
        after=after,
    )
    for receiver, result in results:
        if isinstance(result, Exception):
            # The change is committed; a failing listener (a cache purge) must not turn
            # the editor's save into an error page. It is logged for the operators.
            logger.error("article_changed receiver %r failed", receiver, exc_info=result)
