"""Backups an operator can restore: the database, the media folder, and a manifest.

A backup is a folder ``newsroom-YYYYmmdd-HHMMSS/`` holding

- ``database.dump`` (PostgreSQL, ``pg_dump --format=custom``) or ``database.sqlite3``
  (SQLite, the online backup API: a consistent copy while the site runs);
- ``media.tar``, the media folder (partial files of interrupted uploads left out);
- ``manifest.json``: rows per model, the media files with their SHA-256, and the
  SHA-256 of the two files above.

On PostgreSQL the row counts and the dump read one snapshot (``pg_export_snapshot``
shared with ``pg_dump --snapshot``), so the manifest describes exactly what was
dumped even while editors keep working. ``restore`` checks every checksum before
it touches anything, refuses a database or media folder that is not empty unless
told ``force``, and compares the counts and media checksums afterwards.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone

from newsroom.storage import is_partial

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_TAR = "media.tar"
DUMP_NAMES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    pass


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _models():
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy:
            yield model


def model_counts(alias="default"):
    return {
        model._meta.label: model._base_manager.using(alias).count()
        for model in sorted(_models(), key=lambda m: m._meta.label)
    }


def _sqlite_counts(path):
    with sqlite3.connect(path) as db:
        return {
            model._meta.label: db.execute(
                f'SELECT COUNT(*) FROM "{model._meta.db_table}"'  # noqa: S608
            ).fetchone()[0]
            for model in sorted(_models(), key=lambda m: m._meta.label)
        }


def media_files(root):
    root = Path(root)
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): sha256_of(path)
        for path in sorted(root.rglob("*"))
        if path.is_file() and not is_partial(path.name)
    }


def _libpq(settings_dict):
    """Arguments and environment for pg_dump/pg_restore from Django's settings."""
    arguments = ["--dbname", settings_dict["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            arguments += [option, str(settings_dict[key])]
    environment = {**os.environ}
    if settings_dict.get("PASSWORD"):
        environment["PGPASSWORD"] = settings_dict["PASSWORD"]
    if settings_dict.get("OPTIONS", {}).get("sslmode"):
        environment["PGSSLMODE"] = settings_dict["OPTIONS"]["sslmode"]
    return arguments, environment


def _run(command, environment):
    result = subprocess.run(  # noqa: S603
        command, env=environment, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _dump_postgresql(connection, target):
    arguments, environment = _libpq(connection.settings_dict)
    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        counts = model_counts(connection.alias)
        command = ["pg_dump", "--format=custom", f"--snapshot={snapshot}", "--file", str(target)]
        _run([*command, *arguments], environment)
    return counts


def _dump_sqlite(connection, target):
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    copy.close()
    return _sqlite_counts(target)


def backup(destination, alias="default", media_root=None):
    connection = connections[alias]
    vendor = connection.vendor
    if vendor not in DUMP_NAMES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    media_root = Path(media_root or settings.MEDIA_ROOT)
    folder = Path(destination) / timezone.now().strftime("newsroom-%Y%m%d-%H%M%S")
    folder.mkdir(parents=True)
    dump = folder / DUMP_NAMES[vendor]
    dumper = _dump_postgresql if vendor == "postgresql" else _dump_sqlite
    counts = dumper(connection, dump)

    files = media_files(media_root)
    with tarfile.open(folder / MEDIA_TAR, "w") as archive:
        for name in files:
            archive.add(media_root / name, arcname=name)

    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "engine": vendor,
        "django": django.get_version(),
        "counts": counts,
        "media": files,
        "files": {
            path.name: {"sha256": sha256_of(path), "bytes": path.stat().st_size}
            for path in (dump, folder / MEDIA_TAR)
        },
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return folder, manifest


def read_manifest(folder):
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"No readable {MANIFEST} in {folder}: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    for name, expected in manifest["files"].items():
        path = folder / name
        if not path.exists():
            raise BackupError(f"{name} is missing from the backup.")
        if sha256_of(path) != expected["sha256"]:
            raise BackupError(f"{name} does not match its checksum: the backup is damaged.")
    return manifest


def _is_empty_database(connection):
    return not connection.introspection.table_names()


def _is_empty_folder(root):
    return not root.exists() or not any(root.iterdir())


def _restore_postgresql(connection, dump, force):
    arguments, environment = _libpq(connection.settings_dict)
    connection.close()
    command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"]
    if force:
        command += ["--clean", "--if-exists"]
    _run([*command, *arguments, str(dump)], environment)


def _restore_sqlite(connection, dump, force):
    target = connection.settings_dict["NAME"]
    connection.close()
    with sqlite3.connect(dump) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    source.close()
    copy.close()


def restore(folder, alias="default", media_root=None, force=False):
    """Restore a backup; returns a list of differences (empty when all matches)."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    connection = connections[alias]
    if manifest["engine"] != connection.vendor:
        raise BackupError(
            f"This backup is of a {manifest['engine']} database; the target is {connection.vendor}."
        )
    media_root = Path(media_root or settings.MEDIA_ROOT)
    if not force:
        if not _is_empty_database(connection):
            raise BackupError(
                "The target database is not empty. Restore into a new, empty database, "
                "or pass --force to replace its contents."
            )
        if not _is_empty_folder(media_root):
            raise BackupError(
                f"The media folder {media_root} is not empty. Give an empty folder, "
                "or pass --force to replace its contents."
            )
    dump = folder / DUMP_NAMES[manifest["engine"]]
    restorer = _restore_postgresql if manifest["engine"] == "postgresql" else _restore_sqlite
    restorer(connection, dump, force)

    if force and media_root.exists():
        shutil.rmtree(media_root)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / MEDIA_TAR) as archive:
        archive.extractall(media_root, filter="data")

    return compare(manifest, alias, media_root)


def compare(manifest, alias, media_root):
    differences = []
    counts = model_counts(alias)
    for label, expected in manifest["counts"].items():
        found = counts.get(label)
        if found != expected:
            differences.append(f"{label}: {found} rows, the backup has {expected}")
    restored = media_files(media_root)
    for name, checksum in manifest["media"].items():
        if restored.get(name) != checksum:
            differences.append(f"media {name}: missing or different")
    return differences
