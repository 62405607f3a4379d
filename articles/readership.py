"""What readers read: per-day view counts, the most-read list, related articles."""

import datetime
import re

from django.db import IntegrityError, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone

from .models import Article, ViewCount

MOST_READ_DAYS = 7
# Crawlers and link-preview fetchers are not readers.
_BOT_RE = re.compile(
    r"bot|crawl|spider|slurp|preview|facebookexternalhit|zalo.*(?:crawler|bot)|curl|wget|python-",
    re.IGNORECASE,
)


def is_reader(request):
    """A request that counts as a read: a GET from someone outside the newsroom, not a bot."""
    if request.method != "GET":
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


def record_view(request, article):
    if article.is_published() and is_reader(request):
        count_view(article)


def most_read(limit=5, days=MOST_READ_DAYS, exclude=None, now=None):
    """Published articles with the most views over the last ``days`` days (today included)."""
    now = now or timezone.now()
    since = timezone.localdate(now) - datetime.timedelta(days=days - 1)
    articles = (
        Article.objects.published(now)
        .annotate(reads=Sum("view_counts__count", filter=Q(view_counts__day__gte=since)))
        .filter(reads__gt=0)
        .select_related("section")
        .defer("body", "search_title", "search_title_toned", "search_all", "search_all_toned")
        .order_by("-reads", "-published_at", "-pk")
    )
    if exclude is not None:
        articles = articles.exclude(pk=exclude.pk)
    return list(articles[:limit])


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
        Article.objects.published(now)
        .filter(pk__in=candidates)
        .exclude(pk=article.pk)
        .select_related("section")
        .defer("body", "search_title", "search_title_toned", "search_all", "search_all_toned")
        .order_by("-published_at", "-pk")[:limit]
    )
