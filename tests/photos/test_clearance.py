"""The editor's clearance of sensitive photos: who may, when, and who hears of it."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from photos import clearance
from photos.models import Photo
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db

NOON = dt.datetime(2026, 7, 10, 12, 0, tzinfo=dt.UTC)


def sensitive(**fields):
    return PhotoFactory(is_sensitive=True, sensitive_reason=Photo.SensitiveReason.VICTIM, **fields)


def test_clearance_records_who_and_when(editor):
    photo = sensitive()

    with time_machine.travel(NOON, tick=False):
        clearance.clear_photo(photo, editor)

    photo.refresh_from_db()
    assert (photo.cleared_by, photo.cleared_at) == (editor, NOON)
    assert not photo.needs_clearance


def test_reporter_may_not_clear_a_photo(reporter):
    photo = sensitive()
    with pytest.raises(PermissionDenied):
        clearance.clear_photo(photo, reporter)
    photo.refresh_from_db()
    assert photo.cleared_at is None


def test_photo_not_marked_sensitive_needs_no_clearance(editor):
    with pytest.raises(clearance.WorkflowError, match="không được đánh dấu nhạy cảm"):
        clearance.clear_photo(PhotoFactory(), editor)


def test_photo_is_cleared_only_once(editor):
    photo = sensitive()
    clearance.clear_photo(photo, editor)
    with pytest.raises(clearance.WorkflowError, match="đã được duyệt"):
        clearance.clear_photo(photo, editor)


def test_clearance_is_announced_after_commit(editor, django_capture_on_commit_callbacks):
    photo = sensitive()
    heard = []

    def receiver(sender, photo, action, user, **kwargs):
        heard.append((photo.pk, action, user))

    clearance.photo_transitioned.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            clearance.clear_photo(photo, editor)
        assert heard == []
        for callback in callbacks:
            callback()
    finally:
        clearance.photo_transitioned.disconnect(receiver)
    assert heard == [(photo.pk, clearance.CLEAR_PHOTO, editor)]
