"""Backup of the seeded demo, restored into a fresh database and media folder."""

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from newsroom import backup
from newsroom.media import _photo_model
from newsroom.storage import PARTIAL_PREFIX

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
COUNTS = "import json; from newsroom.backup import model_counts; print(json.dumps(model_counts()))"


@pytest.fixture(autouse=True)
def _roles():
    """Transactional tests flush the database, groups included; put the roles back."""
    from django.apps import apps

    from newsroom.roles import sync_roles

    sync_roles(apps)


def run_manage(*args, **variables):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "MEDIA_ROOT"}
    }
    environment.update(DJANGO_SETTINGS_MODULE="newsroom.settings.dev", **variables)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def demo(settings):
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", stdout=quiet)
    media = Path(settings.MEDIA_ROOT)
    # A partial file from an interrupted upload is not part of any backup.
    (media / f"{PARTIAL_PREFIX}0000-goc.jpg").write_bytes(b"nua chung")
    return media


@pytest.fixture
def fresh_postgresql():
    """An empty database next to the test database; dropped afterwards."""
    settings_dict = connection.settings_dict
    name = f"{settings_dict['NAME']}_khoi_phuc"
    server = {
        "host": settings_dict["HOST"] or "127.0.0.1",
        "port": settings_dict["PORT"] or 5432,
        "user": settings_dict["USER"],
        "password": settings_dict["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    user = server["user"] + (f":{server['password']}" if server["password"] else "")
    yield f"postgres://{user}@{server['host']}:{server['port']}/{name}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def round_trip(demo, tmp_path, database_url):
    call_command("backup", str(tmp_path / "sao-luu"), stdout=open(os.devnull, "w"))  # noqa: SIM115
    (folder,) = (tmp_path / "sao-luu").iterdir()
    manifest = json.loads((folder / "manifest.json").read_text())
    media = tmp_path / "media-moi"
    target = {"DATABASE_URL": database_url, "MEDIA_ROOT": str(media)}

    restored = run_manage("restore", str(folder), **target)
    assert restored.returncode == 0, restored.stderr
    assert "row counts and media checksums match the backup" in restored.stdout

    counted = run_manage("shell", "-c", COUNTS, **target)
    assert counted.returncode == 0, counted.stderr
    restored_counts = json.loads(counted.stdout.strip().splitlines()[-1])
    source_counts = backup.model_counts()
    assert restored_counts == source_counts == manifest["counts"]
    assert source_counts["articles.Article"] > 0
    assert source_counts[_photo_model()._meta.label] > 0
    assert source_counts["clusters.Official"] > 0

    source_media = backup.media_files(demo)
    assert source_media
    assert backup.media_files(media) == source_media == manifest["media"]
    assert not any(name.startswith(PARTIAL_PREFIX) for name in manifest["media"])
    return folder, target


@pytest.mark.sqlite
def test_sqlite_backup_restores_into_a_fresh_database_and_media_folder(demo, tmp_path):
    folder, _ = round_trip(demo, tmp_path, f"sqlite:///{tmp_path / 'khoi-phuc.sqlite3'}")
    assert (folder / "database.sqlite3").exists()


@pytest.mark.postgres
def test_postgresql_backup_restores_into_a_fresh_database_and_media_folder(
    demo, tmp_path, fresh_postgresql
):
    folder, target = round_trip(demo, tmp_path, fresh_postgresql)
    assert (folder / "database.dump").read_bytes()[:5] == b"PGDMP"
    # Restoring again over what is now there is refused without --force ...
    again = run_manage("restore", str(folder), **target)
    assert again.returncode != 0
    assert "The target database is not empty" in again.stderr
    # ... and replaces it with --force.
    forced = run_manage("restore", str(folder), "--force", **target)
    assert forced.returncode == 0, forced.stderr


@pytest.fixture
def small_backup(tmp_path, settings):
    media = Path(settings.MEDIA_ROOT)
    (media / "anh").mkdir(parents=True)
    (media / "anh" / "goc.jpg").write_bytes(b"anh")
    folder, _ = backup.backup(tmp_path / "sao-luu")
    return folder


@pytest.mark.sqlite
def test_restore_refuses_a_database_that_is_not_empty(small_backup, tmp_path):
    import sqlite3

    target = tmp_path / "dang-dung.sqlite3"
    with sqlite3.connect(target) as db:
        db.execute("CREATE TABLE du_lieu (id integer)")
    db.close()
    result = run_manage(
        "restore",
        str(small_backup),
        DATABASE_URL=f"sqlite:///{target}",
        MEDIA_ROOT=str(tmp_path / "media-moi"),
    )
    assert result.returncode != 0
    assert "The target database is not empty" in result.stderr


@pytest.mark.sqlite
def test_restore_refuses_a_media_folder_that_is_not_empty(small_backup, tmp_path):
    media = tmp_path / "media-cu"
    media.mkdir()
    (media / "anh-cu.jpg").write_bytes(b"cu")
    result = run_manage(
        "restore",
        str(small_backup),
        DATABASE_URL=f"sqlite:///{tmp_path / 'moi.sqlite3'}",
        MEDIA_ROOT=str(media),
    )
    assert result.returncode != 0
    assert "is not empty" in result.stderr
    assert (media / "anh-cu.jpg").read_bytes() == b"cu"


def test_a_damaged_backup_is_refused_before_anything_is_touched(small_backup, tmp_path):
    archive = small_backup / "media.tar"
    data = bytearray(archive.read_bytes())
    data[600] ^= 0xFF
    archive.write_bytes(bytes(data))
    with pytest.raises(backup.BackupError, match=r"media\.tar does not match its checksum"):
        backup.read_manifest(small_backup)


def test_the_manifest_names_counts_and_checksums(small_backup, settings):
    import hashlib

    manifest = json.loads((small_backup / "manifest.json").read_text())
    assert manifest["engine"] == connection.vendor
    assert manifest["media"] == {"anh/goc.jpg": hashlib.sha256(b"anh").hexdigest()}
    assert manifest["counts"]["auth.Group"] == 3
    for name, entry in manifest["files"].items():
        assert entry["sha256"] == backup.sha256_of(small_backup / name)
