"""Sections, tags and authors: saved through here, so the pages showing their names follow.

A section's, tag's or author's name is printed on many pages: its own, every article it
files or signs (and their teasers), and for sections in the menu, every page. ``save``
stores the record (its ``save()`` derives slug, sort key and search text), re-derives the
search documents of the articles an author signs when the byline's name changed, and
announces ``newsroom.changes.record_changed`` on commit with those pages.
"""

from django.db import transaction
from django.db.models import Q

from newsroom.changes import Pages, announce, paths_of

from .models import Article, Author, Section, Tag

# ``record_changed`` actions.
ACTIONS = {Section: "section", Tag: "tag", Author: "author"}
# What pages show of each; other fields (a section's description) show on its own page.
NAMES = ("name", "slug", "parent", "is_in_menu", "position")


def save(record, user, *, changed=None):
    """Store ``record`` (a Section, Tag or Author) as ``user``; ``changed``: the fields the
    caller changed (the admin's form knows), else compared with the stored row."""
    created = record.pk is None
    with transaction.atomic():
        stored = None if created else type(record).objects.get(pk=record.pk)
        record.save()
        if changed is None:
            changed = _changed(stored, record)
        changed = set(changed)
        if isinstance(record, Author) and "name" in changed and not created:
            # Reader search finds articles by byline: re-derive the ones this name signs.
            Article.objects.filter(authorships__author=record).refresh_search_documents()
        pages = pages_of(record, changed)
        if stored is not None:
            pages |= pages_of(stored, changed)
        verb = "created" if created else "edited"
        announce(record, f"{ACTIONS[type(record)]}.{verb}", user, changed=changed, pages=pages)
    return record


def pages_of(record, changed=frozenset()) -> Pages:
    """The pages showing the record; its articles only when what they show of it changed."""
    if isinstance(record, Section):
        sections = Section.objects.filter(Q(pk=record.pk) | Q(parent=record.pk))
        filed = Article.objects.filter(section__in=sections)
        parent = Section.objects.filter(pk=record.parent_id).first()
        everywhere = record.is_in_menu and bool(set(changed) & set(NAMES))
        return Pages(paths_of(*sections, parent), _ids(filed, changed), everywhere)
    if isinstance(record, Tag):
        return Pages(paths_of(record), _ids(record.articles.all(), changed))
    if isinstance(record, Author):
        return Pages(paths_of(record), _ids(record.articles.all(), changed))
    raise TypeError(f"{record!r} is not a section, tag or author")


def _ids(articles, changed):
    if not set(changed) & set(NAMES):
        return frozenset()
    return frozenset(articles.values_list("pk", flat=True))


def _changed(stored, record):
    fields = [f for f in record._meta.concrete_fields if not f.primary_key and f.editable]
    if stored is None:
        return {f.name for f in fields}
    return {f.name for f in fields if getattr(stored, f.attname) != getattr(record, f.attname)}
