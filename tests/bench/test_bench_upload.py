"""An editor uploads a camera photo while readers load the site (issue 14, make bench).

The production shape on 127.0.0.1: gunicorn with the shipped config
(``deploy/gunicorn.conf.py``: its timeouts and limits; 3 sync workers, the README's
count) running the production settings (``tests/bench/settings.py``) on the benchmark
archive, the task worker (``manage.py db_worker``, every queue) making the renditions,
and Redis as the shared cache when it answers (else the database cache).

Readers: every public page of the HTTP benchmark in turn from ``connections`` keep-alive
connections for ``duration`` seconds (wrk, else the Python client); a request not
answered within ``BENCH_UPLOAD_TIMEOUT`` seconds (10) counts as an error, as a reader's
browser or a proxy would give up. A fifth of the way in, the editor (the demo's
"bientap") signs in through the admin's login form and drops a camera JPEG into the
editor: the POST CKEditor's upload adapter makes to ``photos:editor_image_upload``, with
the CSRF token from the cookie in ``X-CSRFToken``. Reported: the upload's wall time, how
long after its answer the worker had stored the renditions, and the readers' req/s,
p50/p99 and errors.

Failures: a reader error of any kind, an upload answered other than 200 with the
editor's image address, or renditions not made (within ``BENCH_UPLOAD_RENDITIONS_WAIT``
s, 300). Timings are reported, never asserted.

Sizes: at smoke size (CI) 8 connections for 5 s and a 2-megapixel photo, so the path
cannot rot; at any other size 64 connections for 60 s and a 24-megapixel photo
(``BENCH_UPLOAD_CONNECTIONS``, ``BENCH_UPLOAD_SECONDS``, ``BENCH_UPLOAD_MEGAPIXELS``
override them).
"""

import json
import re
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

from . import accounts, load, processes, report
from .sizes import is_smoke
from .test_bench_http import Cache, _database_url, _production_env, pages, setting
from .test_bench_imaging import camera_jpeg

pytestmark = pytest.mark.bench

GUNICORN_CONFIG = processes.ROOT / "deploy" / "gunicorn.conf.py"
WEB_WORKERS = 3
UPLOAD = "/soan-thao/tai-anh/"
EDITOR_SRC = re.compile(r"^/soan-thao/anh/(\d+)/$")


def upload_settings(size):
    smoke = is_smoke(size)
    megapixels = float(setting("BENCH_UPLOAD_MEGAPIXELS", "2" if smoke else "24"))
    width = round((megapixels * 1e6 * 3 / 2) ** 0.5)  # 3:2, as cameras shoot
    return {
        "connections": int(setting("BENCH_UPLOAD_CONNECTIONS", "8" if smoke else "64")),
        "duration": float(setting("BENCH_UPLOAD_SECONDS", "5" if smoke else "60")),
        "timeout": float(setting("BENCH_UPLOAD_TIMEOUT", "10")),
        "size": (width, round(width * 2 / 3)),
        "renditions_wait": float(setting("BENCH_UPLOAD_RENDITIONS_WAIT", "300")),
        "tool": setting("BENCH_LOAD", "wrk" if load.WRK else "python"),
    }


def _wait_for_renditions(photo_id, limit):
    """Seconds until the photo's renditions were stored (polled every 0.1 s), or None."""
    from photos.models import Photo

    began = time.monotonic()
    while time.monotonic() - began < limit:
        photo = Photo.objects.filter(pk=photo_id).values("renditions_due", "renditions").get()
        if not photo["renditions_due"] and photo["renditions"]:
            return time.monotonic() - began, len(photo["renditions"])
        time.sleep(0.1)
    return None, 0


def test_an_editor_uploads_a_camera_photo_under_reader_load(
    archive, bench_size, static_root, bench_media, tmp_path
):
    chosen = upload_settings(bench_size)
    picture = tmp_path / "DSC_0001.JPG"
    camera_jpeg(picture, chosen["size"])
    content = picture.read_bytes()
    username, password = archive.editor.username, accounts.new_password(archive.editor)
    cache = Cache()
    env = {
        **_production_env(_database_url()),
        **cache.env,
        "PAGE_CACHE": "1",
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(bench_media),
    }
    paths = [path for _, path in pages(archive)]
    megapixels = chosen["size"][0] * chosen["size"][1] / 1e6
    print(
        f"\nUpload under load, {connection.vendor}, {bench_size}: {chosen['tool']}, "
        f"{chosen['connections']} connections × {chosen['duration']:.0f} s over "
        f"{len(paths)} pages, a {chosen['size'][0]}×{chosen['size'][1]} JPEG "
        f"({megapixels:.1f} MP, {len(content) / 1e6:.1f} MB); gunicorn {WEB_WORKERS} sync "
        f"workers (deploy/gunicorn.conf.py), the task worker, cache {cache.label}; "
        f"load average {' '.join(processes.load_average())}",
        flush=True,
    )
    cache.clear()
    readers = {}
    with (
        # No access log: 64 connections for a minute would write tens of thousands of lines.
        processes.Gunicorn(
            env, workers=WEB_WORKERS, config=GUNICORN_CONFIG, args=["--access-logfile", "/dev/null"]
        ) as server,
        processes.Worker(env) as worker,
    ):
        server.start()
        worker.start()
        for path in paths:  # every page answers, and each worker has imported what it needs
            status = load.get(server.url, path)[0]
            assert status == 200, f"{path}: HTTP {status}"
        browser = load.Browser(server.url)
        accounts.sign_in(browser, username, password)

        def read():
            readers["result"] = load.run(
                server.url,
                paths,
                connections=chosen["connections"],
                duration=chosen["duration"],
                max_requests=10_000_000,
                tool=chosen["tool"],
                timeout=chosen["timeout"],
            )

        load_thread = threading.Thread(target=read)
        started = time.monotonic()
        load_thread.start()
        time.sleep(chosen["duration"] / 5)
        status, _, body, upload_s = browser.post_file(UPLOAD, "upload", picture.name, content)
        uploaded_at = time.monotonic() - started
        assert status == 200, f"upload: HTTP {status}: {body[:500]!r}"
        answer = json.loads(body)
        found = EDITOR_SRC.match(answer.get("url", ""))
        assert found, f"upload answered {answer}"
        photo_id = int(found.group(1))
        ready_s, renditions = _wait_for_renditions(photo_id, chosen["renditions_wait"])
        load_thread.join()
        worker_log = worker.log_tail()
        # Workers started after the first ones: max_requests recycles them (a cold start).
        boots = Path(server.log.name).read_text().count("Booting worker") - WEB_WORKERS
    result = readers["result"]
    figures = {
        "settings": {**chosen, "size": list(chosen["size"]), "cache": cache.label},
        "web_workers": WEB_WORKERS,
        "web_workers_recycled": boots,
        "photo_bytes": len(content),
        "upload_s": round(upload_s, 2),
        "upload_started_after_s": round(uploaded_at - upload_s, 1),
        "renditions_ready_after_answer_s": round(ready_s, 2) if ready_s is not None else None,
        "renditions": renditions,
        "readers": result.as_dict(),
        "load_average_after": processes.load_average(),
    }
    report.record("upload", bench_size, connection.vendor, figures)
    ready = f"{ready_s:.1f} s" if ready_s is not None else "not within the wait"
    print(
        f"  upload: {upload_s:.2f} s (HTTP 200, photo {photo_id}); renditions ({renditions}) "
        f"stored {ready} after its answer\n"
        f"  readers: {result.requests:,} requests, {result.rps:.1f} req/s, p50 "
        f"{result.p50_ms:.0f} ms, p99 {result.p99_ms:.0f} ms, max {result.max_ms:.0f} ms, "
        f"errors {result.errors or 0}; {boots} web workers recycled (max_requests); "
        f"load average {' '.join(processes.load_average())}",
        flush=True,
    )
    assert ready_s is not None, f"the worker made no renditions; its log:\n{worker_log}"
    assert result.requests > 0
    assert not result.errors, f"reader errors while the editor uploaded: {result.errors}"
