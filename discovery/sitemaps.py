"""Sitemaps: an index of public pages by kind, and a Google News sitemap of the last 48 hours.

Every address is on ``settings.SITE_URL`` (see discovery/seo.py). Only what
``Article.objects.published()`` returns is listed, and a section, tag, author or
record carries as lastmod the newest published article about it.

Articles are listed one month of publication (Vietnam time) per sitemap,
``/sitemap-bai-viet-2026-11.xml``: a page costs what one month holds, whatever the
archive, and the index finds and dates the months by index probes (per month its
newest publication and its newest edit), never by a scan of the archive.
"""

import datetime
import functools
from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.contrib.sitemaps.views import x_robots_tag
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import connection
from django.db.models import Max, OuterRef, Subquery
from django.db.models.expressions import RawSQL
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import escape

from articles.models import LAST_MODIFIED, Article, Author, Section, Tag, VietnamMonth
from clusters.models import Cluster, Official, Unit
from newsroom import pagecache
from newsroom.site import site_url

from . import seo

NEWS_WINDOW = datetime.timedelta(hours=48)
XML_OPEN = '<?xml version="1.0" encoding="UTF-8"?>\n'
NAMESPACE = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
# Vietnam keeps UTC+7 all year: the months of the article sitemaps (VietnamMonth agrees).
VIETNAM = datetime.timezone(datetime.timedelta(hours=7))
# The most URLs one sitemap may hold (sitemaps.org); a month holds a few hundred.
MONTH_LIMIT = 50_000
# The index probes every month from the first publication to now: up to a century.
# Past that (a mistyped date far in the past) the rows are grouped by month instead.
MAX_PROBED_MONTHS = 1200
ARTICLES = "bai-viet"
# The newest articles whose links date the tags, authors and records seen among them.
NEWEST_WINDOW = 1_000


class SiteSitemap(Sitemap):
    limit = 10_000

    def get_protocol(self, protocol=None):
        return urlsplit(site_url()).scheme

    def get_domain(self, site=None):
        return urlsplit(site_url()).netloc

    def latest(self):
        """Querysets of one date each, the newest of which is the sitemap's lastmod."""
        return []

    def size(self):
        """A queryset counting (at least, when under the limit) the sitemap's items."""
        return self.items()


# --- articles, by month -------------------------------------------------------------------


def month_start(year, month):
    return datetime.datetime(year, month, 1, tzinfo=VIETNAM)


def _next_month(start):
    return start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)


def _month_key(moment):
    return moment.year * 100 + moment.month


def month_address(start):
    """/sitemap-bai-viet-2026-11.xml (reverse() once, not once per month listed)."""
    before, after = _month_address()
    return f"{before}{start.year:04d}-{start.month:02d}{after}"


@functools.cache
def _month_address():
    address = reverse("discovery:sitemap_articles", kwargs={"year": "0000", "month": "00"})
    return tuple(address.split("0000-00"))


def month_articles(start, now=None):
    """The published articles of the month beginning at ``start``, newest first."""
    return (
        Article.objects.published(now)
        .filter(published_at__gte=start, published_at__lt=_next_month(start))
        .only("slug", "published_at", "modified_at", "updated_at")
        .order_by("-published_at", "-pk")[:MONTH_LIMIT]
    )


def article_months(now=None):
    """[(month start, lastmod)] of every month holding a published article, newest first.

    Two queries: the first publication, then every month from it to now (counted in
    SQL), each probed for its newest ``last_modified`` in ``article_month_lastmod_idx``:
    a correction of an old article dates its month. One subquery for all the months,
    so the query is planned once, whatever the archive's span.
    """
    now = now or timezone.now()
    public = Article.objects.published(now)
    first = public.order_by("published_at").values_list("published_at", flat=True).first()
    if first is None:
        return []
    first, last = _month_key(first.astimezone(VIETNAM)), _month_key(now.astimezone(VIETNAM))
    if (last // 100 - first // 100) * 12 + last % 100 - first % 100 >= MAX_PROBED_MONTHS:
        return _grouped_months(public)
    newest = (
        public.alias(month=VietnamMonth("published_at"))
        .filter(month=RawSQL("months.number", ()))
        .annotate(lastmod=LAST_MODIFIED)
        .order_by("-lastmod")
        .values("lastmod")[:1]
    )
    newest_sql, newest_params = newest.query.sql_with_params()
    # The month after 202612 is 202701 (no "%", which the parameters would take for theirs).
    months = (
        "WITH RECURSIVE months(number) AS (SELECT %s UNION ALL SELECT CASE WHEN "
        "number - number / 100 * 100 = 12 THEN number + 89 ELSE number + 1 END "
        "FROM months WHERE number < %s)"
    )
    sql = f"{months} SELECT number, ({newest_sql}) FROM months"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [first, last, *newest_params])
        found = [(number, _moment(lastmod)) for number, lastmod in cursor if lastmod]
    return [
        (month_start(number // 100, number % 100), lastmod)
        for number, lastmod in sorted(found, reverse=True)
    ]


def _grouped_months(public):
    """article_months() the slow way: every published row grouped by its month."""
    rows = (
        public.annotate(month=VietnamMonth("published_at"))
        .order_by()
        .values_list("month")
        .annotate(lastmod=Max(LAST_MODIFIED))
    )
    dated = [(month_start(int(n) // 100, int(n) % 100), lastmod) for n, lastmod in rows]
    return sorted(dated, reverse=True)


def _newest_of(*moments):
    return max((moment for moment in moments if moment is not None), default=None)


@functools.cache
def _article_address():
    """The article address around its slug: ("/bai-viet/", "/")."""
    return tuple(reverse("articles:article", kwargs={"slug": "SLUG"}).split("SLUG"))


# --- everything else ----------------------------------------------------------------------


def _newest(related_filter):
    """Subquery: the newest published_at among published articles matching related_filter."""
    newest = Article.objects.published().filter(**related_filter).order_by("-published_at")
    return Subquery(newest.values("published_at")[:1])


class NewestArticleSitemap(SiteSitemap):
    """Things with a page of articles; lastmod is the newest published one."""

    model = None
    link = None  # the Article lookup pointing at the item, e.g. "tags"
    only_with_articles = True

    def queryset(self):
        return self.model.objects.all()

    def items(self):
        """Every item with the newest public article about it (``newest``).

        Not a walk of the newest articles per item (the archive, for an item whose last
        article is old), nor a scan of each item's links: one read of the links of the
        newest NEWEST_WINDOW articles dates every item seen there; the others, whose
        articles are all older, are dated from their own links (a few, for the tags of
        one old story) in one grouped query.
        """
        items = list(self.queryset().order_by("pk"))
        public = Article.objects.published()
        window = public.order_by("-published_at", "-pk").values("pk")[:NEWEST_WINDOW]
        newest = {}
        for pk, published_at in (
            Article.objects.filter(pk__in=window)
            .filter(**{f"{self.link}__isnull": False})
            .order_by()
            .values_list(self.link, "published_at")
        ):
            if pk not in newest or newest[pk] < published_at:
                newest[pk] = published_at
        unseen = [item.pk for item in items if item.pk not in newest]
        if unseen:
            older = (
                public.filter(**{f"{self.link}__in": unseen})
                .order_by()
                .values_list(self.link)
                .annotate(newest=Max("published_at"))
            )
            newest.update(older)
        for item in items:
            item.newest = newest.get(item.pk)
        if self.only_with_articles:
            items = [item for item in items if item.newest is not None]
        return items

    def lastmod(self, item):
        return item.newest

    def latest(self):
        """The newest public article about any item: a walk of the newest articles."""
        about = {f"{self.link}__in": self.queryset().values("pk")}
        newest = Article.objects.published().filter(**about).order_by("-published_at")
        return [newest.values("published_at")[:1]]

    def size(self):
        # The whole table bounds the items: only a table over the limit is counted exactly.
        return self.queryset().order_by()


class SectionSitemap(NewestArticleSitemap):
    model = Section
    link = "section"
    only_with_articles = False

    def items(self):
        """Each section dated by its own newest article and its children's: one probe of
        ``article_section_public_idx`` per section (not a walk of the newest articles in
        search of a child's, which read the whole archive for a section without one)."""
        newest = _newest({"section": OuterRef("pk")})
        sections = list(self.queryset().annotate(newest=newest).order_by("pk"))
        own = {section.pk: section.newest for section in sections}
        for section in sections:
            children = [own[child.pk] for child in sections if child.parent_id == section.pk]
            section.newest = _newest_of(own[section.pk], *children)
        return sections


class TagSitemap(NewestArticleSitemap):
    model = Tag
    link = "tags"


class AuthorSitemap(NewestArticleSitemap):
    model = Author
    link = "authorships__author"


class ClusterSitemap(NewestArticleSitemap):
    model = Cluster
    link = "clusters"
    only_with_articles = False


class UnitSitemap(NewestArticleSitemap):
    model = Unit
    link = "units"
    only_with_articles = False


class OfficialSitemap(NewestArticleSitemap):
    model = Official
    link = "officials"
    only_with_articles = False

    def queryset(self):
        return Official.objects.public()


class NewsSitemap(SiteSitemap):
    """Google News: articles published in the last 48 hours (the news template adds the tags)."""

    limit = 1000  # Google News reads at most 1,000 URLs per sitemap

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return (
            Article.objects.published()
            .filter(published_at__gte=since)
            .only("slug", "title", "published_at", "modified_at", "updated_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, article):
        return seo.last_modified(article)


SITEMAPS = {
    "chuyen-muc": SectionSitemap,
    "the": TagSitemap,
    "tac-gia": AuthorSitemap,
    "cum-thi-dua": ClusterSitemap,
    "don-vi": UnitSitemap,
    "can-bo": OfficialSitemap,
}


def _tag_sitemap():
    pagecache.tag(pagecache.ALL_ARTICLES, pagecache.RECORDS)


@x_robots_tag
def index(request):
    """The article sitemap of every month, then every other sitemap with its newest date
    and its pages: two queries (and a count of any sitemap over its limit)."""
    _tag_sitemap()
    entries = [(seo.absolute(month_address(start)), lastmod) for start, lastmod in article_months()]
    sitemaps = {name: sitemap_class() for name, sitemap_class in SITEMAPS.items()}
    latest = {name: sitemap.latest() for name, sitemap in sitemaps.items()}
    # How many items, counted up to one past the limit: enough to say "one page".
    sizes = [sitemap.size().values("pk")[: sitemap.limit + 1] for sitemap in sitemaps.values()]
    dated = [query for queries in latest.values() for query in queries]
    found = iter(_scalars([*dated, *sizes], counted=sizes))
    dates = {name: [next(found) for _ in queries] for name, queries in latest.items()}
    for name, sitemap in sitemaps.items():
        lastmod = _newest_of(*dates[name])
        size = next(found)
        if size > sitemap.limit:  # only a big sitemap is counted exactly
            items = sitemap.items()
            size = len(items) if isinstance(items, list) else items.order_by().count()
        url = seo.absolute(reverse("discovery:sitemap_section", kwargs={"section": name}))
        entries.append((url, lastmod))
        for page in range(2, -(-size // sitemap.limit) + 1):
            entries.append((f"{url}?p={page}", lastmod))
    lines = [f"{XML_OPEN}<sitemapindex {NAMESPACE}>"]
    for url, lastmod in entries:
        dated = f"<lastmod>{_w3c(lastmod)}</lastmod>" if lastmod else ""
        lines.append(f"<sitemap><loc>{escape(url)}</loc>{dated}</sitemap>")
    lines.append("</sitemapindex>\n")
    return HttpResponse("\n".join(lines), content_type="application/xml")


def _w3c(moment):
    """2026-11-27T07:00:00+07:00: the instant as Vietnam reads it."""
    return moment.astimezone(VIETNAM).isoformat(timespec="seconds")


def _scalars(querysets, counted=()):
    """One query: each queryset as a scalar subquery; those in ``counted`` as their row count."""
    parts, params = [], []
    for queryset in querysets:
        sql, found = queryset.query.sql_with_params()
        if any(queryset is other for other in counted):
            sql = f"SELECT COUNT(*) FROM ({sql}) AS counted"  # noqa: S608
        parts.append(f"({sql})")
        params.extend(found)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}", params)
        row = cursor.fetchone()
    return [_moment(value) for value in row]


def _moment(value):
    if isinstance(value, str):  # SQLite answers text
        value = parse_datetime(value)
    if isinstance(value, datetime.datetime) and timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value


def _urlset(urls):
    """A sitemap written directly (thousands of entries through the template engine cost
    a large part of a second of Python; this, a few hundredths)."""
    lines = [f"{XML_OPEN}<urlset {NAMESPACE}>"]
    for url in urls:
        lastmod = url["lastmod"]
        if isinstance(lastmod, datetime.datetime) and timezone.is_aware(lastmod):
            lastmod = timezone.localtime(lastmod)  # the day as Vietnam reads it
        dated = f"<lastmod>{lastmod:%Y-%m-%d}</lastmod>" if lastmod else ""
        lines.append(f"<url><loc>{escape(url['location'])}</loc>{dated}</url>")
    lines.append("</urlset>\n")
    return HttpResponse("\n".join(lines), content_type="application/xml")


@x_robots_tag
def articles(request, year, month):
    """One month's published articles (Vietnam time): one query, rows not models."""
    _tag_sitemap()
    year, month = int(year), int(month)
    # The month and the next one must exist in Vietnam time and in UTC (no year 0 or 10000).
    if not 1 <= month <= 12 or not 2 <= year <= 9998:
        raise Http404("Không có sơ đồ trang này.")
    before, after = _article_address()
    before = escape(seo.absolute(before))
    rows = month_articles(month_start(year, month)).values_list(
        "slug", "published_at", "modified_at"
    )
    lines = [f"{XML_OPEN}<urlset {NAMESPACE}>"]
    for slug, published_at, modified_at in rows:
        # Article.last_modified: the publication, or a later edit.
        lastmod = max(published_at, modified_at) if modified_at else published_at
        day = lastmod.astimezone(VIETNAM).date().isoformat()
        lines.append(f"<url><loc>{before}{slug}{after}</loc><lastmod>{day}</lastmod></url>")
    if len(lines) == 1:
        raise Http404("Tháng này không có bài viết nào.")
    lines.append("</urlset>\n")
    return HttpResponse("\n".join(lines), content_type="application/xml")


@x_robots_tag
def section(request, section):
    """One page of one sitemap."""
    if section == ARTICLES:
        # The article sitemap was paged by 10,000 (?p=N) before it went by month: the
        # addresses search engines keep lead to the index, which lists the months.
        return HttpResponsePermanentRedirect(reverse("discovery:sitemap"))
    _tag_sitemap()
    if section not in SITEMAPS:
        raise Http404("Không có sơ đồ trang này.")
    sitemap = SITEMAPS[section]()
    try:
        urls = sitemap.get_urls(page=request.GET.get("p", 1))
    except (EmptyPage, PageNotAnInteger):
        raise Http404("Không có trang này của sơ đồ trang.") from None
    return _urlset(urls)


def news(request):
    _tag_sitemap()
    return sitemap_view(
        request, sitemaps={"news": NewsSitemap}, template_name="discovery/sitemap_news.xml"
    )
