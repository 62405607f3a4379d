"""Finding media files nothing refers to, and partial files left by killed uploads.

Every file a model's FileField holds is in use. Files a model keeps track of in
other ways register a function returning their storage names
(``register_references``): the photos app's renditions. Until the photos app
registers its own, ``_photo_renditions`` reads the Photo model wherever it lives
(``articles`` today, ``photos`` after the split), so the clean-up never mistakes a
rendition in use for an orphan.

A file is reported when no registered function names it and it is older than the
grace period (an upload in progress has written its files but not yet committed
its row). Partial files (``.partial-…``, see ``newsroom.storage``) are reported
once older than the grace period too.

A file that vanishes between the listing and its handling (an upload's own clean-up
removed its partial file, an editor replaced a photo, another sweep deleted it) is a
non-event: it is neither an error nor reported, and it is not counted as deleted.
"""

import logging
import os
from dataclasses import dataclass, field
from datetime import datetime

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import models
from django.utils import timezone

from newsroom.storage import is_partial

logger = logging.getLogger(__name__)

_providers = []


def register_references(provider):
    """``provider()`` returns an iterable of storage names that must be kept."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def _photo_model():
    for app_label in ("photos", "articles"):
        try:
            return apps.get_model(app_label, "Photo")
        except LookupError:
            continue
    return None


def _photo_renditions():
    model = _photo_model()
    if model is None:
        return
    for renditions in model.objects.values_list("renditions", flat=True).iterator():
        for entry in renditions or ():
            if entry.get("name"):
                yield entry["name"]


def _file_fields():
    for model in apps.get_models():
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, models.FileField):
                yield model, model_field.attname


def _stored_files():
    for model, attname in _file_fields():
        values = model._base_manager.exclude(**{attname: ""}).values_list(attname, flat=True)
        yield from values.iterator()


def referenced_names():
    providers = _providers or [_photo_renditions]
    names = set(_stored_files())
    for provider in providers:
        names.update(provider())
    names.discard(None)
    return names


@dataclass
class Found:
    name: str
    size: int
    modified: datetime


@dataclass
class Report:
    orphans: list = field(default_factory=list)
    partials: list = field(default_factory=list)
    deleted: int = 0

    @property
    def bytes(self):
        return sum(item.size for item in [*self.orphans, *self.partials])

    def summary(self):
        return (
            f"{len(self.orphans)} orphan file(s), {len(self.partials)} partial file(s), "
            f"{self.bytes} bytes; {self.deleted} deleted"
        )


def _gone(storage, name):
    """Whether a listed file no longer exists (asked after reading it failed)."""
    try:
        return not storage.exists(name)
    except Exception:
        return False


def _walk(storage, folder=""):
    """Every file in the storage with its size and modification time.

    A file listed but gone when its size and time are read is left out.
    """
    if isinstance(storage, FileSystemStorage):
        root = str(storage.location)
        for directory, _folders, files in os.walk(root):
            for filename in files:
                full = os.path.join(directory, filename)
                try:
                    stat = os.stat(full)
                except FileNotFoundError:
                    continue
                name = os.path.relpath(full, root).replace(os.sep, "/")
                modified = datetime.fromtimestamp(stat.st_mtime, tz=timezone.get_current_timezone())
                yield Found(name, stat.st_size, modified)
        return
    folders, files = storage.listdir(folder)
    for filename in files:
        name = f"{folder}/{filename}" if folder else filename
        try:
            found = Found(name, storage.size(name), storage.get_modified_time(name))
        except Exception:
            # Object storages say "missing" in their own words (S3: a 404 ClientError).
            if _gone(storage, name):
                continue
            raise
        yield found
    for sub in folders:
        yield from _walk(storage, f"{folder}/{sub}" if folder else sub)


def find(storage=None, *, now=None, grace=None):
    storage = storage or default_storage
    now = now or timezone.now()
    cutoff = now - (grace if grace is not None else settings.MEDIA_CLEANUP_GRACE)
    keep = referenced_names()
    report = Report()
    for found in _walk(storage):
        if found.modified > cutoff:
            continue
        if is_partial(found.name):
            report.partials.append(found)
        elif found.name not in keep:
            report.orphans.append(found)
    return report


def clean(storage=None, *, delete=False, now=None, grace=None):
    storage = storage or default_storage
    report = find(storage, now=now, grace=grace)
    if delete:
        for kind in (report.partials, report.orphans):
            for found in list(kind):
                if not storage.exists(found.name):
                    kind.remove(found)  # gone since the listing: nothing to report or do
                    continue
                storage.delete(found.name)  # (a file gone meanwhile is no error here either)
                report.deleted += 1
    logger.info("Media clean-up: %s", report.summary())
    return report
