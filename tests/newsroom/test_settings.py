import os
import subprocess
import sys
from pathlib import Path

import pytest

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
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_required_variable(missing):
    present = {"SECRET_KEY": "a" * 60, "ALLOWED_HOSTS": "congan.example.vn"}
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
    assert with_redis.stdout.strip() == "django.core.cache.backends.redis.RedisCache"
    assert without.stdout.strip() == "django.core.cache.backends.locmem.LocMemCache"
