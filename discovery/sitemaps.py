"""Sitemaps: an index of public pages by kind, and a Google News sitemap of the last 48 hours.

Every address is on ``settings.SITE_URL`` (see discovery/seo.py). Only what
``Article.objects.published()`` returns is listed, and a section, tag, author or
record carries as lastmod the newest published article about it.
"""

import datetime
import functools
from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import connection
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import escape

from articles.models import Article, Author, Section, Tag
from clusters.models import Cluster, Official, Unit
from newsroom import pagecache
from newsroom.site import site_url

from . import seo

NEWS_WINDOW = datetime.timedelta(hours=48)
URLSET_OPEN = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
)


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


class ArticleSitemap(SiteSitemap):
    def items(self):
        return (
            Article.objects.published()
            .only("slug", "published_at", "modified_at", "updated_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, article):
        return seo.last_modified(article)

    def location(self, article):
        # reverse() once per page, not once per article (10,000 a page).
        before, after = _article_address()
        return f"{before}{article.slug}{after}"

    def latest(self):
        public = Article.objects.published()
        return [
            public.order_by("-published_at").values("published_at")[:1],
            public.filter(modified_at__isnull=False)
            .order_by("-modified_at")
            .values("modified_at")[:1],
        ]

    def size(self):
        return Article.objects.published().order_by()


@functools.cache
def _article_address():
    """The article address around its slug: ("/bai-viet/", "/")."""
    return tuple(reverse("articles:article", kwargs={"slug": "SLUG"}).split("SLUG"))


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
        items = self.queryset().annotate(newest=_newest({self.link: OuterRef("pk")}))
        if self.only_with_articles:
            items = items.filter(newest__isnull=False)
        return items.order_by("pk")

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
        sections = list(
            super().items().annotate(child_newest=_newest({"section__parent": OuterRef("pk")}))
        )
        for section in sections:
            section.newest = max(
                (d for d in (section.newest, section.child_newest) if d), default=None
            )
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
    "bai-viet": ArticleSitemap,
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
    """Every sitemap with its newest date and its pages, in one query at most twice."""
    _tag_sitemap()
    sitemaps = {name: sitemap_class() for name, sitemap_class in SITEMAPS.items()}
    latest = {name: sitemap.latest() for name, sitemap in sitemaps.items()}
    # How many items, counted up to one past the limit: enough to say "one page".
    sizes = [sitemap.size().values("pk")[: sitemap.limit + 1] for sitemap in sitemaps.values()]
    dated = [query for queries in latest.values() for query in queries]
    found = iter(_scalars([*dated, *sizes], counted=sizes))
    dates = {name: [next(found) for _ in queries] for name, queries in latest.items()}
    entries = []
    for name, sitemap in sitemaps.items():
        lastmod = max((d for d in dates[name] if d is not None), default=None)
        size = next(found)
        if size > sitemap.limit:  # only a big sitemap is counted exactly
            items = sitemap.items()
            size = len(items) if isinstance(items, list) else items.order_by().count()
        url = seo.absolute(reverse("discovery:sitemap_section", kwargs={"section": name}))
        entries.append(SitemapIndexItem(url, lastmod))
        for page in range(2, -(-size // sitemap.limit) + 1):
            entries.append(SitemapIndexItem(f"{url}?p={page}", lastmod))
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


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


@x_robots_tag
def section(request, section):
    """One page of one sitemap, written directly (10,000 entries through the template
    engine cost over a second of Python; this, a few hundredths)."""
    _tag_sitemap()
    if section not in SITEMAPS:
        raise Http404("Không có sơ đồ trang này.")
    sitemap = SITEMAPS[section]()
    try:
        urls = sitemap.get_urls(page=request.GET.get("p", 1))
    except (EmptyPage, PageNotAnInteger):
        raise Http404("Không có trang này của sơ đồ trang.") from None
    lines = [URLSET_OPEN]
    for url in urls:
        lastmod = url["lastmod"]
        if isinstance(lastmod, datetime.datetime) and timezone.is_aware(lastmod):
            lastmod = timezone.localtime(lastmod)  # the day as Vietnam reads it
        dated = f"<lastmod>{lastmod:%Y-%m-%d}</lastmod>" if lastmod else ""
        lines.append(f"<url><loc>{escape(url['location'])}</loc>{dated}</url>")
    lines.append("</urlset>\n")
    return HttpResponse("\n".join(lines), content_type="application/xml")


def news(request):
    _tag_sitemap()
    return sitemap_view(
        request, sitemaps={"news": NewsSitemap}, template_name="discovery/sitemap_news.xml"
    )
