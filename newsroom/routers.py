"""Public reads on a read replica, everything else on the primary.

A read goes to ``settings.DATABASE_READ_REPLICA`` only when all of these hold:
the request was marked a public read by ``ReplicaReadsMiddleware`` (GET or HEAD,
no session cookie, not under ``STAFF_PATH_PREFIXES``), nothing has been written during
the request, and the primary is not inside a transaction. Commands, the task
worker and the shell never use the replica. A replica lags by a moment, which is
fine for what a reader sees and never for what an editor saves.
"""

from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

_public_read = ContextVar("newsroom_public_read", default=False)


def replica_alias():
    alias = settings.DATABASE_READ_REPLICA
    return alias if alias and alias in settings.DATABASES else None


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        alias = replica_alias()
        if alias is None or not _public_read.get():
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return alias

    def db_for_write(self, model, **hints):
        # Whatever this request reads after a write must see it: stay on the primary.
        _public_read.set(False)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        aliases = {DEFAULT_DB_ALIAS, replica_alias()}
        if obj1._state.db in aliases and obj2._state.db in aliases:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica copies the primary's schema by replication, never by migrate.
        return db == DEFAULT_DB_ALIAS


def is_public_read(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path_info.startswith(tuple(settings.STAFF_PATH_PREFIXES))
    )


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _public_read.set(replica_alias() is not None and is_public_read(request))
        try:
            return self.get_response(request)
        finally:
            _public_read.reset(token)
