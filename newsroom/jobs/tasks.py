from datetime import timedelta

from django.conf import settings
from django.tasks import task

from newsroom import media

from . import periodic


@periodic.every(timedelta(hours=6))
@periodic.label("Dọn tệp ảnh mồ côi và tệp dở dang")
@task()
def clean_media(delete=None):
    """Report (and, with MEDIA_CLEANUP_DELETE, remove) orphan and partial media files."""
    report = media.clean(delete=settings.MEDIA_CLEANUP_DELETE if delete is None else delete)
    return {
        "orphans": [found.name for found in report.orphans],
        "partials": [found.name for found in report.partials],
        "bytes": report.bytes,
        "deleted": report.deleted,
    }
