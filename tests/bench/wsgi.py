"""The benchmark server's WSGI application: the site's (``newsroom.wsgi``), counting requests.

For every request it appends one byte to the file named by ``BENCH_COUNTER_FILE`` (one
``write(2)``, about a microsecond), so the benchmark knows how many requests the server
handled, including those a load generator gave up waiting for when its time ran out, and
those the page cache answers before Django (``newsroom.pagecache.FastHits``). A request
carrying ``X-Bench-Probe`` goes through the whole Django stack, where the probe
(``tests.bench.app``) answers it.
"""

import os

from newsroom.wsgi import application as site

from .app import PROBE

_counter = os.environ.get("BENCH_COUNTER_FILE")
_fd = os.open(_counter, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600) if _counter else None
_PROBE_KEY = "HTTP_" + PROBE.upper().replace("-", "_")


def application(environ, start_response):
    if _fd is not None:
        os.write(_fd, b".")
    if _PROBE_KEY in environ:
        return site.handler(environ, start_response)
    return site(environ, start_response)
