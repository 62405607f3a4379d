"""The task worker (django-tasks-db), periodic jobs, and `make run` starting them."""

import datetime as dt
import io
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from newsroom.jobs import periodic
from newsroom.jobs.models import PeriodicRun
from newsroom.jobs.tasks import clean_media
from photos.tasks import make_due_renditions

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
MORNING = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)
runs = []


@task()
def remember(label="chay"):
    runs.append(label)
    return label


@pytest.fixture
def job():
    runs.clear()
    return {"remember": periodic.Job(remember, dt.timedelta(hours=1), {"label": "moi-gio"})}


def test_a_periodic_job_runs_when_first_seen(job):
    assert periodic.tick(now=MORNING, jobs=job) == [remember.module_path]
    assert runs == ["moi-gio"]


def test_a_periodic_job_waits_for_its_interval(job):
    periodic.tick(now=MORNING, jobs=job)
    assert periodic.tick(now=MORNING + dt.timedelta(minutes=59), jobs=job) == []
    assert periodic.tick(now=MORNING + dt.timedelta(minutes=60), jobs=job) != []
    assert runs == ["moi-gio", "moi-gio"]
    run = PeriodicRun.objects.get(name=remember.module_path)
    assert run.due_at == MORNING + dt.timedelta(hours=2)


def test_two_runners_at_the_same_moment_enqueue_once(job):
    """Several app servers may each run `run_periodic`; the conditional UPDATE decides."""
    periodic.tick(now=MORNING, jobs=job)
    later = MORNING + dt.timedelta(hours=1)
    first = periodic.tick(now=later, jobs=job)
    second = periodic.tick(now=later, jobs=job)
    assert (first, second) == ([remember.module_path], [])
    assert len(runs) == 2


def test_the_media_clean_up_is_registered_as_periodic():
    assert periodic.registry[clean_media.module_path].task is clean_media


def test_run_periodic_once_enqueues_what_is_due():
    out = io.StringIO()
    call_command("run_periodic", "--once", stdout=out)
    assert f"enqueued {clean_media.module_path}" in out.getvalue()
    out = io.StringIO()
    call_command("run_periodic", "--once", stdout=out)
    assert "enqueued" not in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_an_enqueued_task(settings):
    Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
    result = clean_media.using(backend="database").enqueue()
    row = DBTaskResult.objects.get(id=result.id)
    assert row.status == TaskResultStatus.READY
    call_command(
        "db_worker",
        "--backend",
        "database",
        "--queue-name",
        "*",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        verbosity=0,
    )
    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.return_value == {"orphans": [], "partials": [], "bytes": 0, "deleted": 0}


def test_tests_run_tasks_immediately(settings):
    assert settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")
    assert remember.enqueue(label="ngay").status == TaskResultStatus.SUCCESSFUL


# --- make run --------------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def processes_in_session(session_id):
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
        if int(fields[3]) == session_id and fields[0] != "Z":
            found[int(entry.name)] = command
    return found


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def finished_tasks(database):
    with sqlite3.connect(database) as connection:
        return connection.execute(
            "SELECT task_path FROM django_tasks_database_dbtaskresult WHERE status = 'SUCCESSFUL'"
        ).fetchall()


def test_make_run_starts_the_worker_beside_the_server_and_ctrl_c_stops_all(tmp_path):
    environment = {
        **{k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}},
        "DATABASE_URL": f"sqlite:///{tmp_path / 'dev.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PY": sys.executable,
        "PORT": str(free_port()),
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"],
        cwd=ROOT,
        env=environment,
        check=True,
        timeout=300,
    )
    server = subprocess.Popen(  # noqa: S603
        [str(ROOT / "bin" / "devserver")],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{environment['PORT']}/healthz"

    def answers():
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    try:
        assert wait_for(answers, 90), "runserver did not answer"
        commands = " | ".join(processes_in_session(server.pid).values())
        assert "manage.py db_worker" in commands
        assert "manage.py run_periodic" in commands
        assert "manage.py runserver" in commands
        # The runner enqueued the periodic jobs on start and the worker ran them (the
        # media clean-up and the renditions sweep beside the others, such as the read
        # counter's flush).
        database = tmp_path / "dev.sqlite3"
        wanted = {(clean_media.module_path,), (make_due_renditions.module_path,)}
        assert wait_for(lambda: wanted <= set(finished_tasks(database)), 30)
        # Ctrl-C in a terminal signals the whole foreground group.
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=30)
        assert wait_for(lambda: not processes_in_session(server.pid), 15), processes_in_session(
            server.pid
        )
    finally:
        if server.poll() is None or processes_in_session(server.pid):
            os.killpg(server.pid, signal.SIGKILL)
