"""What readers read: per-day view counts, the most-read list, related articles.

A read is counted by the article page's beacon (``static/js/read.js`` posting to
``discovery.views.read``), not by the page itself: the article view knows nothing of
reading statistics, a page served from a cache is still counted, and a client that
runs no JavaScript (most bots) is not.
"""

import datetime
import re

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone

from articles.models import Article

from .models import ViewCount

MOST_READ_DAYS = 7
# The ranking (which articles, how many reads) is kept this long; every article
# page shows it, and the sum over a week of view counts is the costly part.
MOST_READ_CACHE_SECONDS = 5 * 60
# Ranked beyond the limit, so the list stays full when the article being read or
# one taken down since the ranking was cached is left out.
MOST_READ_SPARE = 5
_LIGHT_FIELDS = ("body", "search_title", "search_title_toned", "search_all", "search_all_toned")
# Crawlers and link-preview fetchers are not readers.
_BOT_RE = re.compile(
    r"bot|crawl|spider|slurp|preview|facebookexternalhit|zalo.*(?:crawler|bot)|curl|wget|python-",
    re.IGNORECASE,
)


def is_reader(request):
    """A beacon that counts as a read: sent by one of our pages (a browser says so in
    Sec-Fetch-Site), for someone outside the newsroom, not a bot."""
    if request.headers.get("Sec-Fetch-Site", "same-origin") != "same-origin":
        return False
    if getattr(request.user, "is_staff", False):
        return False
    agent = request.headers.get("User-Agent", "")
    return bool(agent) and not _BOT_RE.search(agent)


def count_view(article, day=None):
    """Add one view to article's row for day, in the database: never a read-modify-write."""
    day = day or timezone.localdate()
    rows = ViewCount.objects.filter(article=article, day=day)
    if rows.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            ViewCount.objects.create(article=article, day=day, count=1)
    except IntegrityError:
        # Another request created today's row between our update and insert.
        rows.update(count=F("count") + 1)


def most_read(limit=5, days=MOST_READ_DAYS, exclude=None, now=None):
    """Published articles with the most views over the last ``days`` days (today included).

    The ranking is cached for MOST_READ_CACHE_SECONDS per local day; the articles are
    fetched through ``published()`` on every call, so one taken down leaves at once.
    Each article carries its ``reads``.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    size = limit + 1 + MOST_READ_SPARE
    key = f"discovery:most-read:{today.isoformat()}:{days}:{size}"
    ranking = cache.get(key)
    if ranking is None:
        since = today - datetime.timedelta(days=days - 1)
        articles = list(
            _shown(now)
            .annotate(reads=Sum("view_counts__count", filter=Q(view_counts__day__gte=since)))
            .filter(reads__gt=0)
            .order_by("-reads", "-published_at", "-pk")[:size]
        )
        cache.set(key, [(a.pk, a.reads) for a in articles], MOST_READ_CACHE_SECONDS)
    else:
        found = _shown(now).in_bulk([pk for pk, _ in ranking])
        articles = []
        for pk, reads in ranking:
            if pk in found:
                found[pk].reads = reads
                articles.append(found[pk])
    if exclude is not None:
        articles = [article for article in articles if article.pk != exclude.pk]
    return articles[:limit]


def _shown(now):
    """Published articles as lists show them: with their section and cover, without their body."""
    return Article.objects.published(now).select_related("section", "cover").defer(*_LIGHT_FIELDS)


def related(article, limit=5, now=None):
    """Newest published articles sharing a unit, official, cluster, event or tag; never itself.

    Reads the ids from the article's prefetched relations when present.
    """
    officials = getattr(article, "public_officials", None)
    links = [
        ("units", article.units.all()),
        ("clusters", article.clusters.all()),
        ("events", article.events.all()),
        ("tags", article.tags.all()),
        ("officials", officials if officials is not None else article.officials.all()),
    ]
    condition = Q()
    for name, items in links:
        ids = [item.pk for item in items]
        if ids:
            condition |= Q(**{f"{name}__in": ids})
    if not condition:
        return []
    candidates = Article.objects.filter(condition).values("pk")
    return list(
        _shown(now)
        .filter(pk__in=candidates)
        .exclude(pk=article.pk)
        .order_by("-published_at", "-pk")[:limit]
    )
