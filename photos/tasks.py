"""The photo library's background work: renditions, and a sweep for any left behind."""

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from newsroom.jobs import periodic

from . import ingest
from .models import Photo

# A photo still due its renditions this long after its last save lost its task (a
# worker killed mid-task, a queue restored from an older backup): the sweep makes them.
SWEEP_AFTER = timedelta(minutes=10)


@periodic.label("Làm bản thu nhỏ của ảnh")
@task(queue_name="media")
def make_renditions(photo_id):
    """The renditions of one photo (``photos.ingest.render``); safe to run again."""
    return ingest.render(photo_id)


@periodic.every(timedelta(minutes=15))
@periodic.label("Làm bản thu nhỏ còn thiếu")
@task(queue_name="media")
def make_due_renditions():
    """Renditions still due well after their photo was saved; returns the photo ids done."""
    cutoff = timezone.now() - SWEEP_AFTER
    due = Photo.objects.filter(renditions_due=True, updated_at__lt=cutoff).order_by("pk")
    return [pk for pk in due.values_list("pk", flat=True) if ingest.render(pk) == "made"]
