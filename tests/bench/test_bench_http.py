"""Public pages over HTTP, side by side with a plain Django baseline and nginx (make bench).

gunicorn (2 sync workers) runs the production settings (``tests/bench/settings.py``: the
production module plus a baseline page and an inert probe) on 127.0.0.1, on the
benchmark archive, with Redis as its cache when Redis answers. For every page, in one
run: a cold load (cache cleared just before) and a warm one, each ``duration`` seconds
from ``connections`` keep-alive connections (wrk, else a Python client), reporting
req/s, p50/p99 latency, errors and the CPU per request of the gunicorn processes
(master + workers, from /proc) and, on PostgreSQL, of the database backends serving
them (``processes.DatabaseCpu`` says how). Alongside, the same for:

- ``baseline``: ``/_baseline/<slug>/``, one query fetching a stored copy of the Cụm 5
  article page's HTML, rendered by a one-variable template (``tests/bench/app.py``);
- ``nginx static``: nginx (2 workers) serving that copy as a file;
- ``nginx micro-cache``: nginx (2 workers) with the shipped micro-cache
  (``deploy/nginx/newsroom.conf``) in front of the gunicorn, serving the article.

Then each page alone: the first request after the cache is cleared (cold) and the median
of nine more (warm), wall time measured by the client, SQL time and query count reported
by the probe, each warm one followed by a baseline request (the fastest page request over
the fastest baseline one is the page's cost in baseline requests, which the by-size table
compares); and on PostgreSQL, the plans of one request's queries (EXPLAIN ANALYZE):
whether any was JIT-compiled (issue 11: none may be). Last, the two articles against
the baseline in alternating half-length runs (``_paired``): the ratio least exposed to
the machine's other work.

Environment: BENCH_SIZE (tests/bench/sizes.py); BENCH_DURATION (seconds per load run:
1 at smoke size, else 10); BENCH_CONNECTIONS (2 at smoke size, else 8); BENCH_LOAD (wrk,
python, or none: no load runs, only single requests and plans, for scaling runs);
BENCH_CACHE (off, on, or both: "off,on"; the page cache, see CACHE_MODES); BENCH_PAIRS
(alternating article/baseline run pairs: 1 at smoke size, else 4); BENCH_REDIS_URL
(redis://127.0.0.1:6379/11); BENCH_SOAK=1 for the 64-connection, 60-second soak
(BENCH_SOAK_SECONDS, BENCH_SOAK_TIMEOUT: 10 s). Failures are errors, exceptions and
answers other than 200, never timings; a request outlasting the load generator's timeout
(the run's length, at least 2 s) is reported, and fails only the soak.
"""

import contextlib
import os
import re
import resource
import secrets
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from . import app, load, processes, report
from .data import MID_YEAR_2020
from .sizes import is_smoke

pytestmark = pytest.mark.bench

# Environment of each cache mode for the server: the page cache's switch
# (newsroom/pagecache.py). Off, every page is rendered (the site-wide data and an
# article's stored parts are still cached, as they always are).
CACHE_MODES = {"off": {"PAGE_CACHE": "0"}, "on": {"PAGE_CACHE": "1"}}
SEARCH = "an ninh trật tự"
SINGLE_RUNS = 9
SMOKE_SINGLE_RUNS = 1
# The articles' cost against the baseline's is also measured in alternating runs (page,
# baseline, page, baseline…), BENCH_PAIRS pairs of half-length runs (``_paired``).
PAIRED = ("article (Cụm 5, photos)", "article (no photo)")


def setting(name, default):
    return os.environ.get(name) or default


def load_settings(size):
    """At smoke size a run only has to work: 2 connections for 1 s, so CI stays short."""
    smoke = is_smoke(size)
    return {
        "duration": float(setting("BENCH_DURATION", "1" if smoke else "10")),
        "connections": int(setting("BENCH_CONNECTIONS", "2" if smoke else "8")),
        "tool": setting("BENCH_LOAD", "wrk" if load.WRK else "python"),
        "max_requests": 100_000,
    }


def pages(archive):
    """(name, path) of every page measured; resolved from the archive's records."""
    from articles.models import Article, Author, Tag
    from clusters.models import Cluster, Official, Unit
    from discovery.sitemaps import article_months, month_address

    cluster = Cluster.objects.get(block__name="Khối Công an các địa phương", number=5)
    article = Article.objects.get(slug=MID_YEAR_2020)
    unit = Unit.objects.filter(name="Công an tỉnh Nghệ An").earliest("valid_from")
    official = Official.objects.get(full_name="Hồ Văn Tứ")
    author = Author.objects.get(name="Thanh Sơn")
    # The article sitemaps go by month: the newest (this month so far, the first the
    # index lists) and the one before it, a whole month (about 750 articles) when the
    # archive reaches back before it (1k spans 40 days).
    newest_month, whole_month = (start for start, _ in article_months()[:2])
    return [
        ("home", "/"),
        ("article (Cụm 5, photos)", f"/bai-viet/{MID_YEAR_2020}/"),
        ("article (no photo)", f"/bai-viet/{archive.photo_less_slug}/"),
        ("section", "/chuyen-muc/an-ninh-trat-tu/"),
        ("search", f"/tim-kiem/?q={quote(SEARCH)}"),
        ("cluster", cluster.get_absolute_url()),
        # The most common author and tag (a tenth of the archive), one in a hundred (a
        # province's tag), and a page deeper into the most common author's list.
        ("author", author.get_absolute_url()),
        ("author, page 5", f"{author.get_absolute_url()}?trang=5"),
        ("tag", Tag.objects.get(name="Cao điểm").get_absolute_url()),
        ("tag (1 in 100)", Tag.objects.get(name="Hà Nội").get_absolute_url()),
        ("unit", unit.get_absolute_url()),
        ("official", official.get_absolute_url()),
        ("rss", "/rss/"),
        ("sitemap index", "/sitemap.xml"),
        ("sitemap articles p1", month_address(newest_month)),
        ("sitemap articles month", month_address(whole_month)),
        ("api article list", "/api/v1/articles/"),
        ("api article (Cụm 5)", f"/api/v1/articles/{article.pk}/"),
    ]


# --- the servers --------------------------------------------------------------------------


def _production_env(database_url=None):
    env = {
        "DJANGO_SETTINGS_MODULE": "tests.bench.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DEBUG": "0",
        # The load comes from one address; the API's per-client limit would refuse it.
        "API_RATE_LIMIT": "",
    }
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _database_url():
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    user = database.get("USER") or "postgres"
    password = f":{quote(database['PASSWORD'])}" if database.get("PASSWORD") else ""
    host = database.get("HOST") or "127.0.0.1"
    port = database.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{database['NAME']}"


class Cache:
    """The server's cache, shared by its workers as production demands.

    A Redis database of its own (BENCH_REDIS_URL) when Redis answers, else Django's
    database cache in the benchmark database. ``clear`` empties it.
    """

    TABLE = "newsroom_cache"  # the name the settings give the database cache

    def __init__(self):
        self.url = setting("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11")
        try:
            import redis

            self.client = redis.Redis.from_url(self.url, socket_timeout=2)
            self.client.ping()
        except Exception:
            self.client = None
            call_command("createcachetable", self.TABLE, verbosity=0)

    @property
    def env(self):
        if self.client:
            return {"REDIS_URL": self.url, "CACHE_BACKEND": "redis"}
        return {"CACHE_BACKEND": "database"}

    @property
    def label(self):
        return f"redis ({self.url})" if self.client else f"database ({self.TABLE})"

    def clear(self, server=None):
        if self.client is not None:
            self.client.flushdb()
        else:
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {self.TABLE}")  # noqa: S608


def _cache_settings(cache):
    """The server's cache as this process's settings (what services.caches() makes of it)."""
    if cache.client:
        return {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": cache.url,
            "KEY_PREFIX": "newsroom",
        }
    return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": cache.TABLE}


def _server(env, cache, static_root, bench_media):
    return processes.Gunicorn(
        {
            **_production_env(_database_url()),
            **cache.env,
            **env,
            "STATIC_ROOT": str(static_root),
            "MEDIA_ROOT": str(bench_media),
        }
    )


# --- measuring ----------------------------------------------------------------------------


def _check(base, name, path, hidden):
    status, _headers, body, _ = load.get(base, path)
    assert status == 200, f"{name} {path}: HTTP {status}"
    text = body.decode()
    leaked = [slug for slug in hidden if f"/bai-viet/{slug}/" in text]
    assert not leaked, f"{name} shows articles that are not public: {leaked[:5]}"
    return body


def _measure(target, paths, settings, db):
    """One load run: the load generator's figures, and CPU per request from /proc.

    For gunicorn the requests are those the server handled (its counter), which includes
    the ones still queued or running when the load generator stopped: their CPU is in
    the figure, so they are in the count. The run ends when the server is idle again.
    """
    counted = isinstance(target, processes.Gunicorn)
    if counted:
        target.drain()
        handled_before = target.handled()
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy_before = processes.machine_busy()
    server_before = target.cpu()
    began = time.perf_counter()
    database = processes.DatabaseCpu(connection) if db else None
    with database or contextlib.nullcontext():
        result = load.run(target.url, paths, **settings)
        if counted:
            target.drain()
    elapsed = time.perf_counter() - began
    server_cpu = target.cpu() - server_before
    busy_after = processes.machine_busy()
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    client_cpu = (children_after.ru_utime + children_after.ru_stime) - (
        children_before.ru_utime + children_before.ru_stime
    )
    handled = target.handled() - handled_before if counted else result.requests
    database_cpu = database.seconds if database else 0.0
    machine_cpu = (busy_after[0] - busy_before[0]) / processes.TICKS
    others = max(0.0, machine_cpu - server_cpu - database_cpu - client_cpu)
    per_request = 1000 / max(handled, 1)
    figures = result.as_dict()
    figures.update(
        handled=handled,
        server_cpu_ms=round(server_cpu * per_request, 2),
        db_cpu_ms=round(database_cpu * per_request, 2) if database else None,
        db_parallel_workers=database.parallel_workers if database else None,
        cpu_ms=round((server_cpu + database_cpu) * per_request, 2),
        machine_cpus_busy=round(machine_cpu / elapsed, 2),
        others_cpus_busy=round(others / elapsed, 2),
    )
    return figures


_TIMING_RE = re.compile(r"(\w+);dur=([\d.]+)")


def _single(server, path, cache, runs, baseline=None):
    """Cold (first after clearing the cache) and warm (median of ``runs``) request costs.

    With ``baseline`` (its path), each warm request is followed by one of the baseline's,
    whose fastest is kept beside the page's: the page's cost in baseline requests
    (``relative``) compares archive sizes measured minutes apart, when the machine's
    speed has moved in between (the baseline's own cost moved by half between the two
    halves of one run).
    """
    server.drain()
    cache.clear(server)
    samples, base_walls = [], []
    for number in range(runs + 1):
        status, headers, _, wall = load.get(server.url, path, {app.PROBE: "timing"})
        assert status == 200, f"{path}: HTTP {status}"
        timing = dict(_TIMING_RE.findall(headers.get("Server-Timing", "")))
        samples.append(
            {
                "wall": wall,
                "sql": float(timing.get("sql", 0)),
                "app": float(timing.get("app", 0)),
                "queries": int(headers.get("X-Bench-Queries", 0)),
            }
        )
        if baseline and number:
            status, _, _, base_wall = load.get(server.url, baseline, {app.PROBE: "timing"})
            assert status == 200, f"{baseline}: HTTP {status}"
            base_walls.append(base_wall)
    cold, warm = samples[0], samples[1:]
    best = min(s["wall"] for s in warm)
    figures = {
        "cold_wall_ms": round(cold["wall"], 1),
        "cold_sql_ms": round(cold["sql"], 1),
        "cold_queries": cold["queries"],
        "warm_wall_ms": round(statistics.median(s["wall"] for s in warm), 1),
        # The fastest is what the page costs with the least interference from other work
        # on the machine: the scaling table compares these.
        "best_wall_ms": round(best, 1),
        "best_sql_ms": round(min(s["sql"] for s in warm), 1),
        "warm_app_ms": round(statistics.median(s["app"] for s in warm), 1),
        "warm_sql_ms": round(statistics.median(s["sql"] for s in warm), 1),
        "warm_queries": warm[-1]["queries"],
    }
    if base_walls:
        figures["base_wall_ms"] = round(min(base_walls), 2)
        figures["relative"] = round(best / min(base_walls), 2)
    return figures


def _explain(server, path):
    status, _, body, _ = load.get(server.url, path, {app.PROBE: "explain"})
    assert status == 200
    import json

    answer = json.loads(body)
    assert answer["status"] == 200, f"{path}: HTTP {answer['status']}"
    queries = answer["queries"]
    jitted = [q for q in queries if q.get("jit")]
    return {
        "queries": len(queries),
        "jit_queries": len(jitted),
        "jit_ms": round(sum(q["jit_ms"] for q in jitted), 1),
        "parallel_workers": sum(q.get("parallel_workers", 0) for q in queries),
        "slowest_ms": max((q.get("ms", 0) for q in queries), default=0),
        "jit_sql": [q["sql"] for q in jitted],
    }


def _jit_settings():
    """PostgreSQL's JIT settings, after proving the probe sees JIT when it happens."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit_above_cost = 0")
        forced = app.explain([("SELECT sum(x) FROM generate_series(1, 1000) AS x", ())])
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, setting FROM pg_settings WHERE name LIKE %s", ["jit%"])
        found = dict(cursor.fetchall())
    if found.get("jit") == "on":
        assert forced[0]["jit"], "the probe did not see a JIT-compiled plan"
    return found


def _store_copy(html, slug):
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {app.TABLE}")
        cursor.execute(f"CREATE TABLE {app.TABLE} (slug varchar(200) PRIMARY KEY, html text)")
        cursor.execute(f"INSERT INTO {app.TABLE} VALUES (%s, %s)", [slug, html])  # noqa: S608


def _modes():
    wanted = [m.strip() for m in setting("BENCH_CACHE", "off").split(",") if m.strip()]
    unknown = [m for m in wanted if m not in CACHE_MODES]
    assert not unknown, f"BENCH_CACHE: unknown modes {unknown}; known: {list(CACHE_MODES)}"
    missing = [m for m in wanted if CACHE_MODES[m] is None]
    if missing:
        pytest.skip(f"cache mode {missing} does not exist yet (the page cache is issue 11)")
    return wanted


# --- the benchmark ------------------------------------------------------------------------


def _static_copy(html, folder):
    """The article page in folder, where nginx would find it for its address."""
    page = Path(folder) / "bai-viet" / MID_YEAR_2020
    page.mkdir(parents=True)
    (page / "index.html").write_bytes(html)
    return folder


def _run_mode(server, measured, archive, bench_size, cache, settings):
    """Every page, the baseline and nginx, on a started server: {name: figures}."""
    postgres = connection.vendor == "postgresql"
    bodies = {name: _check(server.url, name, path, archive.hidden_slugs) for name, path in measured}
    article_html = bodies["article (Cụm 5, photos)"]
    # The two articles are what their names say: one shows photos, the other none.
    assert b"<picture" in article_html, "the Cụm 5 article shows no photo"
    # (Only its own text: the sidebar's related articles carry thumbnails.)
    own = bodies["article (no photo)"].split(b'<aside class="reader-lists"')[0]
    assert b"<picture" not in own, "the photo-less article shows one"
    # Hashed static files (the production storage) are immutable for browsers and CDNs.
    stylesheet = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', article_html)
    assert stylesheet, "the page links no hashed stylesheet"
    status, headers, _, _ = load.get(server.url, stylesheet.group(1).decode())
    assert status == 200 and "immutable" in headers.get("Cache-Control", "")
    _store_copy(article_html.decode(), MID_YEAR_2020)
    baseline_path = f"/_baseline/{MID_YEAR_2020}/"
    status, _, body, _ = load.get(server.url, baseline_path)
    assert status == 200 and body == article_html, "the baseline must serve the same HTML"
    targets = [(name, path, server) for name, path in measured]
    targets.append(("baseline (1 query)", baseline_path, server))
    single_runs = SMOKE_SINGLE_RUNS if is_smoke(bench_size) else SINGLE_RUNS
    # At smoke size the cold load run is left out (same code as the warm one) to keep CI
    # short; the first request after clearing the cache is still measured.
    phases = ("warm",) if is_smoke(bench_size) else ("cold", "warm")
    if settings["tool"] == "none":  # BENCH_LOAD=none: single requests and plans only
        phases = ()
    with contextlib.ExitStack() as stack:
        if processes.HAS_NGINX and phases:
            www = stack.enter_context(tempfile.TemporaryDirectory(prefix="newsroom-bench-www-"))
            nginx = stack.enter_context(processes.Nginx(_static_copy(article_html, www))).start()
            static_path = f"/bai-viet/{MID_YEAR_2020}/"
            status, _, body, _ = load.get(nginx.url, static_path)
            assert status == 200 and body == article_html, "nginx must serve the same HTML"
            targets.append(("nginx static", static_path, nginx))
            # The shipped micro-cache (deploy/nginx/newsroom.conf) in front of gunicorn.
            micro = stack.enter_context(processes.MicroCache(server.port)).start()
            status, _, body, _ = load.get(micro.url, static_path)
            assert status == 200 and body == article_html, "the micro-cache must serve the page"
            targets.append(("nginx micro-cache", static_path, micro))
        elif phases:
            print(f"no nginx at {processes.NGINX}: the static row is left out")
        rows = {}
        for name, path, target in targets:
            row = rows[name] = {"path": path}
            is_django = target is server
            if is_django:
                interleaved = baseline_path if path != baseline_path else None
                row["single"] = _single(server, path, cache, single_runs, interleaved)
                cache.clear(server)
            for phase in phases:
                row[phase] = _measure(target, [path], settings, postgres and is_django)
                # A request outlasting wrk's timeout is a finding (the page is too slow for
                # the load), reported; any other error means something broke.
                broken = {k: v for k, v in row[phase]["errors"].items() if k != "timeout"}
                assert not broken, f"{name} {phase}: {row[phase]}"
            if is_django and postgres:
                row["jit"] = _explain(server, path)
            warm = row.get("warm")
            print(
                f"  {name}: "
                + (
                    f"{warm['rps']:.1f} req/s, {warm['cpu_ms']:.1f} ms CPU/request; "
                    if warm
                    else ""
                )
                + (f"one request {row['single']['warm_wall_ms']} ms" if is_django else ""),
                flush=True,
            )
        pairs = int(setting("BENCH_PAIRS", "1" if is_smoke(bench_size) else "4"))
        for name in PAIRED if phases else ():
            rows[name]["paired"] = _paired(
                server, rows[name]["path"], baseline_path, settings, postgres, pairs
            )
    return rows


def _paired(server, path, baseline_path, settings, postgres, pairs):
    """The page's CPU per request ÷ the baseline's, from alternating runs.

    The main rows are measured one after another, minutes apart: on a shared machine
    other work comes and goes between a page's run and the baseline's, and a ratio of
    the two moved by ±50% between runs. Here each ratio is of two runs adjacent in time,
    the page first in one pair and the baseline first in the next, repeated ``pairs``
    times; the median is quoted. A run with errors fails the benchmark.
    """
    short = {**settings, "duration": max(1.0, settings["duration"] / 2)}
    ratios = []
    for number in range(pairs):
        order = [path, baseline_path] if number % 2 == 0 else [baseline_path, path]
        runs = {each: _measure(server, [each], short, postgres) for each in order}
        for each, run in runs.items():
            assert not run["errors"], f"{each}: {run['errors']}"
        ratios.append(runs[path]["cpu_ms"] / max(runs[baseline_path]["cpu_ms"], 0.01))
    return {
        "ratios": [round(ratio, 2) for ratio in ratios],
        "median": round(statistics.median(ratios), 2),
    }


def test_public_pages_side_by_side(archive, bench_size, static_root, bench_media):
    settings = load_settings(bench_size)
    cache = Cache()
    measured = pages(archive)
    modes = _modes()
    figures = {
        "settings": {**settings, "cache": cache.label, "workers": 2},
        "load_average_before": processes.load_average(),
        "modes": {},
    }
    if connection.vendor == "postgresql":
        figures["postgresql_jit"] = _jit_settings()
    print(
        f"\nHTTP benchmark, {connection.vendor}, {bench_size}: {settings['tool']}, "
        f"{settings['connections']} connections × {settings['duration']:.0f} s per run, "
        f"cache {cache.label}; load average {' '.join(processes.load_average())}"
    )
    for mode in modes:
        with _server(CACHE_MODES[mode], cache, static_root, bench_media) as server:
            server.start()
            rows = _run_mode(server, measured, archive, bench_size, cache, settings)
        figures["modes"][mode] = rows
        _print(mode, rows, bench_size, connection.vendor)
    figures["load_average_after"] = processes.load_average()
    saved = report.record("http", bench_size, connection.vendor, figures)
    single = {
        name: {**row["single"], **({"jit": row["jit"]} if "jit" in row else {})}
        for name, row in figures["modes"][modes[0]].items()
        if "single" in row
    }
    report.record("pages", bench_size, connection.vendor, single)
    print(f"results: {saved}")


def _errors(*runs):
    counted = {}
    for run in runs:
        for kind, count in run.get("errors", {}).items():
            counted[kind] = counted.get(kind, 0) + count
    return ", ".join(f"{count} {kind}" for kind, count in counted.items()) or "0"


def _print(mode, rows, size, vendor):
    postgres = vendor == "postgresql"
    fmt = report.fmt
    base = rows["baseline (1 query)"].get("warm", {}).get("cpu_ms")
    nginx = rows.get("nginx static", {}).get("warm", {}).get("rps")
    lines = []
    for name, row in rows.items():
        warm, cold = row.get("warm", {}), row.get("cold", {})
        single, jit = row.get("single", {}), row.get("jit")
        done = warm.get("requests")
        lines.append(
            [
                name,
                fmt(cold.get("rps")),
                fmt(warm.get("rps")),
                fmt(warm["p50_ms"]) if done else "–",
                fmt(warm["p99_ms"]) if done else "–",
                _errors(warm, cold),
                fmt(warm.get("server_cpu_ms"), 2),
                fmt(warm.get("db_cpu_ms"), 2) if postgres else "–",
                fmt(warm["cpu_ms"] / base, 2) if base and warm else "–",
                fmt(warm["rps"] / nginx, 3) if nginx and warm else "–",
                fmt(single.get("cold_wall_ms")),
                fmt(single.get("warm_wall_ms")),
                fmt(single.get("warm_sql_ms")),
                single.get("warm_queries", "–"),
                (f"{jit['jit_queries']} ({jit['jit_ms']} ms)" if jit else "–"),
                fmt(warm.get("others_cpus_busy"), 2),
            ]
        )
    print()
    print(
        report.table(
            [
                "page",
                "cold r/s",
                "warm r/s",
                "p50 ms",
                "p99 ms",
                "errors",
                "srv CPU ms/req",
                "db CPU ms/req",
                "CPU ×baseline",
                "r/s ÷nginx",
                "1st req ms",
                "1 req ms",
                "sql ms",
                "queries",
                "JIT q (ms)",
                "other CPUs busy",
            ],
            lines,
            title=f"{vendor}, {size}, page cache {mode} (warm runs unless marked cold)",
        )
    )
    for name, row in rows.items():
        if "paired" in row:
            ratios = row["paired"]["ratios"]
            print(
                f"  {name}, CPU ×baseline in {len(ratios)} alternating run pairs: "
                f"median {fmt(row['paired']['median'], 2)} "
                f"({', '.join(fmt(ratio, 2) for ratio in ratios)})"
            )


@pytest.mark.skipif(not os.environ.get("BENCH_SOAK"), reason="on demand: BENCH_SOAK=1")
def test_soak_64_connections(archive, bench_size, static_root, bench_media):
    """Every page in turn from 64 connections for 60 s: report the errors (target: none).

    A request not answered within BENCH_SOAK_TIMEOUT seconds (10) counts as an error, as
    a reader's browser or a proxy would give up on it.
    """
    cache = Cache()
    duration = float(setting("BENCH_SOAK_SECONDS", "60"))
    timeout = float(setting("BENCH_SOAK_TIMEOUT", "10"))
    measured = pages(archive)
    results = {}
    for mode in _modes():
        with _server(CACHE_MODES[mode], cache, static_root, bench_media) as server:
            server.start()
            result = load.run(
                server.url,
                [path for _, path in measured],
                connections=64,
                duration=duration,
                max_requests=10_000_000,
                tool=setting("BENCH_LOAD", "wrk" if load.WRK else "python"),
                timeout=timeout,
            )
            results[mode] = result.as_dict()
            print(
                f"\nsoak {connection.vendor} {bench_size} cache {mode}: 64 connections × "
                f"{duration:.0f} s: {result.requests:,} requests, {result.rps:.1f}/s, p50 "
                f"{result.p50_ms:.0f} ms, p99 {result.p99_ms:.0f} ms, errors {result.errors}"
            )
    report.record("soak", bench_size, connection.vendor, results)
    failed = {mode: r["errors"] for mode, r in results.items() if r["error_count"]}
    assert not failed, f"errors under 64 connections: {failed}"


def test_a_publication_is_visible_through_the_micro_cache_within_a_second(
    archive, static_root, bench_media, settings
):
    """nginx (the shipped micro-cache) in front of gunicorn (page cache on): an article
    published through the write path is on the home page, its section, the feed and the
    news sitemap when asked one second after the commit. How soon it first showed is
    printed, not asserted."""
    if not processes.HAS_NGINX:
        pytest.skip(f"no nginx at {processes.NGINX}")
    from articles import editing, workflow
    from articles.models import Article, Section
    from newsroom import pagecache

    cache = Cache()
    # This process purges the cache the server reads: the same one.
    settings.CACHES = {"default": _cache_settings(cache)}
    editor = archive.editor
    section = Section.objects.get(slug="an-ninh-trat-tu")
    article = editing.save_article(
        Article(title="Công an Nghệ An ra quân bảo đảm an toàn giao thông dịp Tết"),
        editor,
        changes={
            "section": section,
            "lead": "Lực lượng ra quân từ sáng nay.",
            "body": "<p>Tin.</p>",
        },
    )
    paths = ["/", section.get_absolute_url(), "/rss/", "/sitemap-tin-moi.xml"]
    with (
        _server(CACHE_MODES["on"], cache, static_root, bench_media) as server,
        processes.MicroCache(server.start().port) as micro,
    ):
        micro.start()
        for path in paths:  # cached by nginx and by the application
            for _ in range(2):
                status, headers, body, _ = load.get(micro.url, path)
                assert status == 200, f"{path}: HTTP {status}"
                assert article.slug.encode() not in body
        # The second answer came from nginx's copy: fresh (HIT), or, when the machine was slow
        # enough for the one-second copy to expire between the two requests, confirmed by a
        # 304 from the application (REVALIDATED).
        assert headers.get("X-Cache-Status") in {"HIT", "REVALIDATED"}, headers
        workflow.perform("publish", article, editor, expected_version=article.version)
        published = time.monotonic()
        first_seen = {}
        while len(first_seen) < len(paths) and time.monotonic() - published < 1.05:
            for path in paths:
                if path not in first_seen:
                    asked = time.monotonic() - published  # the answer is as of the request
                    _, _, body, _ = load.get(micro.url, path)
                    if article.slug.encode() in body:
                        first_seen[path] = asked
            time.sleep(0.02)
        time.sleep(max(0.0, published + 1.05 - time.monotonic()))
        late = [path for path in paths if article.slug.encode() not in load.get(micro.url, path)[2]]
        direct = [
            path for path in late if article.slug.encode() not in load.get(server.url, path)[2]
        ]
    print(
        "\npublish to visible through nginx's micro-cache: "
        + ", ".join(f"{path} {seconds * 1000:.0f} ms" for path, seconds in first_seen.items())
    )
    editing.delete_article(article, editor)  # the archive stays as every size builds it
    pagecache.purge_all()
    assert late == [], f"not visible one second after the commit: {late} (from gunicorn: {direct})"
