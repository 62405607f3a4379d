"""Media writes that never expose a half-written file, and the clean-up that finds leftovers."""

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.utils import timezone

from newsroom import media
from newsroom.storage import PARTIAL_PREFIX, AtomicFileSystemStorage

ROOT = Path(__file__).resolve().parents[2]


class Interrupted(Exception):
    pass


class BrokenUpload(ContentFile):
    """An upload whose connection drops after the first chunk."""

    def chunks(self, chunk_size=None):
        yield b"a" * 1024
        raise Interrupted


def files_in(folder):
    return sorted(p.relative_to(folder).as_posix() for p in Path(folder).rglob("*") if p.is_file())


def test_the_default_storage_is_the_atomic_one():
    assert isinstance(default_storage, AtomicFileSystemStorage)


def test_a_saved_file_is_complete_and_leaves_nothing_else(tmp_path):
    storage = AtomicFileSystemStorage(location=tmp_path)
    name = storage.save("anh/2026/goc.jpg", ContentFile(b"x" * 200_000))
    assert name == "anh/2026/goc.jpg"
    assert (tmp_path / name).read_bytes() == b"x" * 200_000
    assert files_in(tmp_path) == ["anh/2026/goc.jpg"]


def test_a_taken_name_gets_a_new_one_never_overwriting(tmp_path):
    storage = AtomicFileSystemStorage(location=tmp_path)
    first = storage.save("goc.jpg", ContentFile(b"first"))
    second = storage.save("goc.jpg", ContentFile(b"second"))
    assert first != second
    assert (tmp_path / first).read_bytes() == b"first"
    assert (tmp_path / second).read_bytes() == b"second"


def test_an_interrupted_upload_leaves_no_file_under_any_name(tmp_path):
    storage = AtomicFileSystemStorage(location=tmp_path)
    with pytest.raises(Interrupted):
        storage.save("anh/goc.jpg", BrokenUpload(b"", name="goc.jpg"))
    assert files_in(tmp_path) == []


SLOW_WRITER = textwrap.dedent(
    """
    import importlib, sys, time
    sys.path.insert(0, {root!r})
    import django
    from django.conf import settings
    settings.configure(MEDIA_ROOT={media!r}, USE_TZ=True)
    django.setup()
    module, _, name = {storage!r}.rpartition(".")
    storage = getattr(importlib.import_module(module), name)(location={media!r})

    class Slow:
        def chunks(self):
            yield b"a" * 65536
            print("writing", flush=True)
            while True:
                time.sleep(0.05)
                yield b"b" * 65536

    storage.save("anh/2026/goc.jpg", Slow())
    """
)


def kill_mid_upload(storage_path, media_root):
    script = SLOW_WRITER.format(root=str(ROOT), media=str(media_root), storage=storage_path)
    writer = subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout.readline().strip() == "writing"
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=10)
    return files_in(media_root)


def test_django_storage_killed_mid_upload_leaves_a_truncated_photo(tmp_path):
    """The fault this storage exists for: a visible, truncated file under the final name."""
    left = kill_mid_upload("django.core.files.storage.FileSystemStorage", tmp_path)
    assert left == ["anh/2026/goc.jpg"]


def test_atomic_storage_killed_mid_upload_shows_no_half_file_and_cleanup_finds_it(tmp_path, db):
    left = kill_mid_upload("newsroom.storage.AtomicFileSystemStorage", tmp_path)
    assert "anh/2026/goc.jpg" not in left
    assert len(left) == 1
    assert Path(left[0]).name.startswith(PARTIAL_PREFIX)
    report = media.find(FileSystemStorage(location=tmp_path), grace=dt.timedelta(0))
    assert [found.name for found in report.partials] == left


# --- the clean-up ------------------------------------------------------------------


def age(path, days):
    moment = (timezone.now() - dt.timedelta(days=days)).timestamp()
    os.utime(path, (moment, moment))


def put(root, name, days_old=2, content=b"anh"):
    path = Path(root) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    age(path, days_old)
    return path


@pytest.fixture
def media_tree(settings, db):
    """A referenced photo with a rendition, a portrait, and three kinds of leftovers."""
    from tests.clusters.factories import OfficialFactory

    root = Path(settings.MEDIA_ROOT)
    photo_model = media._photo_model()
    photo_model.objects.create(
        image="anh/2026/goc.jpg",
        renditions=[{"kind": "w480", "format": "webp", "name": "anh/2026/goc-w480.webp"}],
    )
    portrait = photo_model.objects.create(image="chan-dung/ho-van-tu.jpg")
    OfficialFactory(portrait=portrait)
    for name in ("anh/2026/goc.jpg", "anh/2026/goc-w480.webp", "chan-dung/ho-van-tu.jpg"):
        put(root, name)
    put(root, "anh/2026/mo-coi.jpg", content=b"x" * 5000)
    put(root, f"anh/2026/{PARTIAL_PREFIX}1a2b-goc.jpg", content=b"y" * 700)
    put(root, "anh/2026/dang-tai.jpg", days_old=0)  # an upload in progress
    put(root, f"anh/2026/{PARTIAL_PREFIX}9f9f-moi.jpg", days_old=0)
    return root


def test_the_photo_model_is_found_where_it_lives():
    model = media._photo_model()
    assert model._meta.label in {"photos.Photo", "articles.Photo"}
    assert apps.get_model(model._meta.label) is model


def test_clean_up_reports_orphans_and_old_partials_only(media_tree):
    report = media.find()
    assert [found.name for found in report.orphans] == ["anh/2026/mo-coi.jpg"]
    assert [found.name for found in report.partials] == [f"anh/2026/{PARTIAL_PREFIX}1a2b-goc.jpg"]
    assert report.bytes == 5700
    assert len(files_in(media_tree)) == 7


def test_clean_up_removes_only_with_the_flag(media_tree):
    from django.core.management import call_command

    call_command("clean_media", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert len(files_in(media_tree)) == 7
    call_command("clean_media", "--delete", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert files_in(media_tree) == [
        f"anh/2026/{PARTIAL_PREFIX}9f9f-moi.jpg",
        "anh/2026/dang-tai.jpg",
        "anh/2026/goc-w480.webp",
        "anh/2026/goc.jpg",
        "chan-dung/ho-van-tu.jpg",
    ]


def test_a_registered_provider_replaces_the_photo_fallback(media_tree):
    # What the photos app will register: every file its rows keep outside FileFields.
    provider = media.register_references(lambda: ["anh/2026/goc-w480.webp", "anh/2026/mo-coi.jpg"])
    try:
        report = media.find()
    finally:
        media._providers.remove(provider)
    assert report.orphans == []


# --- files that vanish while the clean-up runs -------------------------------------


def test_a_file_gone_between_the_listing_and_its_reading_is_a_non_event(media_tree, monkeypatch):
    """An orphan deleted (by an editor, another sweep) after os.walk listed it: not an error,
    not reported; the rest of the sweep is unaffected."""
    orphan = media_tree / "anh/2026/mo-coi.jpg"
    real_walk = os.walk

    def walk_then_vanish(root, *args, **kwargs):
        for directory, folders, files in real_walk(root, *args, **kwargs):
            if orphan.name in files and Path(directory) == orphan.parent:
                orphan.unlink()  # listed, gone before it is read
            yield directory, folders, files

    monkeypatch.setattr(media.os, "walk", walk_then_vanish)
    report = media.find()
    assert report.orphans == []
    assert [found.name for found in report.partials] == [f"anh/2026/{PARTIAL_PREFIX}1a2b-goc.jpg"]


def test_a_file_gone_before_its_deletion_is_neither_reported_nor_counted(media_tree, monkeypatch):
    real_find = media.find

    def find_then_vanish(*args, **kwargs):
        report = real_find(*args, **kwargs)
        (media_tree / "anh/2026/mo-coi.jpg").unlink()  # e.g. a second sweep was first
        return report

    monkeypatch.setattr(media, "find", find_then_vanish)
    report = media.clean(delete=True)
    assert report.orphans == []
    assert [found.name for found in report.partials] == [f"anh/2026/{PARTIAL_PREFIX}1a2b-goc.jpg"]
    assert report.deleted == 1
    assert report.bytes == 700
    assert not (media_tree / f"anh/2026/{PARTIAL_PREFIX}1a2b-goc.jpg").exists()


def test_the_periodic_sweep_succeeds_when_a_file_vanishes_mid_walk(media_tree, monkeypatch):
    """The worker's task: a vanished file neither fails the run (which the admin would show
    as failed every six hours) nor appears in its result."""
    from newsroom.jobs.tasks import clean_media

    partial = media_tree / f"anh/2026/{PARTIAL_PREFIX}1a2b-goc.jpg"
    real_walk = os.walk

    def walk_then_vanish(root, *args, **kwargs):
        for directory, folders, files in real_walk(root, *args, **kwargs):
            if partial.name in files and Path(directory) == partial.parent:
                partial.unlink()  # its upload's own clean-up was a moment late
            yield directory, folders, files

    monkeypatch.setattr(media.os, "walk", walk_then_vanish)
    result = clean_media.call(delete=True)
    assert result == {
        "orphans": ["anh/2026/mo-coi.jpg"],
        "partials": [],
        "bytes": 5000,
        "deleted": 1,
    }
