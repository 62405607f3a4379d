"""Renditions made by the task worker: the upload stores the original and answers at once,
pages show the original until the worker has made the renditions, and the task may run
any number of times, late, or after the photo changed, and still leave exactly one set."""

import datetime as dt
import re

import pytest
import time_machine
from django.core.files.storage import default_storage, storages
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from photos import imaging, ingest, references
from photos.models import Photo
from photos.tasks import SWEEP_AFTER, make_due_renditions, make_renditions
from tests import factories
from tests.articles.factories import ArticleFactory
from tests.photos import images
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db

UPLOAD_URL = reverse("photos:editor_image_upload")


@pytest.fixture
def queued(settings):
    """Tasks go to the database queue, as in production, instead of running at once."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "media"]}
    }


def run_worker():
    call_command(
        "db_worker",
        "--queue-name",
        "*",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        verbosity=0,
    )


def stored_files():
    found = set()

    def walk(folder):
        folders, files = default_storage.listdir(folder)
        found.update(f"{folder}/{name}" if folder else name for name in files)
        for sub in folders:
            walk(f"{folder}/{sub}" if folder else sub)

    walk("")
    return found


def test_an_upload_stores_the_original_and_leaves_the_renditions_to_the_worker(
    client, reporter, queued
):
    client.force_login(reporter)

    response = client.post(
        UPLOAD_URL, {"upload": images.upload("hn.jpg", images.jpeg((1700, 1000)))}
    )

    assert response.status_code == 200
    photo = Photo.objects.get()
    assert (photo.renditions, photo.renditions_due) == ([], True)
    assert stored_files() == {photo.image.name}
    task = DBTaskResult.objects.get()
    assert task.task_path == make_renditions.module_path
    assert task.args_kwargs == {"args": [photo.pk], "kwargs": {}}
    assert task.status == TaskResultStatus.READY


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("transactional_roles")
def test_the_worker_makes_the_renditions_of_a_queued_upload(client, queued):
    client.force_login(factories.reporter(username="phongvien"))
    client.post(UPLOAD_URL, {"upload": images.upload("hn.jpg", images.jpeg((1700, 1000)))})

    run_worker()

    photo = Photo.objects.get()
    assert photo.renditions_due is False
    assert {(entry["kind"], entry["format"]) for entry in photo.renditions} >= {
        ("w1600", "webp"),
        ("w1600", "jpeg"),
        ("social", "jpeg"),
    }
    assert stored_files() == {photo.image.name, *(entry["name"] for entry in photo.renditions)}
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL


def test_a_page_shows_the_original_until_the_renditions_exist(client, queued):
    photo = ingest.create(images.upload("hn.jpg", images.jpeg((1700, 1000))), None)
    article = ArticleFactory(published=True, body=references.reference(photo.pk), cover=photo)

    html = client.get(article.get_absolute_url()).content.decode()

    figures = re.findall(rf'<figure[^>]*data-photo-id="{photo.pk}">.*?</figure>', html, re.S)
    assert len(figures) == 2  # the cover and the body's figure
    for figure in figures:
        assert f'<img src="{photo.image.url}" width="1700" height="1000"' in figure
        assert "srcset" not in figure and "<source" not in figure


def test_the_cover_uploaded_with_an_article_is_rendered_by_the_worker(reporter, queued):
    staged = ingest.stage(images.upload("bia.jpg", images.jpeg((1300, 800))))
    photo = staged.save(reporter)

    assert photo.renditions_due and not photo.renditions
    assert DBTaskResult.objects.get().args_kwargs["args"] == [photo.pk]


def test_running_the_task_again_changes_nothing():
    photo = PhotoFactory()
    files = stored_files()

    assert ingest.render(photo.pk) == "done"
    assert make_renditions.enqueue(photo.pk).return_value == "done"

    assert stored_files() == files
    photo.refresh_from_db()
    assert photo.renditions_due is False


def test_the_task_for_a_deleted_photo_does_nothing():
    photo = PhotoFactory()
    pk = photo.pk
    photo.delete()
    assert ingest.render(pk) == "gone"


def test_renditions_made_for_a_moved_focal_point_are_thrown_away(
    monkeypatch, queued, django_capture_on_commit_callbacks
):
    photo = ingest.create(images.upload("hn.jpg", images.jpeg((1700, 1000))), None)
    store = imaging.store_renditions

    def store_then_move(storage, base, renditions):
        # Another editor moves the focal point while the worker is resizing.
        Photo.objects.filter(pk=photo.pk).update(focal_x=0.2)
        return store(storage, base, renditions)

    monkeypatch.setattr(imaging, "store_renditions", store_then_move)

    with django_capture_on_commit_callbacks(execute=True):
        assert ingest.render(photo.pk) == "stale"

    photo.refresh_from_db()
    assert (photo.renditions, photo.renditions_due) == ([], True)
    assert stored_files() == {photo.image.name}


def test_moving_the_focal_point_keeps_the_old_renditions_until_the_new_ones_exist(
    queued, django_capture_on_commit_callbacks
):
    photo = PhotoFactory.build()
    ingest.attach_upload(photo, images.upload("hn.jpg", images.jpeg((1700, 1000))))
    photo.save()
    ingest.render(photo.pk)
    photo.refresh_from_db()
    before = {entry["name"] for entry in photo.renditions}

    photo.focal_x = 0.1
    ingest.save(ingest.rerender(photo))
    photo.refresh_from_db()
    assert {entry["name"] for entry in photo.renditions} == before
    assert photo.renditions_due is True

    with django_capture_on_commit_callbacks(execute=True):
        assert ingest.render(photo.pk) == "made"

    photo.refresh_from_db()
    after = {entry["name"] for entry in photo.renditions}
    assert after.isdisjoint(before)
    assert stored_files() == {photo.image.name, *after}


def test_the_sweep_renders_photos_whose_task_was_lost(queued):
    saved_at = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)
    with time_machine.travel(saved_at, tick=False):
        photo = ingest.create(images.upload("hn.jpg", images.jpeg((900, 600))), None)
    DBTaskResult.objects.all().delete()  # the worker died with the task

    with time_machine.travel(saved_at + SWEEP_AFTER / 2, tick=False):
        assert make_due_renditions.call() == []
    with time_machine.travel(saved_at + SWEEP_AFTER * 2, tick=False):
        assert make_due_renditions.call() == [photo.pk]

    photo.refresh_from_db()
    assert photo.renditions and not photo.renditions_due


def test_the_sweep_is_a_periodic_job():
    from newsroom.jobs import periodic

    assert periodic.registry[make_due_renditions.module_path].task is make_due_renditions


def test_tests_make_renditions_at_once():
    photo = ingest.create(images.upload("hn.jpg", images.jpeg((900, 600))), None)
    assert photo.renditions and photo.renditions_due is False


def test_an_original_replaced_before_the_worker_reads_it_is_a_non_event(
    monkeypatch, queued, django_capture_on_commit_callbacks
):
    """The sweep (or a task) read the photo, then an editor replaced its picture and the old
    file was deleted on commit: the run ends as "stale" (the replacement's own task makes
    the renditions), not with an error retried every sweep."""
    photo = ingest.create(images.upload("hn.jpg", images.jpeg((900, 600))), None)
    original = photo.image.name
    storage_class = type(storages["default"])
    real_open = storage_class.open

    def replace_then_open(self, name, mode="rb"):
        if name == original and default_storage.exists(original):
            editor_copy = Photo.objects.get(pk=photo.pk)
            with django_capture_on_commit_callbacks(execute=True):
                ingest.save(
                    ingest.attach_upload(editor_copy, images.upload("moi.jpg", images.jpeg()))
                )
        return real_open(self, name, mode)

    monkeypatch.setattr(storage_class, "open", replace_then_open)
    assert ingest.render(photo.pk) == "stale"
    assert not default_storage.exists(original)
    photo.refresh_from_db()
    assert photo.image.name != original and photo.renditions_due


def test_an_original_missing_under_an_unchanged_photo_is_an_error(queued):
    photo = ingest.create(images.upload("hn.jpg", images.jpeg((900, 600))), None)
    default_storage.delete(photo.image.name)
    with pytest.raises(FileNotFoundError):
        ingest.render(photo.pk)
