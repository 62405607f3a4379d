"""Article revisions, kept by django-reversion: recorded and restored here.

Each revision holds the article's fields (its many-to-many links and cover photo among
them) plus its bylines (``Authorship`` rows, followed). Revisions are made explicitly
(``record``) once a change is complete — after the admin saved the inlines and links,
after a workflow step — so one revision is one coherent state of the article.

Restoring (``apply``) brings back the content and leaves the publication state alone;
``publishing.restore_revision`` is the only caller. Reading and comparing versions is
the desk's business (``editorial.revisions``).
"""

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
    rows = bylines_of(version)
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
