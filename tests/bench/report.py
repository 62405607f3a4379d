"""Benchmark results: kept per run in ``artifacts/bench/<run>.json``, printed as tables.

Each benchmark records what it measured under its size; the file is rewritten after
every record, so an interrupted run keeps what it had. At the end of the session the
single-request cost of each page is printed side by side for every size run, with the
ratio of the largest to the smallest (the "flat from 1k to 100k" target).
"""

import datetime as dt
import json
import os
import platform
from pathlib import Path

from . import processes

ARTIFACTS = processes.ROOT / "artifacts" / "bench"
_run = {
    "started": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    "machine": {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "load_average_at_start": processes.load_average(),
    },
    "archives": {},
    "results": {},
}
_path = None


def _file():
    global _path
    if _path is None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        _path = ARTIFACTS / f"bench-{stamp}-{os.getpid()}.json"
    return _path


def _save():
    _run["machine"]["load_average_now"] = processes.load_average()
    _file().write_text(json.dumps(_run, indent=2, ensure_ascii=False, default=str))


def record(benchmark, size, vendor, figures):
    _run["results"].setdefault(benchmark, {}).setdefault(vendor, {})[size] = figures
    _save()
    return _file()


def record_archive(size, vendor, archive):
    timings = archive.timings
    _run["archives"].setdefault(vendor, {})[size] = {
        "published_generated": archive.count,
        "published_demo": archive.demo_published,
        "never_public": len(archive.hidden_slugs),
        "checked_against_derivation": archive.checked,
        "seconds": {
            "demo": round(timings.seed_s, 1),
            "generate": round(timings.generate_s, 1),
            "load": round(timings.load_s, 1),
            "indexes": round(timings.index_s, 1),
            "vacuum_analyse": round(timings.analyse_s, 1),
            "total_so_far": round(timings.total_s, 1),
        },
    }
    _save()


def table(headers, rows, title=None):
    """A plain text table: first column left-aligned, the others right-aligned."""
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in r] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = [title] if title else []
    for number, row in enumerate(cells):
        lines.append(
            "  ".join(
                cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i])
                for i, cell in enumerate(row)
            )
        )
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def fmt(value, digits=1):
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def summary(terminalreporter):
    if not _run["results"] and not _run["archives"]:
        return
    write = terminalreporter.write_line
    write("")
    single = _run["results"].get("pages", {})
    for vendor, by_size in single.items():
        if len(by_size) < 2:
            continue
        sizes = list(by_size)
        pages = list(next(iter(by_size.values())))
        rows = []
        for page in pages:
            walls = [by_size[s].get(page, {}).get("best_wall_ms") for s in sizes]
            sqls = [by_size[s].get(page, {}).get("best_sql_ms") for s in sizes]
            cells = [f"{fmt(w)} ({fmt(q)})" for w, q in zip(walls, sqls, strict=True)]
            ratio = walls[-1] / walls[0] if walls[0] and walls[-1] else None
            # In baseline requests measured alongside: the machine's speed taken out.
            relative = [by_size[s].get(page, {}).get("relative") for s in sizes]
            steady = relative[-1] / relative[0] if relative[0] and relative[-1] else None
            rows.append([page, *cells, fmt(ratio, 2), fmt(steady, 2)])
        write(
            table(
                [
                    "page",
                    *(f"{s}: wall ms (sql)" for s in sizes),
                    f"{sizes[-1]} ÷ {sizes[0]}",
                    "same, in baseline requests",
                ],
                rows,
                title=f"One request alone (fastest of the warm ones), {vendor}: cost by archive "
                "size (target: at most 1.2× from 1k to 100k)",
            )
        )
        write("")
    if _path is not None:
        write(f"benchmark results: {_path.relative_to(processes.ROOT)}")


def latest():
    """The newest results file, for a reader who wants to compare runs."""
    found = sorted(Path(ARTIFACTS).glob("bench-*.json"))
    return found[-1] if found else None


def markdown(path):
    """The HTTP and search results of a results file as Markdown tables (for the README)."""
    run = json.loads(Path(path).read_text())
    lines = []
    for vendor, by_size in run["results"].get("http", {}).items():
        for size, figures in by_size.items():
            for mode, rows in figures["modes"].items():
                base = rows["baseline (1 query)"].get("warm", {}).get("cpu_ms")
                nginx = rows.get("nginx static", {}).get("warm", {}).get("rps")
                lines += [
                    f"{vendor}, {size}, page cache {mode}; load average before "
                    f"{' '.join(figures['load_average_before'])}, after "
                    f"{' '.join(figures['load_average_after'])}:",
                    "",
                    "| page | req/s | p50 ms | p99 ms | CPU ms/req (server + db) | × baseline "
                    "| ÷ nginx req/s | 1 request ms (SQL) | queries | JIT plans | others' CPUs |",
                    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
                ]
                for name, row in rows.items():
                    warm, single, jit = row.get("warm"), row.get("single", {}), row.get("jit")
                    if warm is None:
                        continue
                    db = f" ({fmt(warm['server_cpu_ms'])} + {fmt(warm['db_cpu_ms'])})"
                    cells = [
                        name,
                        fmt(warm["rps"]),
                        fmt(warm["p50_ms"]) if warm["requests"] else "–",
                        fmt(warm["p99_ms"]) if warm["requests"] else "–",
                        fmt(warm["cpu_ms"], 2 if warm["cpu_ms"] < 1 else 1)
                        + (db if warm.get("db_cpu_ms") is not None else ""),
                        fmt(warm["cpu_ms"] / base, 2) if base else "–",
                        fmt(warm["rps"] / nginx, 3) if nginx else "–",
                        f"{fmt(single['warm_wall_ms'])} ({fmt(single['warm_sql_ms'])})"
                        if single
                        else "–",
                        fmt(single.get("warm_queries")),
                        fmt(jit["jit_queries"]) if jit else "–",
                        fmt(warm["others_cpus_busy"], 2),
                    ]
                    lines.append("| " + " | ".join(str(c) for c in cells) + " |")
                lines.append("")
    for vendor, by_size in run["results"].get("search", {}).items():
        for size, queries in by_size.items():
            lines += [
                f"Search, {vendor}, {size}:",
                "",
                "| query | ranked | p50 ms | p95 ms |",
                "|---|---:|---:|---:|",
            ]
            for typed, row in queries.items():
                lines.append(
                    f"| {typed} | {row['ranked']} | {fmt(row['p50_ms'])} | {fmt(row['p95_ms'])} |"
                )
            lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    print(markdown(sys.argv[1] if len(sys.argv) > 1 else latest()))
