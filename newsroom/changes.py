"""``record_changed``: the signal that says a record public pages show has changed.

Articles have their own signal (``articles.signals.article_changed``). Everything else
readers see on those pages and on the records' own pages is a *record*: a unit, cluster,
official, event… (``clusters.editing``), a section, tag or author (``articles``), a
library photo (``photos``). Their writers call ``announce`` inside the write's
transaction; the signal is sent once, after the commit (never for a rolled-back write),
with the pages the change can have altered, so a cache purges exactly those.
"""

import logging
from dataclasses import dataclass, field
from functools import partial

from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)

record_changed = Signal()
"""Sent once per committed write of a record. ``sender`` is the model; keyword args:

``model`` (str)
    The model's label, lower case: "clusters.unit", "articles.section", "photos.photo".
``pk`` (int)
    The record's primary key (the row may be gone: ``action`` says so).
``action`` (str)
    What happened: for records of ``clusters`` the audit entry's action,
    "record.created", "record.edited" or "record.deleted"; for the others
    "section.created", "section.edited" (likewise "tag.…", "author.…") and
    "photo.edited" (its picture or words).
``user_id`` (int or None)
    Who made the change.
``changed`` (frozenset of str)
    The model fields whose stored value changed (all of them for a new or deleted row).
``pages`` (``Pages``)
    What readers can see the change on, before and after the write (an official's slug
    follows disclosure: both addresses are there).
"""


@dataclass(frozen=True)
class Pages:
    """Public pages a change can alter.

    ``paths``: addresses (no query string) of pages that show the record: its own page
    and the record pages listing it ("/don-vi/cong-an-tinh-nghe-an/", "/cum-thi-dua/").
    ``article_ids``: articles whose page (and teasers in lists) show it; a receiver
    treats each as it treats an ``article_changed`` for that article.
    ``everywhere``: every page shows it (the sections' menu): purge everything.
    """

    paths: frozenset[str] = field(default_factory=frozenset)
    article_ids: frozenset[int] = field(default_factory=frozenset)
    everywhere: bool = False

    def __or__(self, other):
        return Pages(
            self.paths | other.paths,
            self.article_ids | other.article_ids,
            self.everywhere or other.everywhere,
        )

    def __bool__(self):
        return bool(self.paths or self.article_ids or self.everywhere)


def paths_of(*objects) -> frozenset[str]:
    """The public addresses of objects that have one (None and page-less ones skipped)."""
    found = set()
    for obj in objects:
        url = getattr(obj, "get_absolute_url", None) if obj is not None else None
        if url is not None:
            found.add(url().split("?", 1)[0].split("#", 1)[0])
    return frozenset(found)


def announce(record, action, user, *, changed, pages: Pages):
    """Send ``record_changed`` for ``record`` once the current transaction commits."""
    transaction.on_commit(
        partial(
            _send,
            sender=type(record),
            model=record._meta.label_lower,
            pk=record.pk,
            action=action,
            user_id=user.pk if user is not None else None,
            changed=frozenset(changed),
            pages=pages,
        )
    )


def _send(*, sender, **payload):
    results = record_changed.send_robust(sender=sender, **payload)
    for receiver, result in results:
        if isinstance(result, Exception):
            # Committed already: a failing listener (a cache purge) is logged, not raised.
            logger.error("record_changed receiver %r failed", receiver, exc_info=result)
