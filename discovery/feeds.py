"""RSS 2.0 and Atom feeds of published articles, for the whole site and for each section.

Everything the feeds print is plain text (titles, the lead, a section's description, the
site's name), and each element gets it escaped for what a reader does with it: XML
escaping alone (Django's) for Atom's text constructs (``<title>``, ``<subtitle>``,
author names), and HTML escaping as well where readers render the content as HTML:
RSS's ``<title>`` and ``<description>`` and Atom's ``<summary type="html">``. Without it a
lead reading "<img src=x onerror=…>" would reach a feed reader as a live tag.
"""

from html import escape
from typing import NamedTuple

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed

from articles.models import Article, Authorship, Section
from articles.pages import section_ids
from newsroom import pagecache
from newsroom.models import Publisher
from newsroom.templatetags.newsroom import site_publisher

from . import seo

DC = "http://purl.org/dc/elements/1.1/"


class Source(NamedTuple):
    section: Section | None
    publisher: Publisher


def _as_html(values, *names):
    """``values`` with the text under ``names`` escaped as HTML."""
    return {**values, **{name: escape(values[name]) for name in names if values.get(name)}}


class NewsRssFeed(Rss201rev2Feed):
    """RSS 2.0 with every byline as a ``dc:creator`` (RSS's <author> wants an e-mail)."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DC}

    def add_root_elements(self, handler):
        feed = self.feed
        self.feed = _as_html(feed, "title", "description")
        try:
            super().add_root_elements(handler)
        finally:
            self.feed = feed

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, _as_html(item, "title", "description"))
        for name in item.get("authors", ()):
            handler.addQuickElement("dc:creator", name)


class NewsAtomFeed(Atom1Feed):
    """Atom with one <author> per byline."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, _as_html(item, "description"))
        for name in item.get("authors", ()):
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.endElement("author")


class LatestArticlesFeed(Feed):
    feed_type = NewsRssFeed
    limit = 30
    url_name = "discovery:feed_rss"
    section_url_name = "discovery:section_feed_rss"

    def get_object(self, request, slug=None):
        # One feed instance serves every request: per-request data travels in the object.
        section = get_object_or_404(Section, slug=slug) if slug else None
        pagecache.tag(
            pagecache.list_name("section", section.pk) if section else pagecache.ALL_ARTICLES
        )
        return Source(section, site_publisher())

    def title(self, source):
        name = source.publisher.site_name
        return f"{source.section.name} – {name}" if source.section else name

    def link(self, source):
        section = source.section
        return seo.absolute(section.get_absolute_url() if section else reverse("articles:home"))

    def feed_url(self, source):
        if source.section is None:
            return seo.absolute(reverse(self.url_name))
        return seo.absolute(reverse(self.section_url_name, kwargs={"slug": source.section.slug}))

    def description(self, source):
        section = source.section
        if section is not None:
            return section.description or f"Tin bài mới nhất chuyên mục {section.name}."
        return f"Tin bài mới nhất của {source.publisher.site_name}."

    def author_name(self, source):
        return source.publisher.site_name

    def items(self, source):
        section = source.section
        articles = (
            Article.objects.published()
            .for_lists()
            .select_related("cover")
            .prefetch_related(
                Prefetch("authorships", queryset=Authorship.objects.select_related("author")),
                "tags",
            )
        )
        if section is not None:
            articles = articles.filter(section_id__in=section_ids(section))
        return articles[: self.limit]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.lead

    def item_link(self, article):
        return seo.absolute(article.get_absolute_url())

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return seo.last_modified(article)

    def item_categories(self, article):
        return [article.section.name, *(tag.name for tag in article.tags.all())]

    def item_enclosures(self, article):
        image = seo.cover_image(article)
        if image is None:
            return []
        length = article.cover.social_image.length
        return [Enclosure(image.url, str(length), image.mime_type)]

    def item_extra_kwargs(self, article):
        return {"authors": [a.author.name for a in article.authorships.all()]}


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = NewsAtomFeed
    url_name = "discovery:feed_atom"
    section_url_name = "discovery:section_feed_atom"
    subtitle = LatestArticlesFeed.description
