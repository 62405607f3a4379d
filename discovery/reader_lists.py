"""The article page's reader lists (related articles, the week's most read) as HTML.

The article page is kept per article version (``articles.views.ArticleView``,
``newsroom.pagecache.page_fragment``) with these two lists left as slots: they change
when other articles do (a publish on a shared tag, a flush of the reads), so each is a
fragment of its own, rendered once and purged by its own tags, and put into the page
per request. A staff preview renders them in place.
"""

from django.template.loader import render_to_string

from articles.models import Article
from newsroom import pagecache

from . import readership

RELATED_SHOWN = 5
RELATED_TEMPLATE = "discovery/includes/related_articles.html"
MOST_READ_TEMPLATE = "discovery/includes/most_read.html"


def related_html(article, limit=RELATED_SHOWN):
    """Rendered now (a preview, or another limit), never kept as a page slot."""
    return render_to_string(RELATED_TEMPLATE, {"articles": readership.related(article, limit)})


def most_read_html(article=None, limit=readership.MOST_READ_SHOWN):
    found = readership.most_read(limit=limit, exclude=article)
    return render_to_string(MOST_READ_TEMPLATE, {"articles": found})


def related_slot(key, article, **context):
    """The related list of article ``key`` ("<id>:<version>"); ``article()`` loads it
    with its parts when the list must be built."""
    pk = key.split(":")[0]

    def build():
        return related_html(article()), {f"article:{pk}"}

    return pagecache.fragment(
        pagecache.slot_key("related", key), build, timeout=pagecache.seconds_to_horizon
    )


def most_read_slot(key, **context):
    """The week's most read, without article ``key``. Tagged with the list (purged when
    a flush changes its top) and each article it names; kept at most as long as the
    ranking it is drawn from, and never past the next scheduled change."""

    def build():
        return most_read_html(Article(pk=int(key))), ()

    def timeout():
        return min(readership.MOST_READ_CACHE_SECONDS, pagecache.seconds_to_horizon())

    return pagecache.fragment(pagecache.slot_key("most-read", key), build, timeout=timeout)


def connect():
    pagecache.register_slot("related", related_slot)
    pagecache.register_slot("most-read", most_read_slot)
