"""Cached pages and fragments, purged exactly by tag.

Anything cached here carries **tags**: names of what it shows ("article:12",
"list:section:3", "photo:7", "site"). ``purge(*tags)`` stamps each tag with the time
of the purge; a cached entry is valid only while every one of its tags was last
purged *before the entry's rendering began*. A page rendered from data read before a
commit and stored after the commit's purge is therefore never served, and a purge
costs one cache write per tag however many pages carry it. A tag stamp that has
vanished from the cache (evicted) invalidates every entry carrying it, for good: the
stamp the tag is given again is newer than all of them (``_claim``).

Entries also end at a **horizon**: the next moment something scheduled changes what
the public sees (an article's publication or expiry time), given by the functions
apps register with ``register_horizon``, and at the next local midnight (pages that
say "today"). So a cached page never outlives a scheduled change it would show.

``PageCacheMiddleware`` keeps anonymous public GET answers: a request carrying the
session cookie (staff) neither reads nor fills the cache, a response is kept only
when the view tagged it (``tag``), answered 200 or 301, set no cookie and is not
private. Views say what they show with ``tag(...)`` while rendering; the tags are
gathered per request. The receivers that purge live with the apps that know what a
change touches (``discovery/caching.py``).

``FastHits``, the WSGI application (``newsroom/wsgi.py``), serves a kept page before
Django builds its request, when nothing in front of the page cache could answer
otherwise, with the final headers the whole middleware stack gave it; everything else
goes to Django.
"""

import contextlib
import contextvars
import datetime
import hashlib
import http
import logging
import re
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, parse_http_date_safe

from newsroom import hotpages

logger = logging.getLogger(__name__)

PAGE_PREFIX = "pagecache:page:"
FRAGMENT_PREFIX = "pagecache:fragment:"
TAG_PREFIX = "pagecache:tag:"
HORIZON_KEY = "pagecache:horizon"
# A new random value at every purge: a process that saw the same value before has seen
# every stamp as it is now (see _read_stamps).
PURGES_KEY = "pagecache:purges"
SITE = "site"  # every cached thing carries it: publisher details, menu sections
# No tag purged: "valid since ever".
NEVER = 0.0
# A tag given its first stamp (``_claim``) gets the moment this long before the
# rendering that carries it began: a few of a float's steps at today's Unix time.
CLAIM_MARGIN = 1e-6

_tags = contextvars.ContextVar("pagecache_tags", default=None)
_horizons = []
# True while a page is being rendered for keeping (``page_fragment``): slots render as
# markers, filled per request (``fill_slots``).
_deferring = contextvars.ContextVar("pagecache_deferring", default=False)
# When the outermost rendering in progress (a page, or a fragment outside one) began.
_began = contextvars.ContextVar("pagecache_began", default=None)
_slots = {}
# Fragments read ahead in one round trip (``prefetch``), and the tag stamps read during
# the current request (``_read_stamps``).
_prefetched = contextvars.ContextVar("pagecache_prefetched", default=None)
_stamps = contextvars.ContextVar("pagecache_stamps", default=None)
_MISSING = object()
# (marker, stamps): stamps this process has read while PURGES_KEY held that marker;
# at most _KNOWN_LIMIT of them. Replaced whole (threads hold the pair they read).
_known = (None, {})
_KNOWN_LIMIT = 50_000
# (marker, {fragment key: (started, tags, stamps)}): the fragments this process found
# valid while PURGES_KEY held that marker (``_fragment_valid``). Replaced whole, like _known,
# and when it holds _VERIFIED_LIMIT fragments (each keeps its ~20-40 stamps: a few MB).
_verified = (None, {})
_VERIFIED_LIMIT = 5_000
SLOT_RE = re.compile(r"<!--pagecache-slot:([a-z-]+):([0-9a-z:-]+)-->")


# --- tags and purges ---------------------------------------------------------------------


def name(obj):
    """The tag of one object a page shows: "article:12", "unit:5", "photo:3"."""
    return name_of(type(obj), obj.pk)


def name_of(model, pk):
    """``name`` from a model and a primary key (the row may be gone)."""
    return f"{model._meta.model_name}:{pk}"


def list_name(model_name, pk):
    """The tag of a list whose members may change: the articles of section 3 is
    "list:section:3"; "list:all" is every public article (home, feeds, sitemaps)."""
    return f"list:{model_name}:{pk}"


ALL_ARTICLES = "list:all"
RECORDS = "records"  # every record page (clusters, units, officials) and their sitemaps


def tag(*names):
    """Say that the page being rendered shows these things (no-op outside a cached request)."""
    found = _tags.get()
    if found is not None:
        found.update(map(str, names))


def purge(*names):
    """Invalidate every cached page and fragment tagged with any of ``names``."""
    names = {str(name) for name in names if name}
    if not names:
        return
    stamp = time.time()
    # The stamps and the marker in one write (Redis: one MSET inside MULTI/EXEC), so a
    # purge cannot land its stamps without the marker that tells processes to re-read
    # them, and a process reading the new marker reads these stamps (or newer ones).
    changes = {TAG_PREFIX + name: stamp for name in names}
    changes[PURGES_KEY] = secrets.token_hex(8)
    cache.set_many(changes, None)
    hotpages.changed_here()
    logger.debug("Purged %s", ", ".join(sorted(names)))


def purge_all():
    purge(SITE)


class _RequestStamps(dict):
    """The stamps read during one request, and the purge marker it read first."""

    purges = _MISSING


def _purges_marker(value=_MISSING):
    """The current value of PURGES_KEY (once per request), made when missing."""
    seen = _stamps.get()
    if seen is not None and seen.purges is not _MISSING:
        return seen.purges
    if value is _MISSING:
        value = cache.get(PURGES_KEY)
    if value is None:  # never purged, or evicted: nothing known can be trusted this time
        cache.add(PURGES_KEY, secrets.token_hex(8), None)
    if seen is not None:
        seen.purges = value
    return value


def _read_stamps(keys):
    """The stamps of tag keys ``keys`` (those not in the cache are left out).

    A stamp changes only in ``purge()``, which then gives PURGES_KEY a new random value.
    So stamps this process read while PURGES_KEY held the value it holds now are still
    the stamps: only those it has not read yet are asked of the cache, and a page whose
    tags are all known costs one small read (the marker, read with the page or its
    fragments) instead of one per tag. The marker is read before the stamps it vouches
    for, and written after the stamps of a purge, so a purge is never missed; a purge
    that lands during a request is noticed by the next one (the page or fragment is then
    older than the purge), as it would be had it landed just after.

    Within a request each stamp is read once: what the page's fragments were checked
    against is what the page is stored against.
    """
    global _known
    seen = _stamps.get()
    if seen is not None and all(key in seen for key in keys):
        return seen
    purges = _purges_marker()
    marker, stamps = _known
    if purges is None or purges != marker or len(stamps) > _KNOWN_LIMIT:
        stamps = {}
        if purges is not None:
            _known = (purges, stamps)
    missing = [key for key in keys if key not in stamps]
    if missing:
        stamps.update(cache.get_many(missing))
    found = {key: stamps[key] for key in keys if key in stamps}
    if seen is not None:
        seen.update(found)
    return found


def _still_valid(started, names):
    keys = [TAG_PREFIX + name for name in names]
    stamps = _read_stamps(keys)
    return all(key in stamps and stamps[key] < started for key in keys)


def _is_verified(key, started, names):
    """Whether fragment ``key`` as stored (``started``, ``names``) was found valid by
    this process under the purge marker the current request read: then it still is (its
    tags' stamps are what they were, see ``_read_stamps``), and their stamps are added to
    the request's without being looked up one by one."""
    seen = _stamps.get()
    if seen is None:
        return False
    purges = _purges_marker()
    marker, verified = _verified
    if purges is None or purges != marker:
        return False
    found = verified.get(key)
    if found is None or found[0] != started or found[1] != names:
        return False
    seen.update(found[2])
    return True


def _fragment_valid(key, started, names):
    """``_still_valid`` for fragment ``key``, remembered while the purge marker holds
    (``_is_verified``): a page read again and again checks its fragments' tags once per
    purge, not once per request."""
    global _verified
    if _is_verified(key, started, names):
        return True
    tag_keys = [TAG_PREFIX + name for name in names]
    stamps = _read_stamps(tag_keys)
    if not all(tag_key in stamps and stamps[tag_key] < started for tag_key in tag_keys):
        return False
    purges = _purges_marker() if _stamps.get() is not None else None
    if purges is not None:
        marker, verified = _verified
        if purges != marker or len(verified) >= _VERIFIED_LIMIT:
            verified = {}
            _verified = (purges, verified)
        verified[key] = (started, names, {tag_key: stamps[tag_key] for tag_key in tag_keys})
    return True


def _claim(names, started):
    """Give each tag without a stamp one (so a later eviction of it is noticed); returns
    the newest stamp of all. ``started``: when the rendering that carries them began.

    A tag without a stamp was never purged, or its stamp was evicted: then an entry
    rendered before a purge of it would pass for valid under a "never purged" stamp. So
    the new stamp is the moment just before the rendering began (the outermost one in
    progress: a page whose fragments are rendered inside it): entries rendered earlier
    with the tag are taken as stale (for a tag never seen, there are none), those in
    progress as valid."""
    outermost = _began.get()
    if outermost is not None:
        started = min(started, outermost)
    keys = [TAG_PREFIX + name for name in names]
    seen = _stamps.get()
    stamps = _read_stamps(keys)
    if stamps is seen:  # every one read in this request (the fragments' checks)
        return max(map(seen.__getitem__, keys), default=NEVER)
    stamps = dict(stamps)
    for key in keys:
        if key not in stamps:
            cache.add(key, started - CLAIM_MARGIN, None)
            stamps[key] = cache.get(key, started - CLAIM_MARGIN)
            if seen is not None:
                seen[key] = stamps[key]
            marker, known = _known
            if marker is not None and marker == _purges_marker():
                known[key] = stamps[key]
    return max((stamps[key] for key in keys), default=NEVER)


# --- horizon -----------------------------------------------------------------------------


def register_horizon(func):
    """``func(now)`` returns the next datetime a scheduled change shows, or None."""
    _horizons.append(func)
    return func


def forget_horizon():
    """The scheduled times changed (an article was written): compute the horizon again."""
    cache.delete(HORIZON_KEY)


def horizon(now=None):
    """The next scheduled change anywhere, or the next local midnight, whichever is first."""
    now = now or timezone.now()
    found = cache.get(HORIZON_KEY)
    if found is None or (found and found <= now):
        moments = [moment for func in _horizons if (moment := func(now)) is not None]
        found = min(moments, default=False)
        # Kept until it passes (then computed again); "none scheduled" for an hour.
        ttl = (found - now).total_seconds() if found else 3600
        cache.set(HORIZON_KEY, found, max(1, int(ttl)))
    local = timezone.localtime(now)
    midnight = timezone.make_aware(
        datetime.datetime.combine(local.date() + datetime.timedelta(days=1), datetime.time.min)
    )
    return min(found, midnight) if found else midnight


def seconds_to_horizon(now=None):
    """How long something listing articles may be kept: to the horizon, at most the maximum."""
    now = now or timezone.now()
    return max(1, min(_max_age(), int((horizon(now) - now).total_seconds())))


# --- fragments ---------------------------------------------------------------------------


def fragment(key, build, timeout=None):
    """The cached value of ``key``, else ``build()``, which returns (value, tags) to keep
    for ``timeout`` seconds (a number, or a function giving it when the value is built).

    The fragment's tags are added to the page being rendered, so a page holding a
    cached fragment is purged with it.

    The tags named by ``tag()`` while ``build()`` runs (those of the fragments it
    reads, for one) are kept with the fragment as well: a fragment holding another one is
    purged with it.
    """
    key = FRAGMENT_PREFIX + key
    known = _prefetched.get()
    # Read ahead by prefetch() (None there: not in the cache), else asked now.
    entry = known.pop(key) if known is not None and key in known else cache.get(key)
    if entry is not None:
        started, names, value = entry
        if _fragment_valid(key, started, names):
            tag(*names)
            return value
    started = time.time()
    found = set()
    token = _tags.set(found)
    began = _began.set(started) if _began.get() is None else None
    try:
        value, names = build()
    finally:
        _tags.reset(token)
        if began is not None:
            _began.reset(began)
    names = (SITE, *sorted({str(name) for name in (*names, *found)} - {SITE}))
    _claim(names, started)
    if callable(timeout):
        timeout = timeout()
    cache.set(key, (started, names, value), timeout or _max_age())
    tag(*names)
    return value


@contextlib.contextmanager
def prefetch(*keys):
    """Read the fragments ``keys`` and the stamps of their tags in two round trips; the
    ``fragment()`` calls inside the block use them (each entry once) instead of asking
    the cache one by one. Tags missing from the cache are asked for again, as usual."""
    asked = [FRAGMENT_PREFIX + key for key in keys]
    found = cache.get_many([*asked, PURGES_KEY])
    fragments = {key: found.get(key) for key in asked}
    stamps_token = _stamps.set(_RequestStamps()) if _stamps.get() is None else None
    _purges_marker(found.get(PURGES_KEY))
    # The stamps of the fragments not verified already (those are known: no read).
    names = {
        name
        for key in asked
        if key in found and not _is_verified(key, found[key][0], found[key][1])
        for name in found[key][1]
    }
    token = _prefetched.set(fragments)
    try:
        if names:
            _read_stamps([TAG_PREFIX + name for name in names])
        yield
    finally:
        _prefetched.reset(token)
        if stamps_token is not None:
            _stamps.reset(stamps_token)


def page_fragment(key, build, timeout=None):
    """A fragment holding most of a page, rendered with its slots left as markers.

    Parts of the page that change apart from the rest (an article's related and
    most-read lists change when other articles do) are ``slot``s: while ``build()``
    renders, each leaves a marker, and ``fill_slots`` puts in their current HTML (each
    a fragment of its own) per request. So a purge of one slot's tags leaves the rest of
    the page stored.

    The page is kept encoded and cut at its slots (``_split_slots``): filling it per
    request is a join of bytes, with no search for the markers and no encoding.
    """

    def deferred():
        token = _deferring.set(True)
        try:
            html, names = build()
        finally:
            _deferring.reset(token)
        return _split_slots(html), names

    return fragment(key, deferred, timeout)


def _split_slots(html):
    """``html`` as UTF-8 bytes between its slot markers: (b"…", (name, key), b"…", …)."""
    parts = []
    start = 0
    for match in SLOT_RE.finditer(html):
        parts.append(html[start : match.start()].encode())
        parts.append((match[1], match[2]))
        start = match.end()
    parts.append(html[start:].encode())
    return tuple(parts)


def register_slot(name, render):
    """``render(key, **context)`` returns the HTML of slot ``name`` for ``key``."""
    _slots[name] = render


def slot(name, key, render):
    """The HTML of a part of a page: a marker while the page is rendered for keeping
    (``page_fragment``), else ``render()``."""
    if _deferring.get():
        return f"<!--pagecache-slot:{name}:{key}-->"
    return render()


def slot_key(name, key):
    """The fragment key a slot's renderer keeps its HTML under (so a page can ``prefetch``
    the slots it expects with itself)."""
    return f"slot:{name}:{key}"


def fill_slots(parts, **context):
    """The page kept by ``page_fragment``, as UTF-8 bytes, with its slots' HTML put in."""
    return b"".join(
        part if part.__class__ is bytes else _slots[part[0]](part[1], **context).encode()
        for part in parts
    )


def forget_fragment(key):
    cache.delete(FRAGMENT_PREFIX + key)


def _max_age():
    return settings.PAGE_CACHE_SECONDS


# --- pages -------------------------------------------------------------------------------


def _is_public_path(path):
    private = (*settings.STAFF_PATH_PREFIXES, *settings.PAGE_CACHE_SKIP_PREFIXES)
    return not path.startswith(private)


def is_public_request(request):
    """An anonymous read of a public page: what the page cache and the public headers serve."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and _is_public_path(request.path_info)
    )


def page_key(request):
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return PAGE_PREFIX + digest


def _is_current(entry):
    """Whether a page entry read from the cache may be served: before its end (the
    cache's own expiry, by the cache server's clock, is not relied on alone) and not
    purged since it was rendered."""
    return (
        entry is not None
        and time.time() < entry["expires"]
        and _still_valid(entry["started"], entry["tags"])
    )


def _is_storable(response, names):
    if not names or response.status_code not in (200, 301):
        return False
    if response.cookies or response.streaming:
        return False
    control = response.get("Cache-Control", "")
    return "private" not in control and "no-store" not in control


class PageCacheMiddleware:
    """Serves and stores anonymous public pages; adds the HTTP caching headers.

    Placed after the middleware that only refuses requests and before the session,
    so a cached answer costs no session, no user and no database. Public answers get
    ``Cache-Control: public, max-age=0, s-maxage=…, stale-while-revalidate=…``, an
    ``ETag`` and ``Last-Modified``, and a conditional request that matches gets 304.
    """

    # Headers not kept with a page: per answer, or set again by _answer().
    SKIPPED = {
        "set-cookie",
        "cache-control",
        "etag",
        "last-modified",
        "content-length",
        "vary",
        "date",
        "x-page-cache",
        "server-timing",
        "x-bench-queries",
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_public_request(request):
            return self.get_response(request)
        enabled = settings.PAGE_CACHE_ENABLED
        key = page_key(request)
        # Set by FastHits (below) for a request it looked up and did not serve.
        passing = request.META.get(PASS_KEY)
        if passing is not None and passing.key != key:
            passing = None
        stamps_token = _stamps.set(_RequestStamps())
        try:
            if enabled:
                # FastHits read the entry and the marker already: not asked again.
                found = passing.found if passing else cache.get_many([key, PURGES_KEY])
                _purges_marker(found.get(PURGES_KEY))
                entry = found.get(key)
                if _is_current(entry):
                    if passing is not None:  # kept again with its final headers
                        ttl = int(entry["expires"] - time.time())
                        passing.keep = (entry, ttl, False) if ttl > 0 else None
                    return self._answer(request, entry, hit=True)
            return self._render(request, key, enabled, passing)
        finally:
            _stamps.reset(stamps_token)

    def _render(self, request, key, enabled, passing=None):
        names = set()
        token = _tags.set(names)
        started = time.time()
        began = _began.set(started)
        try:
            response = self.get_response(request)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            if not _is_storable(response, names):
                return response
            names.add(SITE)
            if _claim(names, started) >= started:  # purged while rendering: this copy may be stale
                return response
        finally:
            _tags.reset(token)
            _began.reset(began)
        now = timezone.now()
        if enabled:
            expires = min(horizon(now), now + datetime.timedelta(seconds=_max_age()))
        else:  # nothing kept here: shared caches are told the plain s-maxage
            expires = now + datetime.timedelta(seconds=settings.PAGE_SHARED_MAX_AGE + 1)
        ttl = int((expires - now).total_seconds())
        entry = {
            "started": started,
            "tags": tuple(sorted(names)),
            "status": response.status_code,
            "headers": [
                (name, value)
                for name, value in response.items()
                if name.lower() not in self.SKIPPED
            ],
            "content": response.content,
            "etag": '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"',
            # When this copy was rendered. HTTP dates are whole seconds, so only a copy
            # from the cache answers If-Modified-Since (see _not_modified).
            "modified": int(started),
            "expires": expires.timestamp(),
        }
        if enabled and ttl > 0 and request.method == "GET":
            if passing is not None:  # FastHits stores it, with the headers sent
                passing.keep = (entry, ttl, True)
            else:
                cache.set(key, entry, ttl)
        return self._answer(request, entry, hit=False, response=response)

    def _answer(self, request, entry, *, hit, response=None):
        if _not_modified(request, entry, hit):
            answer = HttpResponse(status=304)
        elif response is not None:
            answer = response
        else:
            answer = HttpResponse(entry["content"], status=entry["status"])
            for name, value in entry["headers"]:
                answer[name] = value
        now = time.time()
        answer["ETag"] = entry["etag"]
        answer["Last-Modified"] = http_date(entry["modified"])
        if "Cache-Control" in answer:  # the view's directives, merged with these
            patch_cache_control(
                answer,
                public=True,
                max_age=0,
                s_maxage=_shared_max_age(entry, now),
                stale_while_revalidate=settings.PAGE_STALE_WHILE_REVALIDATE,
            )
        else:  # what patch_cache_control writes on an answer without the header
            answer["Cache-Control"] = _public_control(entry, now)
        # For nginx's micro-cache (deploy/nginx): keep this answer to the end of the
        # current second only. nginx counts validity in whole seconds and keeps an
        # entry through its last second, so "1s" would mean up to 2 s; "@now" means
        # under 1 s. nginx does not pass the header on to the client.
        answer["X-Accel-Expires"] = f"@{int(now)}"
        if settings.PAGE_CACHE_ENABLED:
            answer["X-Page-Cache"] = "hit" if hit else "miss"
        return answer


def _shared_max_age(entry, now):
    return max(0, min(settings.PAGE_SHARED_MAX_AGE, int(entry["expires"] - now)))


def _public_control(entry, now):
    """The Cache-Control of a public answer (the middleware's and FastHits' alike)."""
    return (
        f"public, max-age=0, s-maxage={_shared_max_age(entry, now)}, "
        f"stale-while-revalidate={settings.PAGE_STALE_WHILE_REVALIDATE}"
    )


def _not_modified(request, entry, hit):
    """The client's copy is this one: by its ETag, or, for a copy served from the cache, by
    its date (a page just rendered may differ from one rendered earlier in the same second,
    so a fresh rendering answers If-Modified-Since with the page)."""
    return _matches(
        entry, hit, request.headers.get("If-None-Match"), request.headers.get("If-Modified-Since")
    )


def _matches(entry, hit, match, since):
    """``_not_modified`` from the request's If-None-Match and If-Modified-Since (or None)."""
    if entry["status"] != 200:
        return False
    if match is not None:
        tags = [value.strip().removeprefix("W/") for value in match.split(",")]
        return entry["etag"] in tags or "*" in tags
    if since is None:
        return False
    since = parse_http_date_safe(since)
    return hit and since is not None and entry["modified"] <= since


# --- hits served before Django (WSGI) ----------------------------------------------------

# environ keys: the request FastHits built (Django's handler takes it instead of building
# another) and the _Pass it hands PageCacheMiddleware.
REQUEST_KEY = "newsroom.pagecache.request"
PASS_KEY = "newsroom.pagecache.pass"  # noqa: S105 (a name, not a secret)
# Headers the page cache sets on every answer (PageCacheMiddleware._answer, FastHits._serve):
# never kept with the final headers of a page.
PER_ANSWER = {*PageCacheMiddleware.SKIPPED, "x-accel-expires"}


class _Pass:
    """What FastHits hands the Django stack for a request it looked up and did not serve:
    the cache's answer (``found``: the middleware does not ask again), and, set by the
    middleware, ``keep``: (entry, ttl, rendered) to store once the answer has been
    through every middleware (``rendered``: stored whatever; else only when the final
    headers could be taken)."""

    __slots__ = ("found", "keep", "key")

    def __init__(self, key, found):
        self.key = key
        self.found = found
        self.keep = None


class _Handler(WSGIHandler):
    """Django's WSGI handler, taking the request FastHits already built."""

    def request_class(self, environ):
        return environ.pop(REQUEST_KEY, None) or WSGIRequest(environ)


class FastHits:
    """The WSGI application: a cached page for an anonymous public GET or HEAD is served
    before Django builds its request and runs the middleware; anything else goes to
    Django (``self.handler``).

    A page is served here only from an entry holding the final status and headers the
    whole middleware stack gave it (``entry["wsgi"]``): FastHits stores the entry after
    the answer went through every middleware, taking the headers Django sent. So a hit
    here carries what the stack's hit would (security headers, CSP, Permissions-Policy),
    with the headers set per answer (ETag, Last-Modified, Cache-Control, X-Accel-Expires,
    X-Page-Cache) computed as ``PageCacheMiddleware._answer`` does, and a Content-Length.
    The entry is checked against the tag stamps as the middleware checks it (a purge
    takes effect on the next request), and a conditional request gets its 304.

    Served here only when the middleware in front of the page cache could not answer
    differently (``_takes``): an anonymous public request (``is_public_request``: GET or
    HEAD, no session cookie, not a staff or uncached path), from an allowed host, that
    SecurityMiddleware would not redirect to HTTPS, without an Origin header and not on
    a CORS path (django-cors-headers answers by the Origin), and only from an entry stored
    for the request's scheme (HSTS goes on HTTPS answers only).
    """

    def __init__(self, handler=None):
        self.handler = handler or _Handler()
        cors = getattr(settings, "CORS_URLS_REGEX", None)
        self.cors = re.compile(cors) if cors else None
        # The pages this worker served last, while Redis pushes no purge (hotpages.py).
        self.hot = hotpages.for_cache(
            settings.CACHES, cache.make_key(PURGES_KEY), settings.PAGE_CACHE_HOT_PAGES
        )

    def __call__(self, environ, start_response):
        if not settings.PAGE_CACHE_ENABLED:
            return self.handler(environ, start_response)
        request = WSGIRequest(environ)
        environ[REQUEST_KEY] = request
        if not self._takes(request, environ):
            return self.handler(environ, start_response)
        key = page_key(request)
        hot = self.hot
        if hot is not None:
            kept = hot.get(key)
            if kept is not None:
                entry, final = kept
                if time.time() < entry["expires"] and final["scheme"] == request.scheme:
                    environ.pop(REQUEST_KEY, None)
                    return self._serve(environ, start_response, entry, final)
            generation = hot.watch.generation  # before the cache is read
        stamps_token = _stamps.set(_RequestStamps())
        try:
            found = cache.get_many([key, PURGES_KEY])
            _purges_marker(found.get(PURGES_KEY))
            entry = found.get(key)
            if _is_current(entry):
                final = entry.get("wsgi")
                if final is not None and final["scheme"] == request.scheme:
                    environ.pop(REQUEST_KEY, None)
                    if hot is not None:
                        hot.put(key, (entry, final), len(entry["content"]), generation)
                    return self._serve(environ, start_response, entry, final)
        finally:
            _stamps.reset(stamps_token)
        passing = environ[PASS_KEY] = _Pass(key, found)
        sent = []

        def taking(status, headers, exc_info=None):
            sent[:] = [status, headers]
            return start_response(status, headers, exc_info)

        response = self.handler(environ, taking)
        if passing.keep is not None:
            self._keep(key, passing.keep, sent, request.scheme)
        return response

    def _takes(self, request, environ):
        if not is_public_request(request) or "HTTP_ORIGIN" in environ:
            return False
        if self.cors is not None and self.cors.match(request.path_info):
            return False
        if settings.SECURE_SSL_REDIRECT and not request.is_secure():
            return False
        try:
            request.get_host()
        except DisallowedHost:
            return False
        return True

    @staticmethod
    def _keep(key, keep, sent, scheme):
        """Store the entry with the final headers of the answer just sent (when that answer
        is the entry's: not a 304)."""
        entry, ttl, rendered = keep
        status, headers = sent or (None, ())
        # An answer that sets a cookie, or varies by a request header (Vary: Origin from
        # django-cors-headers, for one), is left to the stack.
        taken = (
            status is not None
            and int(status.split(" ", 1)[0]) == entry["status"]
            and not any(name.lower() in {"set-cookie", "vary"} for name, _ in headers)
        )
        if taken:
            final = [(name, value) for name, value in headers if name.lower() not in PER_ANSWER]
            own = {tuple(pair) for pair in entry["headers"]}
            added = [pair for pair in final if pair not in own]  # by the middleware
            not_modified = [
                (name, value)
                for name, value in HttpResponse(status=304).items()
                if name.lower() not in PER_ANSWER
            ]
            entry = {
                **entry,
                "wsgi": {
                    "scheme": scheme,
                    "status": status,
                    "headers": final,
                    "last_modified": http_date(entry["modified"]),
                    # A 304 from the stack: an empty HttpResponse, the headers the page
                    # cache sets, and those the middleware in front of it added.
                    "not_modified": [*not_modified, *added],
                },
            }
        if taken or rendered:
            cache.set(key, entry, ttl)

    @staticmethod
    def _serve(environ, start_response, entry, final):
        now = time.time()
        matches = _matches(
            entry, True, environ.get("HTTP_IF_NONE_MATCH"), environ.get("HTTP_IF_MODIFIED_SINCE")
        )
        if matches:
            status, headers, body = NOT_MODIFIED, [*final["not_modified"]], b""
        else:
            content = entry["content"]
            status, headers, body = final["status"], [*final["headers"]], content
            headers.append(("Content-Length", str(len(content))))
        headers += [
            ("ETag", entry["etag"]),
            ("Last-Modified", final["last_modified"]),
            ("Cache-Control", _public_control(entry, now)),
            ("X-Accel-Expires", f"@{int(now)}"),
            ("X-Page-Cache", "hit"),
        ]
        start_response(status, headers)
        return [body]


NOT_MODIFIED = f"304 {http.HTTPStatus.NOT_MODIFIED.phrase}"
