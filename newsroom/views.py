import logging
import secrets
import sys

from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_safe
from django.views.defaults import server_error as django_server_error
from django.views.generic import TemplateView

from newsroom import theme
from newsroom.models import current_publisher

logger = logging.getLogger(__name__)

# A stylesheet of the publisher's colours is named for them: its name changes with them.
THEME_MAX_AGE = 60 * 60 * 24 * 365

# Seconds a client (or a load balancer) should wait before trying again.
RETRY_AFTER = 30
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def _database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "down"
    return "ok"


def _cache_state():
    """A write read back: the resilient Redis backend answers misses when Redis is down."""
    key = f"healthz:{secrets.token_hex(8)}"
    token = secrets.token_hex(8)
    try:
        cache.set(key, token, 10)
        found = cache.get(key)
        cache.delete(key)
    except Exception:  # any backend, any failure: the cache is not usable
        logger.warning("Cache check failed", exc_info=True)
        return "down"
    return "ok" if found == token else "down"


_migrations_done = False


def _migrations_state():
    """'ok' once this process has seen every migration applied (then it stops asking)."""
    global _migrations_done
    if not _migrations_done:
        executor = MigrationExecutor(connection)
        targets = executor.loader.graph.leaf_nodes()
        _migrations_done = not executor.migration_plan(targets)
    return "ok" if _migrations_done else "pending"


@never_cache
@require_GET
def healthz(request):
    """Monitoring: database and cache separately. 503 only when the database is down."""
    database = _database_state()
    cache_state = _cache_state()
    if database != "ok":
        status = "error"
    elif cache_state != "ok":
        status = "degraded"
    else:
        status = "ok"
    report = {"status": status, "database": database, "cache": cache_state}
    response = JsonResponse(report, status=503 if database != "ok" else 200)
    if database != "ok":
        response["Retry-After"] = str(RETRY_AFTER)
    return response


@never_cache
@require_GET
def readyz(request):
    """Load balancers: 200 when this node can serve (database reachable, schema migrated).

    The cache is reported too, but a node whose cache is down still serves (uncached),
    so it stays ready: every node shares the one Redis, and taking them all out of the
    pool for it would take the site down.
    """
    database = _database_state()
    migrations = "unknown"
    if database == "ok":
        try:
            migrations = _migrations_state()
        except DatabaseError:
            database = "down"
    ready = database == "ok" and migrations == "ok"
    response = JsonResponse(
        {
            "status": "ready" if ready else "unavailable",
            "database": database,
            "migrations": migrations,
            "cache": _cache_state(),
        },
        status=200 if ready else 503,
    )
    if not ready:
        response["Retry-After"] = str(RETRY_AFTER)
    return response


def service_unavailable(request=None):
    """The 503 page: plain HTML with no query, so it renders with the database down."""
    body = loader.render_to_string("503.html", {"retry_after": RETRY_AFTER})
    response = HttpResponse(body, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, template_name="500.html"):
    """handler500: a database that stopped answering is a 503, not a 500."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_UNAVAILABLE):
        return service_unavailable(request)
    return django_server_error(request, template_name)


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"


@cache_control(max_age=60 * 60 * 24 * 7, public=True)
@require_GET
def favicon(request):
    from django.contrib.staticfiles import finders

    path = finders.find("img/favicon.ico")
    with open(path, "rb") as handle:
        return HttpResponse(handle.read(), content_type="image/x-icon")


@require_safe
def theme_css(request, version):
    """The publisher's colours over site.css's (``newsroom.theme``). Pages link it by the
    colours' version; an outdated version (a page cached before a change) gets today's
    colours, kept only briefly."""
    publisher = current_publisher()
    response = HttpResponse(theme.stylesheet(publisher), content_type="text/css; charset=utf-8")
    if version == theme.version(publisher):
        patch_cache_control(response, public=True, max_age=THEME_MAX_AGE, immutable=True)
    else:
        patch_cache_control(response, public=True, max_age=60)
    return response
