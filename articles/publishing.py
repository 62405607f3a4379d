"""The article workflow: the only code that writes an article's state fields.

draft → review (submit) → draft again (return, with the editor's note) or published
(publish now, or schedule: a future ``published_at``) → unpublished. Who may do what is
decided here too, so the admin's buttons, its bulk actions and any crafted POST all
meet the same checks.
"""

import logging
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from newsroom import audit, text
from newsroom.errors import WorkflowError
from newsroom.roles import staff_may
from photos import references

from . import photos, revisions, richtext
from .models import Article, Correction

logger = logging.getLogger(__name__)
Status = Article.Status

# Sent after the transaction that changed an article's state commits; receivers
# (audit log, cache purge) get ``article``, ``action`` and ``user``.
article_transitioned = Signal()

SUBMIT, RETURN, PUBLISH, SCHEDULE, UNPUBLISH = (
    "submit",
    "return",
    "publish",
    "schedule",
    "unpublish",
)
ACTION_LABELS = {
    SUBMIT: "Gửi duyệt",
    RETURN: "Trả lại phóng viên",
    PUBLISH: "Đăng ngay",
    SCHEDULE: "Lên lịch đăng",
    UNPUBLISH: "Gỡ bài",
}


# --- Who may do what --------------------------------------------------------------


def is_editor(user) -> bool:
    return staff_may(user, "articles.publish_article")


def is_owner(user, article) -> bool:
    if not user.is_authenticated or article.pk is None:
        return False
    return (
        article.created_by_id == user.pk or article.authorships.filter(author__user=user).exists()
    )


def visible_to(user, queryset=None):
    """Articles a staff member may open in the admin or preview on the site."""
    queryset = Article.objects.all() if queryset is None else queryset
    if not (user.is_active and user.is_staff):
        return queryset.none()
    if is_editor(user):
        return queryset
    if not user.has_perm("articles.view_article"):
        return queryset.none()
    mine = queryset.none()
    if user.has_perm("articles.change_article"):
        mine = queryset.owned_by(user)
    return queryset.filter(pk__in=mine.values("pk")) | queryset.filter(
        pk__in=Article.objects.published().values("pk")
    )


def can_view(user, article) -> bool:
    return visible_to(user).filter(pk=article.pk).exists()


def can_edit(user, article) -> bool:
    if not staff_may(user, "articles.change_article"):
        return False
    return is_editor(user) or (article.status == Status.DRAFT and is_owner(user, article))


def can_submit(user, article) -> bool:
    return article.status == Status.DRAFT and can_edit(user, article)


def can_return(user, article) -> bool:
    return article.status == Status.REVIEW and is_editor(user)


def can_publish(user, article, now=None) -> bool:
    now = now or timezone.now()
    waiting = article.status == Status.PUBLISHED and article.published_at > now
    return is_editor(user) and (article.status != Status.PUBLISHED or waiting)


def can_schedule(user, article, now=None) -> bool:
    return can_publish(user, article, now)


def can_unpublish(user, article) -> bool:
    return article.status == Status.PUBLISHED and is_editor(user)


def allowed_actions(user, article, now=None) -> list[str]:
    """The steps this user may take now, in the order the buttons show them."""
    if article.pk is None:
        return []
    checks = {
        SUBMIT: lambda: can_submit(user, article),
        RETURN: lambda: can_return(user, article),
        PUBLISH: lambda: can_publish(user, article, now),
        SCHEDULE: lambda: can_schedule(user, article, now),
        UNPUBLISH: lambda: can_unpublish(user, article),
    }
    return [action for action, check in checks.items() if check()]


# --- Transitions ------------------------------------------------------------------


def submit(article, user):
    with transaction.atomic():
        current = _locked(article)
        if current.status != Status.DRAFT:
            raise WorkflowError("Chỉ gửi duyệt được bản nháp.")
        if not can_submit(user, current):
            raise PermissionDenied("Bạn không được gửi duyệt bài này.")
        current.status = Status.REVIEW
        current.submitted_at = timezone.now()
        return _finish(article, current, user, SUBMIT, ["status", "submitted_at"])


def return_to_author(article, user, note):
    note = text.clean(note)
    with transaction.atomic():
        current = _locked(article)
        if current.status != Status.REVIEW:
            raise WorkflowError("Chỉ trả lại được bài đang chờ duyệt.")
        if not can_return(user, current):
            raise PermissionDenied("Bạn không được trả lại bài này.")
        if not note:
            raise WorkflowError("Hãy ghi ý kiến để phóng viên biết cần sửa gì.")
        current.status = Status.DRAFT
        current.review_note = note
        return _finish(article, current, user, RETURN, ["status", "review_note"])


def publish(article, user, at: datetime | None = None):
    """Publish now; an article already scheduled is brought forward to now.

    ``at`` backdates the publication (archives brought in from an older site);
    a future time is ``schedule``'s job.
    """
    now = timezone.now()
    if at is not None and at > now:
        raise WorkflowError("Thời điểm ở tương lai: hãy dùng “Lên lịch đăng”.")
    return _publish(article, user, at or now, PUBLISH)


def schedule(article, user, at: datetime):
    if at <= timezone.now():
        raise WorkflowError(
            "Thời điểm lên lịch phải ở tương lai; muốn đăng ngay hãy chọn “Đăng ngay”."
        )
    return _publish(article, user, at, SCHEDULE)


def unpublish(article, user):
    with transaction.atomic():
        current = _locked(article)
        if current.status != Status.PUBLISHED:
            raise WorkflowError("Bài chưa được đăng nên không gỡ được.")
        if not can_unpublish(user, current):
            raise PermissionDenied("Bạn không được gỡ bài này.")
        current.status = Status.UNPUBLISHED
        return _finish(article, current, user, UNPUBLISH, ["status"])


def missing_for_publication(article) -> list[str]:
    """What an article still lacks before it can go out, named as the form names it."""
    missing = []
    if not article.title:
        missing.append("tiêu đề")
    if not article.lead:
        missing.append("sapo")
    if (
        not richtext.text_of(article.body)
        and "<img" not in article.body
        and not references.ids(article.body)
    ):
        missing.append("nội dung")
    return missing


def photo_problems(article) -> list[str]:
    """Why the article's photos (cover and body) keep it from going out, photo by photo."""
    problems = []
    for photo in photos.photos_of(article):
        where = "ảnh đại diện" if photo.pk == article.cover_id else "ảnh trong bài"
        name = f"{where} số {photo.pk}"
        if photo.caption:
            name += f" (“{photo}”)"
        if not photo.alt_text:
            problems.append(f"{name} chưa có mô tả cho người khiếm thị")
        if photo.needs_clearance:
            reason = photo.get_sensitive_reason_display().lower()
            problems.append(f"{name} là ảnh nhạy cảm ({reason}) chưa được biên tập viên duyệt")
    return problems


def _publish(article, user, at, action):
    with transaction.atomic():
        current = _locked(article)
        if not can_publish(user, current):
            if current.status == Status.PUBLISHED and is_editor(user):
                raise WorkflowError("Bài đã được đăng.")
            raise PermissionDenied("Bạn không có quyền duyệt đăng bài.")
        missing = missing_for_publication(current)
        if missing:
            raise WorkflowError(f"Chưa đăng được: bài còn thiếu {', '.join(missing)}.")
        problems = photo_problems(current)
        if problems:
            raise WorkflowError(f"Chưa đăng được: {'; '.join(problems)}.")
        if current.expires_at is not None and current.expires_at <= at:
            raise WorkflowError("Thời điểm hết hạn phải sau thời điểm đăng; hãy sửa hoặc bỏ hạn.")
        now = timezone.now()
        current.status = Status.PUBLISHED
        current.published_at = at
        current.approved_by = user
        current.approved_at = now
        current.review_note = ""
        fields = ["status", "published_at", "approved_by", "approved_at", "review_note"]
        return _finish(article, current, user, action, fields)


def _locked(article):
    # Re-read under a row lock: two editors pressing buttons at once see each
    # other's result, and checks run on the state actually stored.
    return Article.objects.select_for_update().get(pk=article.pk)


def _finish(article, current, user, action, fields):
    current.updated_by = user
    current.save(update_fields=[*fields, "updated_by"])
    revisions.record(current, user, ACTION_LABELS[action])
    audit.record(AUDIT_ACTIONS[action], user, current, **_audit_details(current, action))
    for field in [*fields, "updated_by", "updated_at", "version"]:
        setattr(article, field, getattr(current, field))
    transaction.on_commit(lambda: _announce(current, action, user))
    return article


def _announce(article, action, user):
    logger.info("article %s: %s by %s", article.pk, action, user.get_username())
    article_transitioned.send(sender=Article, article=article, action=action, user=user)


# --- History and corrections -------------------------------------------------------

RESTORE, CORRECT = "restore", "correct"
AuditAction = audit.Action
AUDIT_ACTIONS = {
    SUBMIT: AuditAction.SUBMITTED,
    RETURN: AuditAction.RETURNED,
    PUBLISH: AuditAction.PUBLISHED,
    SCHEDULE: AuditAction.SCHEDULED,
    UNPUBLISH: AuditAction.UNPUBLISHED,
}


def _audit_details(article, action):
    details = {"phiên bản": article.version}
    if action == RETURN:
        details["ý kiến"] = article.review_note
    if action in (PUBLISH, SCHEDULE):
        details["đăng lúc"] = text.format_datetime(article.published_at)
    return details


def can_view_history(user, article) -> bool:
    """Editors read every article's history; reporters that of their own articles."""
    if not staff_may(user, "articles.view_article"):
        return False
    return is_editor(user) or is_owner(user, article)


def can_restore(user, article) -> bool:
    return is_editor(user)


def restore_revision(article, version, user):
    """Bring back a version's content (text, links, cover, bylines) as a new revision.

    Nothing is deleted: the history keeps every version, the restored one included.
    The publication state (status, dates, approver, address, expiry) is not touched:
    restoring the text of a published article keeps it published, and restoring an old
    version of a draft does not re-publish it. Returns the labels of what could not come
    back because it was deleted since.
    """
    with transaction.atomic():
        current = _locked(article)
        if not can_restore(user, current):
            raise PermissionDenied("Chỉ biên tập viên được khôi phục phiên bản.")
        if version.content_type.model_class() is not Article or version.object_id != str(
            current.pk
        ):
            raise WorkflowError("Phiên bản này không thuộc bài viết.")
        made_at = text.format_datetime(version.revision.date_created)
        current.updated_by = user
        current.modified_at = timezone.now()
        lost = revisions.apply(current, version)
        revisions.record(current, user, f"Khôi phục phiên bản lưu lúc {made_at}")
        audit.record(
            AuditAction.RESTORED,
            user,
            current,
            **{"phiên bản khôi phục": made_at, "phiên bản mới": current.version},
            **({"không khôi phục được": lost} if lost else {}),
        )
        transaction.on_commit(lambda: _announce(current, RESTORE, user))
    article.refresh_from_db()
    return lost


def can_correct(user, article, now=None) -> bool:
    now = now or timezone.now()
    return (
        is_editor(user)
        and article.status == Status.PUBLISHED
        and article.published_at is not None
        and article.published_at <= now
    )


def add_correction(article, user, note, at=None):
    """Print a correction note (đính chính) under a published article; dated ``at`` or now."""
    note = text.clean(note)
    now = timezone.now()
    at = at or now
    with transaction.atomic():
        current = _locked(article)
        if not is_editor(user):
            raise PermissionDenied("Chỉ biên tập viên được đính chính bài.")
        if not can_correct(user, current, now):
            raise WorkflowError("Chỉ đính chính được bài đã đăng.")
        if not note:
            raise WorkflowError("Hãy ghi nội dung đính chính.")
        if at > now:
            raise WorkflowError("Thời điểm đính chính không thể ở tương lai.")
        if at < current.published_at:
            raise WorkflowError("Thời điểm đính chính phải sau lúc bài được đăng.")
        correction = Correction.objects.create(
            article=current, text=note, published_at=at, created_by=user
        )
        current.modified_at = max(at, current.modified_at or at)
        current.updated_by = user
        current.save(update_fields=["modified_at", "updated_by"])
        audit.record(
            AuditAction.CORRECTED,
            user,
            current,
            **{"đính chính lúc": text.format_datetime(at), "nội dung": note},
        )
        for field in ["modified_at", "updated_by", "updated_at", "version"]:
            setattr(article, field, getattr(current, field))
        transaction.on_commit(lambda: _announce(current, CORRECT, user))
    return correction
