"""The benchmark server: the production settings, plus the baseline page and the probe.

Run by gunicorn with the environment production needs (``tests/bench/test_bench_http.py``
sets it). ``tests.bench.app`` says what the two additions do; the probe is outermost and
does nothing for a request without its header, so every measured page runs the
production middleware, templates, database and cache settings unchanged.
"""

from newsroom.settings.production import *  # noqa: F403
from newsroom.settings.production import MIDDLEWARE

ROOT_URLCONF = "tests.bench.urls"
MIDDLEWARE = ["tests.bench.app.BenchProbeMiddleware", *MIDDLEWARE]

# The admin benchmark's yardstick: a plain one-table model in the stock admin.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.bench.plain"]  # noqa: F405
