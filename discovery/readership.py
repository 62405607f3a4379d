"""What readers read: per-day view counts, the most-read list, related articles.

A read is counted by the article page's beacon (``static/js/read.js`` posting to
``discovery.views.read``), not by the page itself: the article view knows nothing of
reading statistics, a page served from a cache is still counted, and a client that
runs no JavaScript (most bots) is not.

The beacon only adds one to a fast counter (``add_read``): a Redis hash when the
cache is Redis, the cache itself otherwise. ``flush_reads``, a periodic job
(``discovery/tasks.py``, every ``READS_FLUSH_SECONDS``), moves the counts into the
per-day ``ViewCount`` rows in one batch and drops the cached ranking, so the
most-read list is right again within one flush interval.
"""

import datetime
import logging
import re
from collections import Counter
from itertools import batched

from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from redis.exceptions import ResponseError

from articles.models import Article
from newsroom import pagecache
from newsroom.cache import UNAVAILABLE

from .models import ViewCount

logger = logging.getLogger(__name__)

MOST_READ_DAYS = 7
# The ranking (which articles, how many reads) is kept this long; every article
# page shows it, and the sum over a week of view counts is the costly part.
MOST_READ_CACHE_SECONDS = 5 * 60
# Ranked beyond the limit, so the list stays full when the article being read or
# one taken down since the ranking was cached is left out.
MOST_READ_SPARE = 5
# Changed by every flush of the read counter: the cached rankings are then stale.
_RANKING_GENERATION = "discovery:most-read:generation"
MOST_READ_TAG = "most-read"  # pages showing the list (newsroom.pagecache)
MOST_READ_SHOWN = 5  # what the article page shows ({% most_read %})
_SHOWN_TOP = "discovery:most-read:shown"  # the top as pages last showed it
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


def count_view(article, day=None, count=1):
    """Add ``count`` views to article's row for day, in the database: never a
    read-modify-write. The flush's way in; a reader's read goes to ``add_read``."""
    day = day or timezone.localdate()
    rows = ViewCount.objects.filter(article=article, day=day)
    if rows.update(count=F("count") + count):
        return
    try:
        with transaction.atomic():
            ViewCount.objects.create(article=article, day=day, count=count)
    except IntegrityError:
        # Another writer created the day's row between our update and insert.
        rows.update(count=F("count") + count)


# --- The fast counter ------------------------------------------------------------------

READS_FLUSH_SECONDS = 60
_PENDING = "discovery:reads:pending"  # Redis hash "article:day" -> reads not yet flushed
_FLUSHING = "discovery:reads:flushing"
_SLOT = "discovery:reads:{article}:{day}"  # the fallback: one cache counter per slot
_SLOTS = "discovery:reads:slots"  # the fallback's list of slots holding a count
_SLOTS_SECONDS = 7 * 24 * 60 * 60  # an unflushed count survives a week without a worker
# Article ids per query of a flush: PostgreSQL takes at most 65,535 parameters a statement
# (they are bound by the server: newsroom/settings/services.py), and a flush after a long
# stop of the worker can hold more articles than that.
FLUSH_IDS_PER_QUERY = 10_000

logger = logging.getLogger(__name__)


def _redis():
    """The raw Redis client and the key of the pending hash, or None without Redis."""
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        return None
    return backend._cache.get_client(write=True), backend.make_and_validate_key


def add_read(article_id, day=None):
    """One read of an article, counted in the fast counter (no database write)."""
    day = day or timezone.localdate()
    field = f"{article_id}:{day.isoformat()}"
    found = _redis()
    if found is not None:
        client, key = found
        try:
            client.hincrby(key(_PENDING), field, 1)
            return
        except UNAVAILABLE as error:  # Redis away: count straight into the table
            logger.warning("Read counter unavailable, counting in the database: %s", error)
            count_view(Article(pk=article_id), day)
            return
    slot = _SLOT.format(article=article_id, day=day.isoformat())
    if cache.add(slot, 1, _SLOTS_SECONDS):
        slots = cache.get(_SLOTS) or set()
        slots.add(field)
        cache.set(_SLOTS, slots, _SLOTS_SECONDS)
    else:
        try:
            cache.incr(slot)
        except ValueError:  # flushed between add() and incr()
            add_read(article_id, day)


def _take_pending():
    """The counts not yet flushed, as {(article id, day): reads}, removed from the counter."""
    found = _redis()
    taken = Counter()
    if found is not None:
        client, key = found
        pending, flushing = key(_PENDING), key(_FLUSHING)
        # RENAME is atomic: reads arriving from now on start a new hash. A "flushing"
        # hash left by a flush that failed half-way is taken first.
        if not client.exists(flushing):
            try:
                client.renamenx(pending, flushing)
            except ResponseError:  # nothing pending
                return taken
        raw = client.hgetall(flushing)
        client.delete(flushing)
        for field, count in raw.items():
            taken[_parse(field)] += int(count)
        return taken
    slots = cache.get(_SLOTS) or set()
    cache.delete(_SLOTS)
    for field in slots:
        article_id, day = field.split(":")
        slot = _SLOT.format(article=article_id, day=day)
        count = cache.get(slot)
        cache.delete(slot)
        if count:
            taken[_parse(field)] += int(count)
    return taken


def _parse(field):
    if isinstance(field, bytes):
        field = field.decode()
    article_id, day = field.split(":")
    return int(article_id), datetime.date.fromisoformat(day)


def flush_reads():
    """Move the counted reads into the per-day table in one batch; returns how many.

    Existing rows get ``count = count + n``, missing ones are created together; an
    article deleted since it was read is skipped. The cached most-read ranking is
    dropped, so the next page shows the new ranking.
    """
    taken = _take_pending()
    if not taken:
        return 0
    alive = set()
    for ids in batched(sorted({pk for pk, _ in taken}), FLUSH_IDS_PER_QUERY):
        alive.update(Article.objects.filter(pk__in=ids).values_list("pk", flat=True))
    taken = {slot: count for slot, count in taken.items() if slot[0] in alive}
    days = {day for _, day in taken}
    existing = set()
    for ids in batched(sorted({pk for pk, _ in taken}), FLUSH_IDS_PER_QUERY):
        rows = ViewCount.objects.filter(article_id__in=ids, day__in=days)
        existing.update(rows.values_list("article_id", "day"))
    missing = [
        ViewCount(article_id=article_id, day=day, count=count)
        for (article_id, day), count in taken.items()
        if (article_id, day) not in existing
    ]
    with transaction.atomic():
        for (article_id, day), count in taken.items():
            if (article_id, day) in existing:
                ViewCount.objects.filter(article_id=article_id, day=day).update(
                    count=F("count") + count
                )
    try:
        with transaction.atomic():
            ViewCount.objects.bulk_create(missing)
    except IntegrityError:  # a row appeared meanwhile (another writer): one by one
        for row in missing:
            count_view(Article(pk=row.article_id), row.day, row.count)
    forget_ranking()
    # Pages show the top of the list: purge them only when the top has changed.
    top = [article.pk for article in most_read(limit=MOST_READ_SHOWN + 1)]
    if cache.get(_SHOWN_TOP) != top:
        cache.set(_SHOWN_TOP, top, None)
        pagecache.purge(MOST_READ_TAG)
    return sum(taken.values())


def forget_ranking():
    """Drop the cached most-read rankings (after a flush, or a change of what is public)."""
    cache.set(_RANKING_GENERATION, timezone.now().timestamp(), None)


def most_read(limit=MOST_READ_SHOWN, days=MOST_READ_DAYS, exclude=None, now=None):
    """Published articles with the most views over the last ``days`` days (today included).

    The ranking is cached for MOST_READ_CACHE_SECONDS per local day; the articles are
    fetched through ``published()`` on every call, so one taken down leaves at once.
    Each article carries its ``reads``.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    size = limit + 1 + MOST_READ_SPARE
    generation = _cached(_RANKING_GENERATION) or 0
    key = f"discovery:most-read:{generation}:{today.isoformat()}:{days}:{size}"
    ranking = _cached(key)
    if ranking is None:
        since = today - datetime.timedelta(days=days - 1)
        # Only the week's rows are read (the day index), never the whole table.
        ranking = list(
            ViewCount.objects.filter(
                day__gte=since, article__in=Article.objects.published(now).values("pk")
            )
            .values("article_id")
            .annotate(reads=Sum("count"))
            .filter(reads__gt=0)
            .order_by("-reads", "-article__published_at", "-article_id")
            .values_list("article_id", "reads")[:size]
        )
        _cache(key, ranking, MOST_READ_CACHE_SECONDS)
    found = _shown(now).in_bulk([pk for pk, _ in ranking]) if ranking else {}
    articles = []
    for pk, reads in ranking:
        if pk in found:
            found[pk].reads = reads
            articles.append(found[pk])
    if exclude is not None:
        articles = [article for article in articles if article.pk != exclude.pk]
    articles = articles[:limit]
    pagecache.tag(MOST_READ_TAG, *(pagecache.name(article) for article in articles))
    return articles


def _cached(key):
    """The cached value, or None when the cache fails: the ranking is then computed."""
    try:
        return cache.get(key)
    except Exception:  # any backend's failure (Redis down): a miss, never a failed page
        logger.warning("Cache unavailable for %s", key, exc_info=True)
        return None


def _cache(key, value, timeout):
    try:
        cache.set(key, value, timeout)
    except Exception:
        logger.warning("Cache unavailable for %s", key, exc_info=True)


def _shown(now):
    """Published articles as lists show them: with their section and cover, without their body."""
    return Article.objects.published(now).select_related("section", "cover").defer(*_LIGHT_FIELDS)


def related(article, limit=5, now=None):
    """Newest published articles sharing a unit, official, cluster, event or tag; never itself.

    Reads the ids from the article's prefetched relations when present. The candidates
    are the union of the link tables' rows for those ids (each an index look-up), so
    the query never walks the article table. Cached per article version until a list it
    draws on changes (``newsroom.pagecache``: "list:unit:5" is purged when an article
    about unit 5 is published, edited or taken down) or a scheduled article comes out.
    """
    officials = getattr(article, "public_officials", None)
    links = [
        ("unit", Article.units.through, article.units.all()),
        ("cluster", Article.clusters.through, article.clusters.all()),
        ("event", Article.events.through, article.events.all()),
        ("tag", Article.tags.through, article.tags.all()),
        (
            "official",
            Article.officials.through,
            officials if officials is not None else article.officials.all(),
        ),
    ]
    wanted = [(kind, through, [item.pk for item in items]) for kind, through, items in links]
    wanted = [(kind, through, ids) for kind, through, ids in wanted if ids]
    if not wanted:
        return []

    def build():
        branches = [
            through.objects.filter(**{f"{kind}_id__in": ids}).values("article_id")
            for kind, through, ids in wanted
        ]
        candidates = branches[0]
        if len(branches) > 1:
            candidates = candidates.union(*branches[1:], all=True)
        found = list(
            _shown(now)
            .filter(pk__in=candidates)
            .exclude(pk=article.pk)
            .order_by("-published_at", "-pk")[:limit]
        )
        names = {pagecache.list_name(kind, pk) for kind, _, ids in wanted for pk in ids}
        names.update(pagecache.name(shown) for shown in found)
        return found, names

    if now is not None:  # asked about another moment: nothing cached applies
        return build()[0]
    key = f"related:{article.pk}:{article.version}:{limit}"
    return pagecache.fragment(key, build, timeout=pagecache.seconds_to_horizon())
