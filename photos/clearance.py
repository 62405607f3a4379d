"""Clearing sensitive photos: an editor's decision, recorded with who and when.

A photo marked sensitive (minors, victims, suspects, undercover officers) keeps every
article showing it from going out until an editor clears it here.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from newsroom import audit
from newsroom.errors import WorkflowError
from newsroom.roles import staff_may

from .models import Photo

logger = logging.getLogger(__name__)

# Sent after an editor's clearance of a sensitive photo commits: ``photo``, ``action``, ``user``.
photo_transitioned = Signal()

CLEAR_PHOTO = "clear_photo"
CLEARED = "photo.cleared"
audit.register_action(CLEARED, "Duyệt ảnh nhạy cảm")


def _reason(value, entry=None):
    return dict(Photo.SensitiveReason.choices).get(value) or audit.plain(value)


audit.register_detail("reason", "lý do nhạy cảm", _reason)


def can_clear_photo(user) -> bool:
    return staff_may(user, "photos.clear_photo")


def clear_photo(photo, user):
    """An editor clears a sensitive photo for publication; who and when are recorded."""
    with transaction.atomic():
        current = Photo.objects.select_for_update().get(pk=photo.pk)
        if not can_clear_photo(user):
            raise PermissionDenied("Bạn không có quyền duyệt ảnh nhạy cảm.")
        if not current.is_sensitive:
            raise WorkflowError("Ảnh không được đánh dấu nhạy cảm nên không cần duyệt.")
        if current.cleared_at is not None:
            raise WorkflowError("Ảnh đã được duyệt.")
        current.cleared_by = user
        current.cleared_at = timezone.now()
        current.save(update_fields=["cleared_by", "cleared_at", "updated_at"])
        audit.record(CLEARED, user, current, reason=current.sensitive_reason)
        photo.cleared_by, photo.cleared_at = current.cleared_by, current.cleared_at
        transaction.on_commit(lambda: _announce(current, CLEAR_PHOTO, user))
    return photo


def _announce(photo, action, user):
    logger.info("photo %s: %s by %s", photo.pk, action, user.get_username())
    photo_transitioned.send(sender=Photo, photo=photo, action=action, user=user)
