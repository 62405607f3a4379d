"""Who has an article open: a light marker in the cache, refreshed by the open page's
heartbeat (static/js/editorial-presence.js) and gone by itself a little after the page
closes. It informs; it does not block saving (``articles.locking`` does that). An editor
can take it over.

When the cache keeps nothing (Redis down), nobody can be seen: the page says so
("unknown") instead of showing the article as free, and saving stays safe.
"""

import logging
from datetime import datetime

from django.core.cache import cache
from django.utils import timezone

from newsroom.audit import actor_name

logger = logging.getLogger(__name__)

UNKNOWN = {
    "state": "unknown",
    "message": "Không biết được ai khác đang mở bài này: bộ nhớ đệm của hệ thống đang gián "
    "đoạn. Bạn vẫn lưu an toàn; nếu có người lưu trước, hệ thống sẽ báo và giữ nguyên "
    "những gì bạn gõ.",
}

PRESENCE_TIMEOUT = 75  # seconds; the page beats every 20
HEARTBEAT_SECONDS = 20


def _key(article_pk):
    return f"editorial:presence:{article_pk}"


def _marker(user, since=None):
    return {
        "user": user.pk,
        "name": actor_name(user),
        "since": (since or timezone.now()).isoformat(),
    }


def describe(marker, user):
    """What the page shows: whose marker it is, since when (HH:MM, local time)."""
    if marker is None:
        return {"state": "free"}
    since = timezone.localtime(datetime.fromisoformat(marker["since"]))
    mine = marker["user"] == user.pk
    return {
        "state": "mine" if mine else "other",
        "name": marker["name"],
        "since": f"{since:%H:%M}",
        "message": "" if mine else f"{marker['name']} đang mở bài này (từ {since:%H:%M})",
    }


def visit(article_pk, user):
    """The page is open (first load or heartbeat): keep or take the marker if free."""
    key = _key(article_pk)
    try:
        marker = cache.get(key)
        if marker is None:
            if cache.add(key, _marker(user), PRESENCE_TIMEOUT):
                marker = cache.get(key)
            else:
                marker = cache.get(key)
                if marker is None:
                    # Refused to add, yet holds nothing: the cache keeps nothing.
                    return dict(UNKNOWN)
            if marker is None:
                return dict(UNKNOWN)
            return describe(marker, user)
        if marker["user"] == user.pk:
            cache.set(key, marker, PRESENCE_TIMEOUT)
    except Exception:  # any cache backend's failure: presence informs, it must not break
        logger.warning("Presence unavailable: the cache failed", exc_info=True)
        return dict(UNKNOWN)
    return describe(marker, user)


def take_over(article_pk, user):
    try:
        cache.set(_key(article_pk), _marker(user), PRESENCE_TIMEOUT)
        marker = cache.get(_key(article_pk))
    except Exception:
        logger.warning("Presence unavailable: the cache failed", exc_info=True)
        return dict(UNKNOWN)
    return describe(marker, user) if marker is not None else dict(UNKNOWN)


def leave(article_pk, user):
    """The holder closed the page: free the marker at once rather than in a minute."""
    key = _key(article_pk)
    try:
        marker = cache.get(key)
        if marker is not None and marker["user"] == user.pk:
            cache.delete(key)
    except Exception:
        logger.warning("Presence unavailable: the cache failed", exc_info=True)


def holders(article_pks, user):
    """Who has each of these articles open, besides ``user``: {pk: name}, one cache call."""
    keys = {_key(pk): pk for pk in article_pks}
    try:
        markers = cache.get_many(list(keys)) if keys else {}
    except Exception:
        logger.warning("Presence unavailable: the cache failed", exc_info=True)
        return {}
    return {keys[key]: m["name"] for key, m in markers.items() if m["user"] != user.pk}
