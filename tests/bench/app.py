"""What the benchmark server adds to the production site: a baseline page and a probe.

**Baseline** ``/_baseline/<slug>/``: the plain Django view the article page is compared
with. It runs ONE query, ``SELECT html FROM bench_page_copy WHERE slug = %s`` (a copy of
the real article page's HTML, byte for byte, stored by the benchmark before the run),
and renders it through a one-variable Django template into an ``HttpResponse``, under the
same settings and middleware as every page. It is what serving the same HTML costs
Django with one indexed lookup and no other work.

**Probe** (``BenchProbeMiddleware``, outermost). It does nothing unless the request
carries ``X-Bench-Probe``, which the load runs never send (``tests.bench.wsgi`` sends such
a request through the whole stack, never to the page cache's hits served before Django).

- ``X-Bench-Probe: timing`` times the request's SQL (an ``execute_wrapper``) and adds
  ``Server-Timing: app;dur=…, sql;dur=…`` and ``X-Bench-Queries``.
- ``X-Bench-Probe: explain`` (PostgreSQL) records the request's queries, then runs
  ``EXPLAIN (ANALYZE, FORMAT JSON)`` for each SELECT on the same connection (so with the
  application's own connection settings) and answers JSON instead of the page: per query
  its time, whether its plan was JIT-compiled and how long that took, and the parallel
  workers it launched.
"""

import json
import time

from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.template import engines

PROBE = "X-Bench-Probe"
TABLE = "bench_page_copy"
_template = None


def baseline(request, slug):
    global _template
    if _template is None:
        _template = engines["django"].from_string("{{ page|safe }}")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT html FROM {TABLE} WHERE slug = %s", [slug])  # noqa: S608
        row = cursor.fetchone()
    if row is None:
        raise Http404("no copy of this page")
    return HttpResponse(_template.render({"page": row[0]}, request))


class _Recorder:
    def __init__(self, keep):
        self.keep = keep
        self.seconds = 0.0
        self.count = 0
        self.queries = []

    def __call__(self, execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - began
            self.count += 1
            if self.keep and not many:
                self.queries.append((sql, params))


class BenchProbeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = request.headers.get(PROBE)
        if not probe:
            return self.get_response(request)
        recorder = _Recorder(keep=probe == "explain")
        began = time.perf_counter()
        with connection.execute_wrapper(recorder):
            response = self.get_response(request)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        elapsed = time.perf_counter() - began
        if probe == "explain":
            return JsonResponse(
                {"status": response.status_code, "queries": explain(recorder.queries)}
            )
        response["Server-Timing"] = (
            f"app;dur={elapsed * 1000:.2f}, sql;dur={recorder.seconds * 1000:.2f}"
        )
        response["X-Bench-Queries"] = str(recorder.count)
        return response


def explain(queries):
    found = []
    for sql, params in queries:
        if not sql.lstrip().upper().startswith("SELECT"):
            found.append({"sql": sql[:120], "explained": False})
            continue
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        top = plan[0]
        jit = top.get("JIT") or {}
        found.append(
            {
                "sql": sql[:120],
                "explained": True,
                "ms": round(top.get("Execution Time", 0.0) + top.get("Planning Time", 0.0), 2),
                "jit": bool(jit),
                "jit_functions": jit.get("Functions", 0),
                "jit_ms": round((jit.get("Timing") or {}).get("Total", 0.0), 2),
                "parallel_workers": _workers(top["Plan"]),
                "total_cost": top["Plan"].get("Total Cost"),
            }
        )
    return found


def _workers(node):
    launched = node.get("Workers Launched", 0)
    return launched + sum(_workers(child) for child in node.get("Plans", []))
