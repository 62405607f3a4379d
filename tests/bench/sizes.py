"""The size knob: BENCH_SIZE (environment) or --bench-size (pytest option).

One size or several, comma-separated: ``smoke`` (2,000 articles, what CI runs), ``1k``,
``10k``, ``100k`` (the default: ``make bench`` is the full size) or a number of articles.
"""

import os

SIZES = {"smoke": 2_000, "1k": 1_000, "10k": 10_000, "100k": 100_000}
FULL_SIZE = "100k"


def size_of(name):
    """Article count for a size name ("smoke", "1k", "10k", "100k") or a number."""
    if name in SIZES:
        return SIZES[name]
    try:
        return int(name.lower().replace("k", "000").replace("_", ""))
    except ValueError:
        raise ValueError(
            f"BENCH_SIZE {name!r}: use {', '.join(SIZES)} or a number of articles"
        ) from None


def is_smoke(name):
    """Smoke size runs every code path briefly (CI); other sizes measure."""
    return name == "smoke"


def chosen(config):
    """The sizes asked for, smallest first."""
    value = config.getoption("--bench-size", None) or os.environ.get("BENCH_SIZE") or FULL_SIZE
    names = [name.strip() for name in value.split(",") if name.strip()]
    for name in names:
        size_of(name)  # refuse a bad name before anything is built
    return sorted(dict.fromkeys(names), key=size_of)
