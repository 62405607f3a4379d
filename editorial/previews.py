"""Preview links: a signed address showing one unpublished article to a reviewer.

Editors create and revoke them; each step is written to the audit log in the same
transaction (a preview changes nothing readers see, so no ``article_changed``). The
page behind a link is ``views.PreviewLinkView``.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from articles.workflow import is_editor
from newsroom import audit, text
from newsroom.errors import WorkflowError

from .models import PreviewLink

PREVIEW_CREATED = "preview.created"
PREVIEW_REVOKED = "preview.revoked"
audit.register_action(PREVIEW_CREATED, "Tạo liên kết xem trước")
audit.register_action(PREVIEW_REVOKED, "Thu hồi liên kết xem trước")
audit.register_detail("link", "liên kết số")
audit.register_detail("expires_at", "hết hạn lúc", audit.moment)
audit.register_detail("recipient", "gửi cho")

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
            PREVIEW_CREATED,
            user,
            article,
            link=link.pk,
            expires_at=link.expires_at,
            **({"recipient": link.note} if link.note else {}),
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
        audit.record(PREVIEW_REVOKED, user, current.article, link=current.pk)
    link.revoked_at, link.revoked_by = current.revoked_at, current.revoked_by
    return link
