"""Article revisions, kept by django-reversion: recorded and restored here.

Each revision holds the article's fields (its many-to-many links and cover photo among
them) plus its bylines (``Authorship`` rows, followed). The write path records one
(``record``) at the end of every write, once links and bylines are stored, so one
revision is one coherent state of the article.

Restoring reads a version's content (``content_of``) and writes it back through the
write path (``editing.restore_revision``), leaving the publication state alone.
Reading and comparing versions is the desk's business (``editorial.revisions``).
"""

from dataclasses import dataclass, field

import reversion
from django.contrib.contenttypes.models import ContentType

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
BYLINES = "authorships"

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


def bylines_of(version):
    """The bylines (Authorship rows as stored) of a version, in their order."""
    authorship_type = ContentType.objects.get_for_model(Authorship)
    rows = [
        v.field_dict
        for v in version.revision.version_set.filter(content_type=authorship_type)
        if str(v.field_dict.get("article_id")) == str(version.object_id)
    ]
    return sorted(rows, key=lambda row: (row["position"], row["id"]))


@dataclass
class Content:
    """What a version brings back, in the write path's terms; ``lost``: the fields whose
    value (a tag, a unit, a photo, an author…) has since been deleted, so could not."""

    changes: dict = field(default_factory=dict)
    links: dict = field(default_factory=dict)
    bylines: list = field(default_factory=list)
    lost: list = field(default_factory=list)


def content_of(version) -> Content:
    data = version.field_dict
    content = Content()
    for name in content_fields():
        model_field = Article._meta.get_field(name)
        if model_field.many_to_many:
            wanted = list(data.get(name) or [])
            found = model_field.related_model._default_manager.in_bulk(wanted)
            if len(found) < len(set(wanted)):
                content.lost.append(name)
            content.links[name] = [pk for pk in wanted if pk in found]
        elif model_field.is_relation:
            pk = data.get(model_field.attname)
            value = model_field.related_model._default_manager.filter(pk=pk).first()
            if pk is not None and value is None:
                content.lost.append(name)
            elif value is not None or model_field.null:
                content.changes[name] = value
        else:
            content.changes[name] = data.get(name) or ""
    rows = bylines_of(version)
    authors = Author.objects.in_bulk([row["author_id"] for row in rows])
    if len(authors) < len({row["author_id"] for row in rows}):
        content.lost.append(BYLINES)
    content.bylines = [
        (authors[row["author_id"]], row["role"]) for row in rows if row["author_id"] in authors
    ]
    return content
