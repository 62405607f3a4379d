"""The one write path for articles: whoever saves an article, it is saved here.

``save_article`` is everything a save means, in one transaction: permission, the
version check (``articles.locking``), cleaning and sanitising (the words typed on
library photos in the editor go to the library), derived fields (address, search
documents with the bylines), the old address kept, then ``recording.finish``: photo
uses, one revision, one audit entry and ``article_changed`` after the commit. The
admin, ``seed_demo``, the importer and the API call it. Restores, corrections and
deletions are here too and end the same way, as do workflow steps
(``articles.workflow.perform``). The state fields (status, publication, approval,
version, who and when) are written by this module and the workflow only.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst

from newsroom import audit, text
from newsroom.errors import WorkflowError
from newsroom.roles import staff_may
from photos import editor, ingest

from . import locking, recording, richtext, workflow
from .models import Article, Author, Authorship, Correction
from .revisions import content_of
from .signals import LINK_FIELDS

CREATED = "article.created"
EDITED = "article.edited"
RESTORED = "article.restored"
CORRECTED = "article.corrected"
DELETED = "article.deleted"
for _key, _label in [
    (CREATED, "Tạo bài"),
    (EDITED, "Sửa bài"),
    (RESTORED, "Khôi phục phiên bản"),
    (CORRECTED, "Đính chính"),
    (DELETED, "Xoá bài"),
]:
    audit.register_action(_key, _label)
audit.register_detail("restored_from", "phiên bản khôi phục (lưu lúc)", audit.moment)
audit.register_detail("lost", "không khôi phục được", audit.field_names)
audit.register_detail("corrected_at", "đính chính lúc", audit.moment)
audit.register_detail("text", "nội dung")

# What a save may write: the content, and the placement decisions editors make.
CONTENT = ("title", "slug", "lead", "body", "section", "cover", "source")
PLACEMENT = ("is_featured", "expires_at")
FIELDS = CONTENT + PLACEMENT
LINKS = tuple(recording.LINKS)
BYLINES = recording.BYLINES
_STATE_OF_LINK = {field: name for name, field in LINK_FIELDS.items()}
_ORDER = [*recording.TRACKED, *LINKS, BYLINES]


@dataclass(frozen=True)
class Byline:
    """One name at the foot of the article: an author (or their id) and the role."""

    author: Author | int
    role: str = Authorship.Role.TEXT


def save_article(
    article: Article,
    user,
    *,
    changes: Mapping | None = None,
    links: Mapping[str, Iterable] | None = None,
    bylines: Iterable[Byline | tuple] | None = None,
    expected_version: int | None = None,
    cover_upload: "ingest.Staged | None" = None,
    comment: str | None = None,
) -> Article:
    """Create ``article`` (unsaved) or save changes to it, as ``user``; return it, stored.

    ``changes``: field name → value as the model takes it (a Section, a Photo, a
    datetime), among ``FIELDS``; the placement fields (featured, expiry) are editors'.
    ``links``: "tags", "units", "clusters", "officials", "events" → the objects (or ids)
    to link, replacing the current ones. ``bylines``: the article's bylines in order,
    replacing the current ones (None leaves them; nobody signs an article
    silently: the desk's form asks for the byline). ``expected_version``: for an edit,
    the version its author saw; a newer stored version raises ``locking.Conflict``.
    ``cover_upload``: a picture staged outside the transaction (``photos.ingest.stage``)
    that becomes a library photo and the cover. ``comment``: the revision's, if not the
    default. Raises PermissionDenied, Conflict or ValidationError, each for the user.
    """
    changes = dict(changes or {})
    links = dict(links or {})
    bylines = list(bylines) if bylines is not None else None
    unknown = (set(changes) - set(FIELDS)) | (set(links) - set(LINKS))
    if unknown:
        raise ValueError(f"save_article does not write {sorted(unknown)}")
    now = timezone.now()
    with transaction.atomic():
        if article.pk is None:
            if expected_version is not None:
                raise ValueError("a new article has no version to expect")
            if not staff_may(user, "articles.add_article"):
                raise PermissionDenied("Bạn không được viết bài mới.")
            _refuse_state(article)
            current, action = article, CREATED
        else:
            if expected_version is None:
                raise ValueError("an edit names the version its author saw")
            current = locking.claim(article.pk, expected_version)
            if not workflow.can_edit(user, current):
                raise PermissionDenied("Bạn không được sửa bài này.")
            action = EDITED
        placed = [name for name in PLACEMENT if name in changes]
        moved = any(changes[name] != getattr(current, name) for name in placed)
        if moved and not workflow.is_editor(user):
            raise PermissionDenied("Chỉ biên tập viên được đặt tin tiêu điểm và hạn đăng.")
        if cover_upload is not None:
            if not ingest.can_upload(user):
                raise PermissionDenied("Bạn không được tải ảnh lên thư viện.")
            changes["cover"] = cover_upload.save(user)
        if "body" in changes:
            editor.update_from_editor(richtext.clean_html(changes["body"]), user)
        before, changed = _write(current, user, changes, links, bylines, now)
        if action == CREATED:
            default = "Tạo bài"
        else:
            labels = [capfirst(audit.field_label(Article, name)) for name in changed]
            default = f"Sửa: {', '.join(labels)}" if labels else "Lưu, không đổi gì"
        recording.finish(
            current,
            user,
            action,
            before=before,
            changed=changed,
            comment=comment or default,
            details={"changed": changed} if action == EDITED else {},
            now=now,
        )
    return recording.copy_back(article, current)


def restore_revision(article, version, user) -> list[str]:
    """Bring back a version's content (text, links, cover, bylines) as a new revision.

    Nothing is deleted: the history keeps every version, the restored one included.
    The publication state (status, dates, approver, address, expiry) is not touched:
    restoring the text of a published article keeps it published, and restoring an old
    version of a draft does not re-publish it. Returns the labels of what could not come
    back because it was deleted since.
    """
    now = timezone.now()
    with transaction.atomic():
        current = locking.claim(article.pk, None)
        if not workflow.can_restore(user, current):
            raise PermissionDenied("Chỉ biên tập viên được khôi phục phiên bản.")
        if version.content_type.model_class() is not Article or version.object_id != str(
            current.pk
        ):
            raise WorkflowError("Phiên bản này không thuộc bài viết.")
        content = content_of(version)
        made_at = version.revision.date_created
        before, changed = _write(
            current, user, content.changes, content.links, content.bylines, now
        )
        recording.finish(
            current,
            user,
            RESTORED,
            before=before,
            changed=changed,
            comment=f"Khôi phục phiên bản lưu lúc {text.format_datetime(made_at)}",
            details={"restored_from": made_at, **({"lost": content.lost} if content.lost else {})},
            now=now,
        )
    recording.copy_back(article, current)
    return [audit.field_label(Article, name) for name in content.lost]


def add_correction(article, user, note, at=None) -> Correction:
    """Print a correction note (đính chính) under a published article; dated ``at`` or now."""
    note = text.clean(note)
    now = timezone.now()
    at = at or now
    with transaction.atomic():
        current = locking.claim(article.pk, None)
        if not workflow.is_editor(user):
            raise PermissionDenied("Chỉ biên tập viên được đính chính bài.")
        if not workflow.can_correct(user, current, now):
            raise WorkflowError("Chỉ đính chính được bài đã đăng.")
        if not note:
            raise WorkflowError("Hãy ghi nội dung đính chính.")
        if at > now:
            raise WorkflowError("Thời điểm đính chính không thể ở tương lai.")
        if at < current.published_at:
            raise WorkflowError("Thời điểm đính chính phải sau lúc bài được đăng.")
        before = recording.begin(current, now)
        correction = Correction.objects.create(
            article=current, text=note, published_at=at, created_by=user
        )
        current.modified_at = max(at, current.modified_at or at)
        current.updated_by = user
        current.save(update_fields=["modified_at", "updated_by"], tidied=True)
        recording.finish(
            current,
            user,
            CORRECTED,
            before=before,
            changed={"corrections"},
            comment="Đính chính",
            details={"corrected_at": at, "text": note},
            now=now,
        )
    recording.copy_back(article, current)
    return correction


def delete_article(article, user) -> None:
    """Delete the article; the audit log keeps a line naming it."""
    now = timezone.now()
    with transaction.atomic():
        current = locking.claim(article.pk, None)
        if not (staff_may(user, "articles.delete_article") and workflow.can_edit(user, current)):
            raise PermissionDenied("Bạn không được xoá bài này.")
        before = recording.begin(current, now)
        audit.record(DELETED, user, current, version=current.version)
        pk = current.pk
        current.delete()
        recording.announce(pk, DELETED, user, frozenset(), before.state, None)


# --- The steps every save shares --------------------------------------------------------


def _refuse_state(article):
    blank = Article()
    for name in ["status", "published_at", "approved_by", "submitted_at", "review_note"]:
        attname = Article._meta.get_field(name).attname
        if getattr(article, attname) != getattr(blank, attname):
            raise ValueError("a new article starts as a draft; steps are the workflow's")


def _write(current, user, changes, links, bylines, now):
    """Apply the changes, links and bylines to the claimed article and store it once.

    Returns the stored state before the write (for ``recording.finish``) and the names
    of what changed, in the form's order.
    """
    before = recording.begin(current, now)
    for name, value in changes.items():
        setattr(current, name, value)
    current.tidy()
    changed = recording.changed_fields(before, current)
    if "slug" in changed and (taken := current.slug_redirecting_elsewhere(current.slug)):
        raise ValidationError({"slug": current.old_slug_message(taken)}, code="old_slug")

    old_links = before.state
    wanted_links = {name: {getattr(v, "pk", v) for v in values} for name, values in links.items()}
    for name, ids in wanted_links.items():
        stored = getattr(old_links, _STATE_OF_LINK[name]) if old_links else frozenset()
        if ids != stored:
            changed.add(name)

    rows = _bylines(bylines) if bylines is not None else None
    if rows is not None:
        stored = old_links.bylines if old_links else ()
        if tuple((author.pk, role) for author, role in rows) != stored:
            changed.add(BYLINES)

    if old_links is not None and changed - set(PLACEMENT):
        current.modified_at = now
    if current.pk is None:
        current.created_by = user
    current.updated_by = user
    names = [author.name for author, _role in rows] if rows is not None else None
    current.save(bylines=names, tidied=True)

    if BYLINES in changed:
        Authorship.objects.filter(article=current).delete()
        Authorship.objects.bulk_create(
            Authorship(article=current, author=author, role=role, position=position)
            for position, (author, role) in enumerate(rows, start=1)
        )
    for name, ids in wanted_links.items():
        if name in changed:
            getattr(current, name).set(ids)
    if old_links is not None and old_links.slug != current.slug:
        current.remember_slug(old_links.slug)
    return before, sorted(changed, key=_ORDER.index)


def _bylines(bylines):
    """(Author, role) pairs in order, authors fetched at once; one byline per author."""
    pairs = [b if isinstance(b, tuple) else (b.author, b.role) for b in bylines]
    ids = [author for author, _role in pairs if not isinstance(author, Author)]
    fetched = Author.objects.in_bulk(ids) if ids else {}
    rows = []
    for author, role in pairs:
        author = author if isinstance(author, Author) else fetched.get(author)
        if author is None:
            raise ValidationError("Không có tác giả này.", code="unknown_author")
        # No role ("") is a byline as written: "Trọng Tuấn – Xuân Bắc".
        rows.append((author, Authorship.Role.TEXT if role is None else role))
    if len({author.pk for author, _role in rows}) < len(rows):
        raise ValidationError("Một tác giả chỉ ký một lần trong một bài.", code="duplicate")
    return rows
