import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db.models import Value

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env_overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DJANGO_SETTINGS_MODULE",
            "DEBUG",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(env_overrides)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_check_deploy_reports_no_issue():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="newsroom.settings.production",
        SECRET_KEY="x7Qp2vL9sK4mN8rT1wY6zB3cF5hJ0dG2aE7uI9oP4lK8jH6gF3dS1aZ5xC7vB9nM",
        ALLOWED_HOSTS="congan.example.vn",
        REDIS_URL="redis://127.0.0.1:6379/5",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_required_variable(missing):
    present = {
        "SECRET_KEY": "a" * 60,
        "ALLOWED_HOSTS": "congan.example.vn",
        "REDIS_URL": "redis://127.0.0.1:6379/5",
    }
    del present[missing]
    result = run_manage("check", DJANGO_SETTINGS_MODULE="newsroom.settings.production", **present)
    assert result.returncode != 0
    assert f"Environment variable {missing} is required" in result.stderr


def test_language_and_time_zone_are_vietnamese(settings):
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ is True


def test_redis_cache_is_used_when_redis_url_is_set():
    code = (
        "import django; from django.conf import settings; django.setup(); "
        "print(settings.CACHES['default']['BACKEND'])"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev"}
    env["REDIS_URL"] = "redis://127.0.0.1:6379/3"
    with_redis = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    env.pop("REDIS_URL")
    without = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert with_redis.stdout.strip() == "newsroom.cache.ResilientRedisCache"
    assert without.stdout.strip() == "django.core.cache.backends.locmem.LocMemCache"


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
    "SECRET_KEY": "a" * 60,
    "ALLOWED_HOSTS": "congan.example.vn",
}


def test_production_refuses_a_per_process_cache():
    result = run_manage("check", **PRODUCTION, REDIS_URL="", CACHE_BACKEND="locmem")
    assert result.returncode != 0
    assert "Production needs a cache shared by every process" in result.stderr


@pytest.mark.parametrize(
    ("variables", "backend"),
    [
        ({"REDIS_URL": "redis://127.0.0.1:6379/5"}, "newsroom.cache.ResilientRedisCache"),
        ({"CACHE_BACKEND": "database"}, "django.core.cache.backends.db.DatabaseCache"),
    ],
)
def test_production_starts_with_a_shared_cache(variables, backend):
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = run_manage("shell", "-c", code, **PRODUCTION, **variables)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == backend


def test_media_goes_to_object_storage_when_a_bucket_is_named():
    code = "from django.conf import settings; print(settings.STORAGES['default']['BACKEND'])"
    common = {**PRODUCTION, "REDIS_URL": "redis://127.0.0.1:6379/5"}
    on_disk = run_manage("shell", "-c", code, **common)
    on_s3 = run_manage("shell", "-c", code, **common, S3_BUCKET="anh-bao")
    assert on_disk.stdout.strip().splitlines()[-1] == "newsroom.storage.AtomicFileSystemStorage"
    assert on_s3.stdout.strip().splitlines()[-1] == "storages.backends.s3.S3Storage"


def test_replica_alias_exists_only_when_its_url_is_set():
    code = (
        "from django.conf import settings; "
        "print(sorted(settings.DATABASES), settings.DATABASE_READ_REPLICA)"
    )
    common = {**PRODUCTION, "REDIS_URL": "redis://127.0.0.1:6379/5"}
    alone = run_manage("shell", "-c", code, **common)
    paired = run_manage(
        "shell",
        "-c",
        code,
        **common,
        DATABASE_REPLICA_URL="postgres://doc@10.0.0.2:5432/newsroom",
    )
    assert alone.stdout.strip().splitlines()[-1] == "['default'] None"
    assert paired.stdout.strip().splitlines()[-1] == "['default', 'replica'] replica"


# --- Settings read once, none dead ------------------------------------------------------

SOURCES = [
    path
    for app in (
        "api",
        "articles",
        "clusters",
        "discovery",
        "editorial",
        "importer",
        "newsroom",
        "photos",
    )
    for path in (ROOT / app).rglob("*.py")
    if "/migrations/" not in path.as_posix()
]
SETTINGS_DIR = ROOT / "newsroom" / "settings"
# Entry points that pick the settings module, and a subprocess handed our environment.
ENVIRONMENT_READERS = {"newsroom/wsgi.py", "newsroom/asgi.py"}
# Libraries read these by name.
LIBRARY_PREFIXES = (
    "AXES_",
    "OTP_",
    "CKEDITOR_5_",
    "CK_EDITOR_5_",
    "WHITENOISE_",
    "CORS_",
    "REST_FRAMEWORK",
    "SPECTACULAR_",
)


def test_the_environment_is_read_only_in_the_settings_package():
    found = []
    for path in SOURCES:
        relative = path.relative_to(ROOT).as_posix()
        if path.is_relative_to(SETTINGS_DIR) or relative in ENVIRONMENT_READERS:
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if re.search(r"os\.environ(\.get|\[)|os\.getenv|getenv\(", line):
                found.append(f"{relative}:{number}: {line.strip()}")
    assert not found, "read it in newsroom/settings (env.get) instead:\n" + "\n".join(found)


def test_every_project_setting_is_used():
    from django.conf import global_settings

    from newsroom.settings import base

    code = "\n".join(path.read_text() for path in SOURCES)
    ours = [
        name
        for name in vars(base)
        if name.isupper()
        and not name.startswith("_")
        and not hasattr(global_settings, name)
        and not name.startswith(LIBRARY_PREFIXES)
        and name not in {"BASE_DIR", "ROOT_URLCONF"}
    ]

    def uses(name):
        mentions = len(re.findall(rf"(?<![\"'\w]){name}(?![\"'\w])", code))
        return mentions - len(re.findall(rf"^{name}\s*=", code, re.MULTILINE))

    dead = [name for name in ours if uses(name) <= 0]
    assert not dead, f"settings nothing reads: {dead}"


def test_postgresql_connections_turn_jit_off(monkeypatch):
    """Short public queries must not pay for JIT compilation (issue 11)."""
    from newsroom.settings import services

    monkeypatch.setenv("DATABASE_URL", "postgres://doc@10.0.0.1:5432/newsroom")
    monkeypatch.setenv("DATABASE_REPLICA_URL", "postgres://doc@10.0.0.2:5432/newsroom")
    monkeypatch.delenv("DB_JIT", raising=False)
    found = services.databases("sqlite:///unused")
    assert {alias: db["OPTIONS"]["options"] for alias, db in found.items()} == {
        "default": "-c jit=off",
        "replica": "-c jit=off",
    }
    monkeypatch.setenv("DB_JIT", "1")
    assert "options" not in services.databases("sqlite:///unused")["default"].get("OPTIONS", {})


def test_postgresql_queries_are_bound_by_the_server_and_prepared(monkeypatch):
    """PostgreSQL plans a query once per connection, not on every request (issue 13);
    DB_PREPARED=0 turns it off (a pooler that keeps no prepared statements)."""
    from newsroom.settings import services

    monkeypatch.setenv("DATABASE_URL", "postgres://doc@10.0.0.1:5432/newsroom")
    monkeypatch.setenv("DATABASE_REPLICA_URL", "postgres://doc@10.0.0.2:5432/newsroom")
    monkeypatch.delenv("DB_PREPARED", raising=False)
    for database in services.databases("sqlite:///unused").values():
        assert database["OPTIONS"]["server_side_binding"] is True
        assert database["OPTIONS"]["prepare_threshold"] == 2
    monkeypatch.setenv("DB_PREPARED", "0")
    options = services.databases("sqlite:///unused")["default"]["OPTIONS"]
    assert "server_side_binding" not in options and "prepare_threshold" not in options
    monkeypatch.setenv("DATABASE_URL", "sqlite:///x.sqlite3")
    monkeypatch.delenv("DB_PREPARED")
    assert "OPTIONS" not in services.databases("sqlite:///unused")["default"]


@pytest.mark.django_db
def test_a_query_run_again_on_a_connection_is_prepared():
    from django.db import connection

    from articles.models import Article

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    connection.ensure_connection()
    assert connection.features.uses_server_side_binding
    # A statement no other test runs: its own alias.
    rows = Article.objects.annotate(prepared_probe_3483717=Value(1)).filter

    def prepared():
        with connection.cursor() as cursor:
            cursor.execute("SELECT statement FROM pg_prepared_statements")
            return [row[0] for row in cursor.fetchall() if "prepared_probe_3483717" in row[0]]

    assert prepared() == []
    list(rows(pk=1))
    list(rows(pk=2))
    assert prepared() == []  # twice: not yet
    list(rows(pk=3))
    assert len(prepared()) == 1


@pytest.mark.django_db
def test_the_applications_postgresql_sessions_run_without_jit():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
