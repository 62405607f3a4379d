"""Article revisions, kept by django-reversion.

Each revision holds the article's fields (its many-to-many links and cover photo among
them) plus its bylines (``Authorship`` rows, followed). Revisions are made explicitly
(``record``) once a change is complete — after the admin saved the inlines and links,
after a workflow step — so one revision is one coherent state of the article.

Restoring (``apply``) brings back the content and leaves the publication state alone;
``publishing.restore_revision`` is the only caller.
"""

import difflib
import html
import re
from dataclasses import dataclass

import reversion
from django.contrib.contenttypes.models import ContentType
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from reversion.models import Version

from .models import Article, Author, Authorship

# What a restore brings back. Everything else (status, publication and approval
# dates, the approver, the editor's note, the address, expiry, the featured flag)
# is the workflow's or the editors' placement decision and stays as it is now.
CONTENT_FIELDS = [
    "title",
    "lead",
    "body",
    "section",
    "source",
    "cover",
    "tags",
    "units",
    "clusters",
    "officials",
    "events",
]
TEXT_FIELDS = {"title", "lead", "body", "source"}
BYLINES = "authorships"
BYLINES_LABEL = "Ký tên"

if not reversion.is_registered(Authorship):
    reversion.register(Authorship)
if not reversion.is_registered(Article):
    reversion.register(
        Article,
        follow=[BYLINES],
        # Derived from the text on every save; nothing to keep.
        exclude=[f.name for f in Article._meta.fields if f.name.startswith("search_")],
    )


def content_fields():
    """The content fields this version of the model has (the cover came with the photos)."""
    names = {field.name for field in Article._meta.get_fields()}
    return [name for name in CONTENT_FIELDS if name in names]


def record(article, user, comment):
    """Store the article as it is now in the database as a new revision."""
    fresh = Article.objects.get(pk=article.pk)  # no stale prefetched bylines
    with reversion.create_revision(manage_manually=True):
        reversion.add_to_revision(fresh)
        reversion.set_user(user if user is not None and user.pk else None)
        reversion.set_comment(comment)


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

_BLOCK_END_RE = re.compile(
    r"</(?:p|h[1-6]|li|blockquote|figcaption|figure|tr|table)>|<br\s*/?>", re.IGNORECASE
)
_TAG_RE = re.compile(r"<[^>]*>")
_LINE_SPACES_RE = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES_RE = re.compile(r"\n\s*\n+")


def readable_text(value):
    """Sanitised HTML as the reader reads it: one paragraph per line, no markup."""
    if not value:
        return ""
    plain = html.unescape(_TAG_RE.sub(" ", _BLOCK_END_RE.sub("\n", value)))
    lines = (_LINE_SPACES_RE.sub(" ", line).strip() for line in plain.split("\n"))
    return _BLANK_LINES_RE.sub("\n", "\n".join(line for line in lines if line)).strip()


def _bylines(version):
    authorship_type = ContentType.objects.get_for_model(Authorship)
    rows = [
        v.field_dict
        for v in version.revision.version_set.filter(content_type=authorship_type)
        if str(v.field_dict.get("article_id")) == str(version.object_id)
    ]
    return sorted(rows, key=lambda row: (row["position"], row["id"]))


def snapshot(version):
    """Field name → (label, readable value) for one version; links named, not numbered."""
    data = version.field_dict
    values = {}
    for name in content_fields():
        field = Article._meta.get_field(name)
        label = str(field.verbose_name).capitalize()
        if name == "body":
            value = readable_text(data.get("body"))
        elif name in TEXT_FIELDS:
            value = data.get(name) or ""
        elif field.many_to_many:
            value = ", ".join(_names(field.related_model, data.get(name) or []))
        else:
            pk = data.get(field.attname)
            value = ", ".join(_names(field.related_model, [pk] if pk is not None else []))
        values[name] = (label, value)
    rows = _bylines(version)
    authors = Author.objects.in_bulk([row["author_id"] for row in rows])
    roles = dict(Authorship.Role.choices)
    byline = " – ".join(
        f"{authors[row['author_id']].name if row['author_id'] in authors else '(tác giả đã xoá)'}"
        f" ({roles.get(row['role'], row['role']).lower()})"
        for row in rows
    )
    values[BYLINES] = (BYLINES_LABEL, byline)
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


# --- Restoring --------------------------------------------------------------------------


def apply(article, version):
    """Put a version's content back on the (locked) article and save it.

    Returns the labels of what could not come back because it has since been deleted
    (a tag, a unit, a photo, an author); the rest is restored.
    """
    data = version.field_dict
    lost = []
    for name in content_fields():
        field = Article._meta.get_field(name)
        label = str(field.verbose_name)
        if field.many_to_many:
            wanted = list(data.get(name) or [])
            found = field.related_model._default_manager.in_bulk(wanted)
            if len(found) < len(set(wanted)):
                lost.append(label)
            getattr(article, name).set([pk for pk in wanted if pk in found])
        elif field.is_relation:
            pk = data.get(field.attname)
            if pk is not None and not field.related_model._default_manager.filter(pk=pk).exists():
                lost.append(label)
                continue
            if pk is None and not field.null:
                continue
            setattr(article, field.attname, pk)
        else:
            setattr(article, name, data.get(name) or "")
    rows = _bylines(version)
    authors = Author.objects.in_bulk([row["author_id"] for row in rows])
    if len(authors) < len({row["author_id"] for row in rows}):
        lost.append("tác giả")
    Authorship.objects.filter(article=article).delete()
    Authorship.objects.bulk_create(
        Authorship(
            article=article, author_id=row["author_id"], role=row["role"], position=row["position"]
        )
        for row in rows
        if row["author_id"] in authors
    )
    # Saved last: the search documents read the bylines just written.
    article.save()
    return lost
