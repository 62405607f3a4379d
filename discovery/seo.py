"""What search engines and link previews read: absolute URLs, page metadata, JSON-LD.

Absolute URLs are built from ``settings.SITE_URL`` (through ``newsroom.site``, which in
development follows the address served), never from the request's Host header: the
canonical address of a page must not depend on how it was reached (a proxy, a forged
Host), and feeds, sitemaps and pages must agree.
"""

import json
from dataclasses import dataclass, field

from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from newsroom import site, text

LOGO = ("img/logo.png", 600, 60)
DEFAULT_IMAGE = ("img/chia-se.png", 1200, 630)
DESCRIPTION_WORDS = 45
# json_script's escaping: nothing in the data can close the element or start markup.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def absolute(url):
    """``url`` (a path, or already absolute) as an absolute URL on SITE_URL."""
    if not url or url.startswith(("http://", "https://")):
        return url
    base = site.site_url()
    if url.startswith("//"):
        return f"{base.split('//', 1)[0]}{url}"
    return f"{base}{url if url.startswith('/') else '/' + url}"


def iso(moment):
    """ISO 8601 in Vietnam's time, as readers and Google News expect: 2026-11-27T08:00:00+07:00."""
    return timezone.localtime(moment).isoformat() if moment else None


def last_modified(article):
    """The reader-facing update time (the editorial helper's field when present)."""
    return getattr(article, "last_modified", None) or article.published_at or article.updated_at


def describe(value, words=DESCRIPTION_WORDS):
    return Truncator(text.clean_line(value)).words(words, truncate="…")


@dataclass
class Image:
    url: str
    width: int
    height: int
    mime_type: str = "image/png"
    alt: str = ""


def default_image(site_name):
    path, width, height = DEFAULT_IMAGE
    return Image(absolute(static(path)), width, height, "image/png", site_name)


def logo():
    path, width, height = LOGO
    return Image(absolute(static(path)), width, height, "image/png")


def cover_image(article):
    """The cover's 1200×630 rendition, or None."""
    cover = getattr(article, "cover", None)
    social = cover.social_image if cover is not None else None
    if social is None:
        return None
    alt = cover.alt_text or article.title
    return Image(absolute(social.url), social.width, social.height, social.mime_type, alt)


@dataclass
class Crumb:
    name: str
    url: str


@dataclass
class PageMeta:
    title: str
    description: str
    canonical: str | None = None
    kind: str = "website"
    image: Image | None = None
    published: str | None = None
    modified: str | None = None
    section: str = ""
    # The page template prints its own <meta name="description"> (the records pages do).
    template_describes: bool = False
    tags: list = field(default_factory=list)
    feeds: list = field(default_factory=list)
    json_ld: list = field(default_factory=list)


def json_ld(data):
    """A ``<script type="application/ld+json">`` data block, escaped like json_script."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


def publisher_data(publisher):
    mark = logo()
    data = {
        "@type": "Organization",
        "name": publisher.site_name,
        "url": absolute("/"),
        "logo": {
            "@type": "ImageObject",
            "url": mark.url,
            "width": mark.width,
            "height": mark.height,
        },
    }
    if publisher.governing_body:
        data["parentOrganization"] = {"@type": "Organization", "name": publisher.governing_body}
    return data


def organization(publisher):
    data = {"@context": "https://schema.org", **publisher_data(publisher)}
    if publisher.address:
        data["address"] = publisher.address
    if publisher.phone:
        data["telephone"] = publisher.phone
    if publisher.email:
        data["email"] = publisher.email
    return data


def breadcrumbs(crumbs):
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": crumb.name, "item": crumb.url}
            for number, crumb in enumerate(crumbs, start=1)
        ],
    }


def news_article(article, publisher, image, canonical):
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "url": canonical,
        "headline": Truncator(article.title).chars(110),
        "description": describe(article.lead) if article.lead else "",
        "image": [image.url],
        "datePublished": iso(article.published_at),
        "dateModified": iso(last_modified(article)),
        "inLanguage": "vi",
        "articleSection": article.section.name,
        "author": [
            {
                "@type": "Person",
                "name": authorship.author.name,
                "url": absolute(authorship.author.get_absolute_url()),
            }
            for authorship in article.authorships.all()
        ],
        "publisher": publisher_data(publisher),
    }
    keywords = [tag.name for tag in article.tags.all()]
    if keywords:
        data["keywords"] = keywords
    return data


def section_crumbs(section):
    crumbs = [Crumb("Trang chủ", absolute("/"))]
    if section.parent_id:
        crumbs.append(Crumb(section.parent.name, absolute(section.parent.get_absolute_url())))
    crumbs.append(Crumb(section.name, absolute(section.get_absolute_url())))
    return crumbs
