"""The operators' admin pages (task queue, periodic jobs, sign-in lockouts, two-factor
devices, sessions) speak Vietnamese, like the rest of the newsroom."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from newsroom.jobs.models import PeriodicRun, TaskRun
from newsroom.jobs.tasks import clean_media
from tests.factories import UserFactory
from tests.newsroom.test_admin_vietnamese import english_in, visible_text

pytestmark = pytest.mark.django_db

# Phrases of django-axes and django-tasks-db that must not reach the page.
ENGLISH = [
    "Task Result",
    "Tasks Database Backend",
    "Username",
    "IP Address",
    "Failed Logins",
    "Attempt Time",
    "Attempted Access",
    "User Agent",
    "enqueued at",
    "queue name",
    "traceback",
    "run after",
    "READY",
    "FAILED",
    "Ready",
    "Failed",
]


@pytest.fixture
def superuser(db):
    return UserFactory(username="quantri", is_superuser=True)


@pytest.fixture
def queue(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "media"]}
    }
    done = clean_media.enqueue()
    return TaskRun.objects.get(pk=done.id)


def page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    text = visible_text(html)
    assert english_in(html) == []
    assert [phrase for phrase in ENGLISH if phrase in text] == []
    return text


def test_the_task_queue_is_listed_in_vietnamese(client, superuser, queue):
    text = page(client, superuser, reverse("admin:jobs_taskrun_changelist"))
    assert "Hàng đợi tác vụ" in text
    assert "Dọn tệp ảnh mồ côi và tệp dở dang" in text
    assert "Sẵn sàng" in text  # Django's READY, in its Vietnamese words


def test_a_task_opens_in_vietnamese_with_its_error(client, superuser, queue):
    DBTaskResult.objects.filter(pk=queue.pk).update(status="FAILED", traceback="ValueError: hỏng")
    text = page(client, superuser, reverse("admin:jobs_taskrun_change", args=[queue.pk]))
    assert "Thất bại" in text and "ValueError: hỏng" in text


def test_djangos_english_task_admin_is_gone(client, superuser):
    client.force_login(superuser)
    url = "/admin/django_tasks_database/dbtaskresult/"
    assert client.get(url).status_code == 404


def test_periodic_jobs_are_listed_in_vietnamese(client, superuser):
    PeriodicRun.objects.create(name=clean_media.module_path, due_at="2026-12-01T08:00:00Z")
    text = page(client, superuser, reverse("admin:jobs_periodicrun_changelist"))
    assert "Dọn tệp ảnh mồ côi và tệp dở dang" in text


def test_sign_in_lockouts_are_listed_and_opened_in_vietnamese(client, superuser):
    attempt = AccessAttempt.objects.create(
        username="phongvien",
        ip_address="203.0.113.7",
        failures_since_start=5,
        user_agent="Firefox",
        path_info="/admin/login/",
        get_data="",
        post_data="",
    )
    listed = page(client, superuser, reverse("admin:accounts_lockedsignin_changelist"))
    opened = page(
        client, superuser, reverse("admin:accounts_lockedsignin_change", args=[attempt.pk])
    )

    assert "Tên đăng nhập" in listed and "Số lần đăng nhập sai" in listed
    assert "Mở khoá đăng nhập cho các dòng đã chọn" in listed
    assert "phongvien từ 203.0.113.7: 5 lần sai" in opened


@pytest.mark.parametrize(
    "name", ["admin:accounts_twofactordevice_changelist", "admin:accounts_signinsession_changelist"]
)
def test_other_sign_in_pages_show_no_english(client, superuser, name):
    page(client, superuser, reverse(name))
