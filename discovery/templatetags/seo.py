"""``{% page_meta %}`` in base.html: description, canonical, OpenGraph, Twitter, feeds, JSON-LD.

It reads the page's object from the generic view in the context (``view.object``,
or ``view.owner`` on list pages), so every public page gets its metadata without
its view knowing about it. It makes no query of its own: the article page's
view already fetches the section, cover, bylines and tags it reads.
"""

from django import template
from django.urls import reverse

from articles.models import Article, Author, Section, Tag
from clusters.models import Cluster, Official, Unit
from discovery import seo

register = template.Library()


def _page_suffix(context):
    page = context.get("page_obj")
    return f"?trang={page.number}" if page is not None and page.number > 1 else ""


def _site_feeds(site_name):
    return [
        ("application/rss+xml", f"{site_name} – RSS", seo.absolute(reverse("discovery:feed_rss"))),
        (
            "application/atom+xml",
            f"{site_name} – Atom",
            seo.absolute(reverse("discovery:feed_atom")),
        ),
    ]


def _section_feeds(section):
    kwargs = {"slug": section.slug}
    return [
        (
            "application/rss+xml",
            f"{section.name} – RSS",
            seo.absolute(reverse("discovery:section_feed_rss", kwargs=kwargs)),
        ),
        (
            "application/atom+xml",
            f"{section.name} – Atom",
            seo.absolute(reverse("discovery:section_feed_atom", kwargs=kwargs)),
        ),
    ]


def _article_meta(article, publisher):
    canonical = seo.absolute(article.get_absolute_url())
    image = seo.cover_image(article) or seo.default_image(publisher.site_name)
    crumbs = [*seo.section_crumbs(article.section), seo.Crumb(article.title, canonical)]
    return seo.PageMeta(
        title=article.title,
        description=seo.describe(article.lead or article.title),
        canonical=canonical,
        kind="article",
        image=image,
        published=seo.iso(article.published_at),
        modified=seo.iso(seo.last_modified(article)),
        section=article.section.name,
        tags=[tag.name for tag in article.tags.all()],
        feeds=_section_feeds(article.section),
        json_ld=[
            seo.json_ld(seo.news_article(article, publisher, image, canonical)),
            seo.json_ld(seo.breadcrumbs(crumbs)),
        ],
    )


def _describe_record(obj, site_name):
    if isinstance(obj, Section):
        return obj.description or f"Tin bài chuyên mục {obj.name} – {site_name}."
    if isinstance(obj, Tag):
        return f"Tin bài gắn thẻ “{obj.name}” – {site_name}."
    if isinstance(obj, Author):
        return obj.bio or f"Tin bài của tác giả {obj.name} – {site_name}."
    if isinstance(obj, Cluster):
        return obj.description or f"Hồ sơ {obj.name}: đơn vị thành viên, sự kiện, tin bài."
    if isinstance(obj, Unit):
        return f"Hồ sơ đơn vị {obj.name}: lịch sử, cụm thi đua, cán bộ, tin bài."
    if isinstance(obj, Official):
        return f"Hồ sơ cán bộ {obj.public_name}: cấp bậc, chức vụ, tin bài."
    return site_name


@register.inclusion_tag("discovery/includes/page_meta.html", takes_context=True)
def page_meta(context):
    publisher = context["publisher"]
    site_name = publisher.site_name
    view = context.get("view")
    obj = getattr(view, "object", None) or getattr(view, "owner", None)
    request = context.get("request")
    if isinstance(obj, Article):
        meta = _article_meta(obj, publisher)
    elif obj is not None and hasattr(obj, "get_absolute_url"):
        name = getattr(obj, "public_name", None) or str(obj)
        meta = seo.PageMeta(
            title=name,
            description=seo.describe(_describe_record(obj, site_name)),
            canonical=seo.absolute(obj.get_absolute_url()) + _page_suffix(context),
        )
        if isinstance(obj, Section):
            meta.feeds = _section_feeds(obj)
            meta.json_ld = [seo.json_ld(seo.breadcrumbs(seo.section_crumbs(obj)))]
    else:
        meta = seo.PageMeta(
            title=site_name,
            description=seo.describe(
                f"Tin tức, sự kiện, hoạt động của {publisher.governing_body or site_name}."
            ),
        )
        if view is not None and request is not None and request.resolver_match:
            meta.canonical = seo.absolute(request.path) + _page_suffix(context)
            if request.resolver_match.view_name == "articles:home":
                meta.json_ld = [seo.json_ld(seo.organization(publisher))]
    meta.template_describes = type(view).__module__.startswith("clusters.")
    meta.image = meta.image or seo.default_image(site_name)
    meta.feeds = _site_feeds(site_name) + meta.feeds
    return {"meta": meta, "site_name": site_name}


@register.simple_tag
def absolute_url(name, *args, **kwargs):
    """``{% absolute_url 'discovery:sitemap' %}``: reverse() on SITE_URL."""
    return seo.absolute(reverse(name, args=args, kwargs=kwargs))
