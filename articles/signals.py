"""``article_changed``: the one signal that says an article changed, sent after the commit.

Every write of an article goes through ``articles.editing`` (saves, restores,
corrections, deletions) or ``articles.workflow`` (state changes); each write sends
``article_changed`` exactly once, from ``transaction.on_commit``, so a receiver never
sees a change that was rolled back. Cache purges, search documents and the like listen
here; nothing else announces article changes.
"""

from dataclasses import dataclass
from datetime import datetime

from django.dispatch import Signal
from django.utils import timezone

from photos import references

from .models import Article, ArticleSlug, Authorship, Section

article_changed = Signal()
"""Sent once per committed write of an article. ``sender`` is ``Article``; keyword args:

``article_id`` (int)
    The article's primary key (it may be gone: see ``after``).
``action`` (str)
    The audit action key of the write: "article.created", "article.edited",
    "article.restored", "article.corrected", "article.deleted", or a workflow
    transition's ("article.submitted", "article.returned", "article.published",
    "article.scheduled", "article.unpublished"; see ``articles.workflow``).
``user_id`` (int or None)
    Who made the change.
``changed`` (frozenset of str)
    Names of what changed: model field names ("title", "body", "slug", "section",
    "cover", "status", "published_at", …), the link fields ("tags", "units", "clusters",
    "officials", "events"), "authorships" for the bylines (authors, roles, order) and
    "corrections" when a correction was printed. Bookkeeping (version, updated_at,
    updated_by, modified_at, search documents) is never named.
``before``, ``after`` (``ArticleState`` or None)
    The article as stored before and after the write: ``before`` is None for a new
    article, ``after`` None for a deleted one. Together they name every public address
    the write can have changed (see ``ArticleState``): the article's page under its
    current and previous slug and every old slug redirecting to it; its section(s) and
    their parents; its tags, bylines (``author_ids``), units, clusters, officials and
    events; its photos; and whether it is public after the write or was before
    (``is_public``, computed at write time: a scheduled article turns public later
    without a write, ``published_at`` says when, and one expires at ``expires_at``).
"""


@dataclass(frozen=True)
class ArticleState:
    """What readers can reach of an article at one moment: ids, addresses, visibility."""

    pk: int
    version: int
    slug: str
    old_slugs: frozenset[str]  # addresses that redirect here (ArticleSlug)
    status: str
    published_at: datetime | None
    expires_at: datetime | None
    is_public: bool  # Article.objects.published() would list it, at the time of the write
    is_featured: bool
    section_ids: tuple[int, ...]  # its section, then that section's parents up to the top
    tag_ids: frozenset[int]
    bylines: tuple[tuple[int, str], ...]  # (author id, role), in byline order
    unit_ids: frozenset[int]
    cluster_ids: frozenset[int]
    official_ids: frozenset[int]
    event_ids: frozenset[int]
    photo_ids: frozenset[int]  # cover and body photos

    @property
    def author_ids(self):
        return frozenset(author_id for author_id, _role in self.bylines)


LINK_FIELDS = {
    "tag_ids": "tags",
    "unit_ids": "units",
    "cluster_ids": "clusters",
    "official_ids": "officials",
    "event_ids": "events",
}


def snapshot(article: Article, now=None, *, links_from: ArticleState | None = None):
    """The stored article's state; ``links_from`` reuses an earlier state's link ids
    (tags, bylines, records, old slugs) when the caller knows they did not change."""
    now = now or timezone.now()
    if links_from is not None:
        links = {name: getattr(links_from, name) for name in [*LINK_FIELDS, "bylines"]}
        old_slugs = links_from.old_slugs
    else:
        links = {
            name: frozenset(getattr(article, field).values_list("pk", flat=True))
            for name, field in LINK_FIELDS.items()
        }
        links["bylines"] = tuple(
            Authorship.objects.filter(article=article)
            .order_by("position", "pk")
            .values_list("author_id", "role")
        )
        old_slugs = frozenset(
            ArticleSlug.objects.filter(article=article).values_list("slug", flat=True)
        )
    photo_ids = set(references.ids(article.body))
    if article.cover_id is not None:
        photo_ids.add(article.cover_id)
    return ArticleState(
        pk=article.pk,
        version=article.version,
        slug=article.slug,
        old_slugs=old_slugs,
        status=article.status,
        published_at=article.published_at,
        expires_at=article.expires_at,
        is_public=article.is_published(now),
        is_featured=article.is_featured,
        section_ids=_section_path(article.section_id),
        photo_ids=frozenset(photo_ids),
        **links,
    )


def _section_path(section_id):
    parents = dict(Section.objects.values_list("pk", "parent_id"))
    path = []
    while section_id is not None and section_id not in path:
        path.append(section_id)
        section_id = parents.get(section_id)
    return tuple(path)
