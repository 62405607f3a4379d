"""The API's answers kept by the server, validators, and what CDNs and browsers may keep.

**Server copy.** A successful answer's data is kept in the default cache (Redis when
configured) under ``api:v1:answer:<generation>:<hash of path and parameters>``. Every
key carries the current *generation*, a token stored under ``api:v1:generation``;
``purge()`` replaces the token, so every answer kept so far is orphaned at once and
expires on its own. ``purge`` runs on ``articles.signals.article_changed`` (every
committed article write) and, after the commit, on any save or delete of a model of
the ``articles``, ``clusters`` or ``photos`` apps (sections, tags, authors, records,
a caption fixed in the library). Time also changes what is public: an answer is kept
no longer than the next scheduled publication or expiry it could show
(``seconds_to_next_change``).

**Validators.** ``ETag`` is a hash of the answer's bytes (exact); ``Last-Modified`` is
when the server produced the data, to the second. A conditional GET or HEAD that
still matches gets ``304 Not Modified`` with no body.

**Cache-Control** of a 200: ``public, max-age=N, s-maxage=N, stale-while-revalidate=S``
with ``N = API_CACHE_SECONDS`` (60) and ``S = API_STALE_SECONDS`` (30); both shrink
to the time left before the next scheduled publication or expiry (no stale window
then). A CDN is not purged by us: N is what a change may take to show through one.
Errors are ``no-store`` (``api.errors``).
"""

import hashlib
import math
import time
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min, Q
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from articles.models import Article
from articles.signals import article_changed

GENERATION_KEY = "api:v1:generation"
ANSWER_PREFIX = "api:v1:answer"
WATCHED_APPS = ("articles", "clusters", "photos")


def generation():
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        token = cache.get(GENERATION_KEY) or "none"
    return token


def purge(**kwargs):
    """Orphan every answer kept so far (they expire unread)."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def purge_on_commit(**kwargs):
    transaction.on_commit(purge)


def connect():
    article_changed.connect(purge, dispatch_uid="api-purge-article-changed")
    for label in WATCHED_APPS:
        for model in apps.get_app_config(label).get_models():
            uid = f"api-purge-{model._meta.label_lower}"
            post_save.connect(purge_on_commit, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(purge_on_commit, sender=model, dispatch_uid=f"{uid}-delete")


def key_for(request):
    params = sorted((name, sorted(values)) for name, values in request.GET.lists())
    digest = hashlib.sha256(f"{request.path}\n{params!r}".encode()).hexdigest()
    return f"{ANSWER_PREFIX}:{generation()}:{digest}"


def seconds_to_next_change(now):
    """Seconds until a scheduled article goes public or a public one expires; None if none."""
    found = Article.objects.filter(status=Article.Status.PUBLISHED).aggregate(
        publish=Min("published_at", filter=Q(published_at__gt=now)),
        expire=Min("expires_at", filter=Q(expires_at__gt=now)),
    )
    moments = [moment for moment in found.values() if moment is not None]
    if not moments:
        return None
    return max(1, math.ceil((min(moments) - now).total_seconds()))


class Entry(dict):
    """What the server keeps of an answer: its data, when it was made, until when it holds."""

    @classmethod
    def make(cls, data):
        now = timezone.now()
        change = seconds_to_next_change(now)
        stamp = now.timestamp()
        return cls(data=data, made=stamp, change=None if change is None else stamp + change)

    def server_seconds(self):
        seconds = settings.API_SERVER_CACHE_SECONDS
        if self["change"] is not None:
            seconds = min(seconds, math.ceil(self["change"] - self["made"]))
        return max(1, seconds)


def lookup(request):
    return cache.get(key_for(request))


def keep(request, entry):
    cache.set(key_for(request), entry, entry.server_seconds())


def finish(request, response, entry):
    """Validators and Cache-Control on a rendered 200; a 304 when the client is up to date."""
    etag = f'"{hashlib.blake2b(response.content, digest_size=16).hexdigest()}"'
    response["ETag"] = etag
    response["Last-Modified"] = http_date(int(entry["made"]))
    max_age = settings.API_CACHE_SECONDS
    stale = settings.API_STALE_SECONDS
    if entry["change"] is not None:
        left = math.floor(entry["change"] - time.time())
        if left < max_age + stale:
            max_age, stale = max(0, min(max_age, left)), 0
    controls = {"public": True, "max_age": max_age, "s_maxage": max_age}
    if stale:
        controls["stale_while_revalidate"] = stale
    patch_cache_control(response, **controls)
    return get_conditional_response(
        request, etag=etag, last_modified=int(entry["made"]), response=response
    )
