"""The desk's admin pages side by side with Django's stock admin (make bench; issue 13).

gunicorn with the production settings (as ``test_bench_http``) serves, to a signed-in
superuser, the article list and the Cụm 5 article's change form, and in the same run the
stock ``ModelAdmin`` list and change form, on a stock ``AdminSite``, of a plain one-table
model (``tests/bench/plain``) holding as many rows as the archive has articles (a copy of their
titles, leads, bodies, statuses and dates). Each page gets one load run (the same
connections and length as the public pages) and one probed request (queries, SQL time);
the figure compared is the server's CPU per request (gunicorn, plus the database
backends on PostgreSQL), and the ratio is ours / stock for the list and for the form;
then ``BENCH_PAIRS`` pairs of adjacent half-length runs for each (``_paired``: the desk
first in one pair, the stock page first in the next), whose median ratio is printed too
(1 pair at smoke size, else 4).
Target (issue 13): at most 2×. Timings never fail the benchmark; errors and answers
other than 200 do.
"""

import re

import pytest
from django.db import connection

from . import accounts, load, report
from .data import MID_YEAR_2020
from .plain import TABLE
from .sizes import is_smoke
from .test_bench_http import Cache, _measure, _paired, _server, load_settings, setting

pytestmark = pytest.mark.bench

USERNAME = "bench-quan-tri"
TARGET_RATIO = 2.0
# (figure, desk page, stock page) measured again in pairs of adjacent runs.
PAIRED = [
    ("list", "article list (desk)", "stock list (plain model)"),
    ("change form", "article change form (desk)", "stock change form (plain model)"),
]


def _plain_table():
    """The stock admin's table: one row per article, same id, words, status and date."""
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
        cursor.execute(
            f"CREATE TABLE {TABLE} (id bigint PRIMARY KEY, title varchar(300) NOT NULL, "
            "lead text NOT NULL, body text NOT NULL, status varchar(20) NOT NULL, "
            "published_at timestamp with time zone NULL)"
        )
        cursor.execute(
            f"INSERT INTO {TABLE} (id, title, lead, body, status, published_at) "  # noqa: S608
            "SELECT id, title, lead, body, status, published_at FROM articles_article"
        )
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {TABLE}")
        cursor.execute(f"SELECT count(*) FROM {TABLE}")  # noqa: S608
        return cursor.fetchone()[0]


def _superuser():
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.update_or_create(
        username=USERNAME,
        defaults={
            "is_staff": True,
            "is_superuser": True,
            "is_active": True,
            "first_name": "Quản trị",
            "last_name": "Benchmark",
        },
    )
    return user, accounts.new_password(user)


def _probe(base_url, path, cookie):
    status, headers, body, wall = load.get(
        base_url, path, headers={"Cookie": cookie, "X-Bench-Probe": "timing"}
    )
    assert status == 200, f"{path}: HTTP {status}"
    timing = dict(re.findall(r"(\w+);dur=([\d.]+)", headers.get("Server-Timing", "")))
    return body, {
        "wall_ms": round(wall, 1),
        "sql_ms": float(timing.get("sql", 0)),
        "queries": int(headers.get("X-Bench-Queries", 0)),
    }


def test_admin_pages_against_the_stock_admin(archive, bench_size, static_root, bench_media):
    from articles.models import Article

    rows_copied = _plain_table()
    article = Article.objects.get(slug=MID_YEAR_2020)
    _, password = _superuser()
    cache = Cache()
    cache.clear()
    settings = load_settings(bench_size)
    postgres = connection.vendor == "postgresql"
    stock = "/admin-stock/bench_plain/plainarticle/"
    pages = {
        "article list (desk)": "/admin/articles/article/",
        "stock list (plain model)": stock,
        "article change form (desk)": f"/admin/articles/article/{article.pk}/change/",
        "stock change form (plain model)": f"{stock}{article.pk}/change/",
    }
    figures = {"rows": rows_copied}
    with _server({"PAGE_CACHE": "1"}, cache, static_root, bench_media) as server:
        server.start()
        browser = load.Browser(server.url)
        accounts.sign_in(browser, USERNAME, password)
        cookie = "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
        for name, path in pages.items():
            body, single = _probe(server.url, path, cookie)
            # Each page is what its name says (not a sign-in page or an error).
            assert article.title.encode() in body or b"result_list" in body, name
            run = _measure(server, [path], {**settings, "headers": {"Cookie": cookie}}, postgres)
            assert not run["errors"], f"{name}: {run['errors']}"
            figures[name] = {"path": path, "single": single, "load": run}
        # The main runs are minutes apart; pairs of adjacent runs give ratios that other
        # work on the machine moves less (as test_bench_http).
        pairs = int(setting("BENCH_PAIRS", "1" if is_smoke(bench_size) else "4"))
        paired_settings = {**settings, "headers": {"Cookie": cookie}}
        for kind, desk, stock in PAIRED:
            figures[f"{kind}, pairs"] = _paired(
                server, pages[desk], pages[stock], paired_settings, postgres, pairs
            )
    ratios = {
        "list": figures["article list (desk)"]["load"]["cpu_ms"]
        / max(figures["stock list (plain model)"]["load"]["cpu_ms"], 0.01),
        "change form": figures["article change form (desk)"]["load"]["cpu_ms"]
        / max(figures["stock change form (plain model)"]["load"]["cpu_ms"], 0.01),
    }
    figures["ratios"] = {k: round(v, 2) for k, v in ratios.items()}
    report.record("admin", bench_size, connection.vendor, figures)
    print(f"\nadmin, {connection.vendor}, {bench_size} ({rows_copied:,} rows in each table):")
    for name in pages:
        single, run = figures[name]["single"], figures[name]["load"]
        print(
            f"  {name}: {run['rps']:.1f} req/s, {run['cpu_ms']:.1f} ms CPU/request, "
            f"p50 {run['p50_ms']:.0f} ms; one request {single['wall_ms']} ms, "
            f"{single['queries']} queries, SQL {single['sql_ms']:.1f} ms"
        )
    print(
        f"  desk / stock CPU per request: list {ratios['list']:.2f}×, change form "
        f"{ratios['change form']:.2f}× (target ≤ {TARGET_RATIO:.0f}×)"
    )
    for kind, _desk, _stock in PAIRED:
        paired = figures[f"{kind}, pairs"]
        print(
            f"  {kind}, desk / stock in {len(paired['ratios'])} alternating run pairs: "
            f"median {paired['median']:.2f}× ({', '.join(f'{r:.2f}' for r in paired['ratios'])})"
        )
