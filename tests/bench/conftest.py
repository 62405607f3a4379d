"""The benchmarks' size knob, their shared archive and where their results go.

``BENCH_SIZE`` (environment) or ``--bench-size`` (pytest option) is one size or several,
comma-separated (``tests/bench/sizes.py``). With several, every benchmark runs at each
size, smallest first, on one archive grown in between, and the session ends with the
scaling table (``tests/bench/report.py``).

The archive lives in pytest-django's test database and is committed (the HTTP
benchmark's server reads it from other processes), so these tests do not use the
``db`` fixture: they ask for ``bench_db``. The test database is dropped at the end.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from . import report, sizes
from .data import Archive

ROOT = Path(__file__).resolve().parents[2]


def pytest_addoption(parser):
    parser.addoption(
        "--bench-size",
        default=None,
        help="benchmark sizes, comma-separated: smoke, 1k, 10k, 100k or a number "
        "(default: $BENCH_SIZE, else 100k)",
    )


def pytest_generate_tests(metafunc):
    if "bench_size" in metafunc.fixturenames:
        chosen = sizes.chosen(metafunc.config)
        metafunc.parametrize("bench_size", chosen, indirect=True, scope="session", ids=chosen)


@pytest.fixture(scope="session")
def bench_size(request):
    """The size this test runs at: a name ("smoke", "10k"…)."""
    return request.param


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    """SQLite's test database in a file: the HTTP benchmark's server opens it too."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if not database["ENGINE"].endswith("sqlite3"):
        yield
        return
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as folder:
        database.setdefault("TEST", {})["NAME"] = str(Path(folder) / "bench.sqlite3")
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker, django_db_modify_db_settings):
    """The test database, made for these tests although none carries a django_db mark."""
    from django.test.utils import setup_databases, teardown_databases

    with django_db_blocker.unblock():
        made = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    yield
    with django_db_blocker.unblock():
        teardown_databases(made, verbosity=0)


@pytest.fixture(scope="session")
def bench_media(tmp_path_factory):
    """One media folder for the session: the archive's photos, read by the server too."""
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="session")
def static_root():
    """collectstatic once, under the production storage (hashed, compressed names)."""
    from .test_bench_http import _production_env

    folder = Path(tempfile.mkdtemp(prefix="newsroom-bench-static-"))
    # collectstatic needs no cache, but the production settings insist on a shared one.
    env = {
        **os.environ,
        **_production_env(),
        "CACHE_BACKEND": "database",
        "STATIC_ROOT": str(folder),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def _archive(django_db_setup, django_db_blocker, bench_media):
    from django.conf import settings

    settings.MEDIA_ROOT = bench_media
    return Archive()


@pytest.fixture
def bench_db(django_db_blocker):
    """Database access without pytest-django's per-test transaction or flush."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def archive(_archive, bench_size, bench_db, settings, bench_media):
    """The archive grown to this test's size (a committed database, shared by the session)."""
    from django.db import connection

    settings.MEDIA_ROOT = bench_media
    count = sizes.size_of(bench_size)
    before = _archive.count
    _archive.grow_to(count)
    if _archive.count != before:
        timings = _archive.timings
        print(
            f"\n[archive] {connection.vendor}: {count:,} generated published articles "
            f"(+{_archive.demo_published} demo) and {len(_archive.hidden_slugs):,} never "
            f"public, built so far in {timings.total_s:.1f} s (demo {timings.seed_s:.1f}, "
            f"generate {timings.generate_s:.1f}, load {timings.load_s:.1f}, indexes "
            f"{timings.index_s:.1f}, vacuum/analyse {timings.analyse_s:.1f}); "
            f"{_archive.checked} articles checked against the project's derivation",
            file=sys.stderr,
        )
        report.record_archive(bench_size, connection.vendor, _archive)
    return _archive


def pytest_terminal_summary(terminalreporter):
    report.summary(terminalreporter)
