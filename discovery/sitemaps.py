"""Sitemaps: an index of public pages by kind, and a Google News sitemap of the last 48 hours.

Every address is on ``settings.SITE_URL`` (see discovery/seo.py). Only what
``Article.objects.published()`` returns is listed, and a section, tag, author or
record carries as lastmod the newest published article about it.
"""

import datetime
from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.db.models import Max, OuterRef, Subquery
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author, Section, Tag
from clusters.models import Cluster, Official, Unit
from newsroom.site import site_url

from . import seo

NEWS_WINDOW = datetime.timedelta(hours=48)


class SiteSitemap(Sitemap):
    limit = 10_000

    def get_protocol(self, protocol=None):
        return urlsplit(site_url()).scheme

    def get_domain(self, site=None):
        return urlsplit(site_url()).netloc

    def get_latest_lastmod(self):
        dates = [self.lastmod(item) for item in self.items()]
        return max((d for d in dates if d is not None), default=None)


class ArticleSitemap(SiteSitemap):
    def items(self):
        return (
            Article.objects.published()
            .only("slug", "published_at", "modified_at", "updated_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, article):
        return seo.last_modified(article)

    def get_latest_lastmod(self):
        latest = Article.objects.published().aggregate(
            published=Max("published_at"), modified=Max("modified_at")
        )
        return max((d for d in latest.values() if d is not None), default=None)


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


@x_robots_tag
def index(request):
    entries = []
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        url = seo.absolute(reverse("discovery:sitemap_section", kwargs={"section": section}))
        lastmod = sitemap.get_latest_lastmod()
        entries.append(SitemapIndexItem(url, lastmod))
        for page in range(2, sitemap.paginator.num_pages + 1):
            entries.append(SitemapIndexItem(f"{url}?p={page}", lastmod))
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


def section(request, section):
    return sitemap_view(request, sitemaps=SITEMAPS, section=section)


def news(request):
    return sitemap_view(
        request, sitemaps={"news": NewsSitemap}, template_name="discovery/sitemap_news.xml"
    )
