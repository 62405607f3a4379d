"""What public pages read from the cache instead of the database (``newsroom.pagecache``).

- ``sections_by_id``: every section, parents linked, for the menu, breadcrumbs and the
  home page's blocks (purged with the whole site when a section changes);
- ``page_parts``: an article's bylines, tags, records and corrections, per version;
- ``body_html``: its body sanitised and with its photos expanded, per version, purged
  when one of its photos changes (a caption fixed in the library shows at once);
- ``public_version``: the one query of a reader's article page (is it public, which
  version; the page itself is kept per version by ``articles.views.ArticleView``).

``warm`` fills the parts and body for an article just written (``discovery.caching`` calls
it on commit), so sanitising and photo expansion happen when an article or a photo
changes, not when a reader opens the page.
"""

import datetime
import functools

from django.db import connections, router
from django.db.models import prefetch_related_objects
from django.utils import timezone

from newsroom import pagecache
from photos import references, rendering

from . import bodies, richtext
from .models import Article, Section

LINKS = ("tags", "units", "clusters", "events")
# Stand-ins compiled into the public-version query, replaced by the real values.
_SLUG = "\x00slug"
_NOW = datetime.datetime(2000, 1, 2, 3, 4, 5, 678901, tzinfo=datetime.UTC)
_OTHER_NOW = datetime.datetime(2001, 2, 3, 4, 5, 6, 789012, tzinfo=datetime.UTC)


def public_version(slug):
    """(id, version) of the published article at ``slug``, or None: what a reader's
    article page asks the database on every request.

    The query is ``Article.objects.published()`` (the one definition of public), compiled
    once per process and database: compiling it again costs more than running it (half a
    millisecond against a few hundredths on SQLite).
    """
    alias = router.db_for_read(Article)
    compiled = _compiled_public_version(alias)
    if compiled is None:  # the query's shape was not recognised: the ORM answers
        return Article.objects.published().filter(slug=slug).values_list("pk", "version").first()
    sql, params = compiled
    now = _prepared_now(alias, timezone.now())
    values = [slug if param is _SLUG else now if param is _NOW else param for param in params]
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, values)
        row = cursor.fetchone()
    return tuple(row) if row else None


def _prepared_now(alias, now):
    field = Article._meta.get_field("published_at")
    return field.get_db_prep_value(now, connections[alias], prepared=False)


@functools.cache
def _compiled_public_version(alias):
    def compiled(now):
        query = (
            Article.objects.published(now)
            .filter(slug=_SLUG)
            .values_list("pk", "version")
            .order_by()[:1]
            .query
        )
        return query.get_compiler(alias).as_sql()

    # Compiled at two moments: every parameter that differs between them depends on the
    # time, and each must be the prepared stand-in (one prepared otherwise, a date say,
    # would stay the year 2000 and could show an expired article): else the ORM answers.
    sql, params = compiled(_NOW)
    other_sql, other_params = compiled(_OTHER_NOW)
    if sql != other_sql or len(params) != len(other_params):
        return None
    now = _prepared_now(alias, _NOW)
    marked = []
    for param, other in zip(params, other_params, strict=True):
        if param == _SLUG:
            marked.append(_SLUG)
        elif param != other:
            if param != now:
                return None
            marked.append(_NOW)
        else:
            marked.append(param)
    if marked.count(_SLUG) != 1 or _NOW not in marked:
        return None
    return sql, tuple(marked)


def sections_by_id():
    """{id: Section} of every section, each with ``parent`` set and an ``order`` key."""

    def build():
        sections = {section.pk: section for section in Section.objects.order_by()}
        for section in sections.values():
            section.parent = sections.get(section.parent_id)
            section.order = (section.position, section.sort_name)
        return dict(sorted(sections.items(), key=lambda item: item[1].order)), ()

    return pagecache.fragment("sections", build)


def section_ids(section):
    """Ids of ``section`` and its child sections: what its page and feed list, as
    ``section_id IN (…)`` (one index range per section, no join to the sections table)."""
    children = [pk for pk, other in sections_by_id().items() if other.parent_id == section.pk]
    return [section.pk, *children]


def menu_sections():
    return [
        section
        for section in sections_by_id().values()
        if section.is_in_menu and section.parent_id is None
    ]


def page_parts(article):
    """Attach the article page's related rows to ``article`` from the cache (or load them)."""

    def build():
        prefetch_related_objects([article], *Article.objects.detail_prefetches())
        names = {pagecache.name(article)}
        if article.cover_id:
            names.add(f"photo:{article.cover_id}")
        for authorship in article.authorships.all():
            names.add(pagecache.name(authorship.author))
        for link in LINKS:
            names.update(pagecache.name(item) for item in getattr(article, link).all())
        names.update(pagecache.name(official) for official in article.public_officials)
        return (dict(article._prefetched_objects_cache), article.public_officials), names

    key = f"article-parts:{article.pk}:{article.version}"
    prefetched, officials = pagecache.fragment(key, build)
    article._prefetched_objects_cache = dict(prefetched)
    article.public_officials = officials
    return article


def body_html(article):
    """The public body: sanitised, library photos expanded (one query when not cached)."""

    def build():
        html = bodies.finish(str(rendering.render_body(richtext.sanitise(article.body))))
        names = {
            pagecache.name(article),
            bodies.TAG,
            *(f"photo:{pk}" for pk in references.ids(article.body)),
        }
        return html, names

    return pagecache.fragment(f"article-body:{article.pk}:{article.version}", build)


def warm(article_id):
    """Store a public article's parts and body now, for its first reader."""
    article = Article.objects.for_page().filter(pk=article_id).first()
    if article is None or not article.is_published():
        return
    page_parts(article)
    body_html(article)
