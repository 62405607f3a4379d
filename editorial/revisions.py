"""Reading an article's history: its versions, one version as a reader reads it, and the
word-level differences between two. Recording and restoring stay with the article
(``articles.revisions``).
"""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from reversion.models import Version

from articles import revisions
from articles.models import Article, Author, Authorship
from newsroom import text

TEXT_FIELDS = {"title", "lead", "body", "source"}
BYLINES_LABEL = "Ký tên"


def history(article):
    """The article's versions, newest first, each with its ``number`` (1 = the oldest)."""
    versions = list(
        Version.objects.get_for_object(article)
        .select_related("revision__user")
        .order_by("-revision__date_created", "-pk")
    )
    for number, version in enumerate(reversed(versions), start=1):
        version.number = number
    return versions


def get_version(article, version_id):
    return (
        Version.objects.get_for_object(article)
        .select_related("revision__user")
        .filter(pk=version_id)
        .first()
    )


# --- Reading a version ----------------------------------------------------------------


def snapshot(version):
    """Field name → (label, readable value) for one version; links named, not numbered."""
    data = version.field_dict
    values = {}
    for name in revisions.content_fields():
        field = Article._meta.get_field(name)
        label = str(field.verbose_name).capitalize()
        if name == "body":
            value = text.html_to_text(data.get("body"))
        elif name in TEXT_FIELDS:
            value = data.get(name) or ""
        elif field.many_to_many:
            value = ", ".join(_names(field.related_model, data.get(name) or []))
        else:
            pk = data.get(field.attname)
            value = ", ".join(_names(field.related_model, [pk] if pk is not None else []))
        values[name] = (label, value)
    rows = revisions.bylines_of(version)
    authors = Author.objects.in_bulk([row["author_id"] for row in rows])
    roles = dict(Authorship.Role.choices)
    byline = " – ".join(
        f"{authors[row['author_id']].name if row['author_id'] in authors else '(tác giả đã xoá)'}"
        f" ({roles.get(row['role'], row['role']).lower()})"
        for row in rows
    )
    values[revisions.BYLINES] = (BYLINES_LABEL, byline)
    return values


def _names(model, pks):
    found = model._default_manager.in_bulk(pks)
    names = sorted(str(found[pk]) for pk in pks if pk in found)
    missing = len([pk for pk in pks if pk not in found])
    if missing:
        names.append(f"({missing} mục đã bị xoá)")
    return names


# --- Comparing two versions -----------------------------------------------------------


@dataclass
class Change:
    name: str
    label: str
    before: SafeString
    after: SafeString


_WORD_RE = re.compile(r"\s+|[^\s]+")


def word_diff(old, new):
    """Two escaped HTML strings: the old text with removals in <del>, the new with <ins>."""
    a, b = _WORD_RE.findall(old or ""), _WORD_RE.findall(new or "")
    before, after = [], []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
        if tag == "equal":
            before.append(removed)
            after.append(added)
            continue
        if removed:
            before.append(f"<del>{removed}</del>")
        if added:
            after.append(f"<ins>{added}</ins>")
    return mark_safe("".join(before)), mark_safe("".join(after))  # noqa: S308 (escaped above)


def compare(old_version, new_version):
    """The fields that differ between two versions, with a word-level diff of each."""
    old, new = snapshot(old_version), snapshot(new_version)
    changes = []
    for name, (label, before) in old.items():
        after = new[name][1]
        if before == after:
            continue
        before_html, after_html = word_diff(before, after)
        changes.append(Change(name, label, before_html, after_html))
    return changes
