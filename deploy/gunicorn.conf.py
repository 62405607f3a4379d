"""gunicorn settings for Newsroom (`gunicorn -c deploy/gunicorn.conf.py newsroom.wsgi`).

Every value can be changed from the environment (the systemd unit reads
/etc/newsroom/newsroom.env). Sync workers: each request holds a worker, so the
count follows the CPUs, and the timeout covers the slowest legitimate request, a
25 MB photo upload read from nginx and its original normalised (the renditions are
the task worker's).
"""

import multiprocessing
import os


def _int(name, default):
    return int(os.environ.get(name) or default)


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# gunicorn also reads WEB_CONCURRENCY itself; the settings refuse a per-process
# cache whatever this is, since the task worker is another process anyway.
workers = _int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"
timeout = _int("GUNICORN_TIMEOUT", 120)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = 5
# Recycle workers now and then so a slow leak can never grow without bound.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = 200
# A heartbeat file per worker; in memory, so a slow disk never looks like a hung worker.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108

# Request head limits (the body is limited by nginx's client_max_body_size and by
# newsroom.middleware.BodySizeLimitMiddleware): a request line, header count and
# header size no browser needs more of.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190

# Only nginx on this machine may tell us the client's scheme and address.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "newsroom"
