"""Preview links: a signed address showing one unpublished article to a reviewer.

Editors create and revoke them; each step is written to the audit log in the same
transaction. The page behind a link is ``views.PreviewLinkView``.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from articles.publishing import is_editor
from newsroom import audit, text
from newsroom.errors import WorkflowError

from .models import PreviewLink

DEFAULT_LIFETIME = timedelta(hours=48)
MAX_LIFETIME = timedelta(days=30)


def can_share_preview(user, article) -> bool:
    return is_editor(user) and article.pk is not None


def create_preview_link(article, user, lifetime=DEFAULT_LIFETIME, note=""):
    """A signed link showing the article, as it is when opened, to someone without an account."""
    if not can_share_preview(user, article):
        raise PermissionDenied("Chỉ biên tập viên được tạo liên kết xem trước.")
    if not timedelta(0) < lifetime <= MAX_LIFETIME:
        raise WorkflowError("Thời hạn của liên kết phải từ vài phút đến 30 ngày.")
    now = timezone.now()
    with transaction.atomic():
        link = PreviewLink.objects.create(
            article=article,
            note=text.clean_line(note),
            created_by=user,
            created_at=now,
            expires_at=now + lifetime,
        )
        audit.record(
            audit.Action.PREVIEW_CREATED,
            user,
            article,
            **{"liên kết số": link.pk, "hết hạn lúc": text.format_datetime(link.expires_at)},
            **({"gửi cho": link.note} if link.note else {}),
        )
    return link


def revoke_preview_link(link, user):
    with transaction.atomic():
        current = PreviewLink.objects.select_for_update().select_related("article").get(pk=link.pk)
        if not can_share_preview(user, current.article):
            raise PermissionDenied("Chỉ biên tập viên được thu hồi liên kết xem trước.")
        if current.revoked_at is not None:
            raise WorkflowError("Liên kết này đã bị thu hồi.")
        current.revoked_at = timezone.now()
        current.revoked_by = user
        current.save(update_fields=["revoked_at", "revoked_by"])
        audit.record(
            audit.Action.PREVIEW_REVOKED, user, current.article, **{"liên kết số": current.pk}
        )
    link.revoked_at, link.revoked_by = current.revoked_at, current.revoked_by
    return link
