from django.conf import settings
from django.core.paginator import EmptyPage, Page, Paginator
from django.db import connection
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.csp import CSP
from django.utils.functional import cached_property
from django.views.generic import DetailView, ListView, TemplateView

from newsroom import pagecache

from . import listings, workflow
from .models import Article, ArticleSlug, Author, AuthorListing, Section, Tag, TagListing
from .pages import page_parts, public_version, section_ids, sections_by_id

PER_PAGE = 12
# Lists count at most this many articles (page 500 at 12 a page): the count of a big
# section stops early instead of scanning every row, and deeper pages are not offered.
COUNT_LIMIT = 500 * PER_PAGE
# Author and tag lists count exactly up to ten pages only (see LookaheadPaginator).
LINKED_COUNT_LIMIT = 10 * PER_PAGE


class HomeView(TemplateView):
    template_name = "articles/home.html"
    latest_count = 10
    secondary_count = 4
    per_section = 4

    def get_context_data(self, **kwargs):
        pagecache.tag(pagecache.ALL_ARTICLES)
        public = Article.objects.published().for_lists()
        featured = public.filter(is_featured=True).first()
        newest = list(public[: self.latest_count + 1])
        if featured is None and newest:
            featured = newest[0]
        latest = [article for article in newest if article != featured][: self.latest_count]
        if featured is not None and featured.cover_id:
            pagecache.tag(pagecache.name(featured.cover))
        shown = [featured.pk] if featured else []
        # A story shown at the top is not repeated in its section's block.
        shown += [article.pk for article in latest]
        # Up to four with a picture stand under the lead story, the others are "Tin mới".
        secondary = [article for article in latest if article.cover_id][: self.secondary_count]
        return super().get_context_data(
            featured=featured,
            secondary=secondary,
            latest=[article for article in latest if article not in secondary],
            section_blocks=self.section_blocks(shown),
            **kwargs,
        )

    def section_blocks(self, shown):
        """The newest few articles of each top-level section.

        One query takes the newest few of every section (one index range each, however
        big the archive), a second fetches those articles; grouping under the top-level
        section happens here.
        """
        sections = sections_by_id()
        # The shown ones are left out in SQL: each section's newest few not shown are
        # enough for its top-level block's newest few.
        per_leaf = self.per_section
        parts, params = [], []
        for number, section_id in enumerate(sections):
            newest = (
                Article.objects.published()
                .filter(section_id=section_id)
                .exclude(pk__in=shown)
                .order_by("-published_at", "-pk")
                .values_list("pk", "published_at")[:per_leaf]
            )
            sql, found = newest.query.sql_with_params()
            parts.append(f"SELECT * FROM ({sql}) AS newest_{number}")  # noqa: S608
            params.extend(found)
        if not parts:
            return []
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            ids = [row[0] for row in cursor.fetchall()]
        articles = Article.objects.filter(pk__in=ids).for_lists()
        blocks = {}
        for article in articles:
            section = sections[article.section_id]
            top = sections.get(section.parent_id, section)
            block = blocks.setdefault(top.pk, (top, []))
            if len(block[1]) < self.per_section:
                block[1].append(article)
        return [block for _, block in sorted(blocks.items(), key=lambda b: b[1][0].order)]


class BoundedPaginator(Paginator):
    """Counts at most COUNT_LIMIT rows: a big list's count stops there (no full scan).

    The count is unordered: any COUNT_LIMIT rows tell as much as the newest ones, and
    the database need not sort them first (a section's count is then an index-only range,
    ``article_section_list_idx``).
    """

    @cached_property
    def count(self):
        return self.object_list.order_by()[:COUNT_LIMIT].count()

    @property
    def is_capped(self):
        return self.count >= COUNT_LIMIT


class ListPage(Page):
    """A list's page; ``more`` says whether rows follow it when the count cannot tell."""

    more = None

    def has_next(self):
        return super().has_next() and self.more is not False


class LookaheadPaginator(BoundedPaginator):
    """Counts at most LINKED_COUNT_LIMIT rows; past that, a page fetches one row more than
    it shows to know whether another page follows.

    An author's or a tag's articles come through a link table, so counting them is one
    article probe per link row: a big byline's count (COUNT_LIMIT rows) grew with the
    archive (70 ms at 100k articles). Ten pages' worth is counted whatever the archive's
    size; a list that long shows no page total, and its pages go as deep as a section's
    (page COUNT_LIMIT / PER_PAGE), each one found by its own rows, not by the count.
    """

    count_limit = LINKED_COUNT_LIMIT

    def __init__(self, *args, counted=None, **kwargs):
        """``counted``: rows as many as the list's, cheaper to count (its index alone)."""
        super().__init__(*args, **kwargs)
        self.counted = self.object_list if counted is None else counted

    @cached_property
    def count(self):
        return self.counted.order_by()[: self.count_limit].count()

    @property
    def is_capped(self):
        return self.count >= self.count_limit

    @cached_property
    def num_pages(self):
        if self.is_capped:
            return COUNT_LIMIT // self.per_page
        return super().num_pages

    def page(self, number):
        if not self.is_capped:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows:
            raise EmptyPage(self.error_messages["no_results"])
        page = self._get_page(rows[: self.per_page], number, self)
        page.more = len(rows) > self.per_page
        return page

    def _get_page(self, *args, **kwargs):
        return ListPage(*args, **kwargs)


class PublicArticleList(ListView):
    """A paginated list of public articles belonging to one thing (section, author, tag)."""

    paginate_by = PER_PAGE
    paginator_class = BoundedPaginator
    page_kwarg = "trang"
    owner_model = None
    context_object_name = "articles"

    def get(self, request, *args, **kwargs):
        self.owner = get_object_or_404(self.owner_model, slug=kwargs["slug"])
        model_name = self.owner_model._meta.model_name
        pagecache.tag(pagecache.name(self.owner), pagecache.list_name(model_name, self.owner.pk))
        # Not ListView.get: without allow_empty it first asks whether the list has a row
        # (one query more), while the paginator already makes an empty first page a 404.
        self.object_list = self.get_queryset()
        return self.render_to_response(self.get_context_data())

    def get_queryset(self):
        return Article.objects.published().for_lists().filter(self.owner_filter())

    def get_context_data(self, **kwargs):
        return super().get_context_data(owner=self.owner, **kwargs)


class SectionView(PublicArticleList):
    owner_model = Section
    template_name = "articles/section.html"

    def get(self, request, *args, **kwargs):
        # The section and its parent come from the cached sections (no query).
        sections = {section.slug: section for section in sections_by_id().values()}
        if kwargs["slug"] not in sections:
            raise Http404("Không có chuyên mục này.")
        self.owner = sections[kwargs["slug"]]
        pagecache.tag(pagecache.list_name("section", self.owner.pk))
        return ListView.get(self, request, *args, **kwargs)

    def owner_filter(self):
        # The section and its children by id (from the cached sections), not through a
        # join: the count and the page are then ranges of the section index.
        return Q(section_id__in=section_ids(self.owner))


class LinkedArticleList(PublicArticleList):
    """An author's or a tag's articles, read from the list's own rows (``listings``):
    newest first from one index range, each article's own state checked as well; the
    count reads the index alone."""

    paginator_class = LookaheadPaginator
    # A byline or tag made for an embargoed draft must not announce itself: with
    # nothing published it has no public page.
    allow_empty = False
    listing = None  # TagListing or AuthorListing

    def get(self, request, *args, **kwargs):
        self.now = timezone.now()
        return super().get(request, *args, **kwargs)

    def rows(self, prefix=""):
        """The owner's visible list rows (from Article with ``prefix``), as a filter."""
        owner = {f"{prefix}{self.owner_model._meta.model_name}": self.owner}
        return listings.visible(self.now, prefix) & Q(**owner)

    def get_queryset(self):
        prefix = self.listing._meta.get_field("article").related_query_name() + "__"
        # One filter: the owner and the window are conditions on the same list row.
        return (
            Article.objects.published(self.now)
            .for_lists()
            .filter(self.rows(prefix))
            .order_by(f"-{prefix}published_at", "-pk")
        )

    def get_paginator(self, *args, **kwargs):
        counted = self.listing.objects.filter(self.rows())
        return super().get_paginator(*args, counted=counted, **kwargs)


class AuthorView(LinkedArticleList):
    owner_model = Author
    listing = AuthorListing
    template_name = "articles/author.html"


class TagView(LinkedArticleList):
    owner_model = Tag
    listing = TagListing
    template_name = "articles/tag.html"


def framed_by_desk(response):
    """Let this site's own pages (the article form's preview panel) show the page in a frame."""
    response["X-Frame-Options"] = "SAMEORIGIN"
    response._csp_config = {**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]}


class ArticleView(DetailView):
    """A published article; staff who may see an unpublished one get a private preview.

    A reader's page is kept whole per article version (``public_page``), with its
    reader lists as slots filled per request: one query (is it public, which version)
    and a few cache reads. Rendering it, when it is not kept, reads the article's parts
    (bylines, tags, records, corrections) and its body from the cache, stored when the
    article was written (``articles.pages``).
    """

    template_name = "articles/article.html"
    context_object_name = "article"

    def get(self, request, *args, **kwargs):
        slug = kwargs["slug"]
        if pagecache.is_public_request(request):
            found = public_version(slug)
            if found is not None:
                return self.public_page(*found)
        self.object = Article.objects.for_page().filter(slug=slug).first()
        if self.object is None:
            return self.moved(slug)
        is_preview = not self.object.is_published()
        if is_preview and not workflow.can_view(request.user, self.object):
            raise Http404("Không có bài viết này.")
        if is_preview:
            self.object = Article.objects.with_details().get(pk=self.object.pk)
        else:
            page_parts(self.object)
        response = self.render_to_response(
            self.get_context_data(object=self.object, is_preview=is_preview)
        )
        if is_preview:
            response["X-Robots-Tag"] = "noindex, nofollow"
            patch_cache_control(response, private=True, no_store=True)
        # A reader's request is never framed; staff see the page beside the article form.
        if not pagecache.is_public_request(request) and request.user.is_staff:
            framed_by_desk(response)
        return response

    def public_page(self, pk, version):
        """The page of a published article for an anonymous reader.

        Everything but the reader lists is one fragment per article version, tagged
        with all it shows (the article, its photos, bylines, tags, records, the site's
        sections and publisher): any change to those purges it; the lists are slots
        (``discovery.reader_lists``).
        """
        loaded = []

        def article():
            if not loaded:
                loaded.append(page_parts(Article.objects.for_page().get(pk=pk)))
            return loaded[0]

        def build():
            self.object = article()
            context = self.get_context_data(object=self.object, is_preview=False)
            return render_to_string(self.template_name, context, self.request), ()

        # (Kept as bytes cut at its slots: "article-page-parts", not the former "article-page".)
        key = f"article-page-parts:{pk}:{version}"
        # The page, the slots its template leaves (discovery's reader lists) and the
        # purge marker in one cache read; their tags' stamps only when not known yet.
        with pagecache.prefetch(
            key,
            pagecache.slot_key("related", f"{pk}:{version}"),
            pagecache.slot_key("most-read", str(pk)),
        ):
            parts = pagecache.page_fragment(key, build)
            return HttpResponse(pagecache.fill_slots(parts, article=article))

    def moved(self, slug):
        old = ArticleSlug.objects.select_related("article").filter(slug=slug).first()
        if old is None:
            raise Http404("Không có bài viết này.")
        article = old.article
        if not (article.is_published() or workflow.can_view(self.request.user, article)):
            raise Http404("Không có bài viết này.")
        pagecache.tag(pagecache.name(article))
        return HttpResponsePermanentRedirect(article.get_absolute_url())
