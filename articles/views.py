from django.db.models import F, Q, Window
from django.db.models.functions import Coalesce, RowNumber
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.views.generic import DetailView, ListView, TemplateView

from . import workflow
from .models import Article, ArticleSlug, Author, Section, Tag

PER_PAGE = 12


class HomeView(TemplateView):
    template_name = "articles/home.html"
    latest_count = 10
    secondary_count = 4
    per_section = 4

    def get_context_data(self, **kwargs):
        public = Article.objects.published().for_lists()
        featured = public.filter(is_featured=True).first() or public.first()
        shown = [featured.pk] if featured else []
        latest = list(public.exclude(pk__in=shown)[: self.latest_count])
        # A story shown at the top is not repeated in its section's block.
        shown += [article.pk for article in latest]
        # Up to four with a picture stand under the lead story, the others are "Tin mới".
        secondary = [article for article in latest if article.cover_id][: self.secondary_count]
        return super().get_context_data(
            featured=featured,
            secondary=secondary,
            latest=[article for article in latest if article not in secondary],
            section_blocks=self.section_blocks(public.exclude(pk__in=shown)),
            **kwargs,
        )

    def section_blocks(self, public):
        """The newest few articles of each top-level section, in one query."""
        top_section = Coalesce("section__parent_id", "section_id")
        ranked = (
            public.select_related("section__parent")
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=[top_section],
                    order_by=[F("published_at").desc(), F("pk").desc()],
                )
            )
            .filter(rank__lte=self.per_section)
        )
        blocks = {}
        for article in ranked:
            section = article.section.parent or article.section
            blocks.setdefault(section, []).append(article)
        return sorted(blocks.items(), key=lambda block: (block[0].position, block[0].name))


class PublicArticleList(ListView):
    """A paginated list of public articles belonging to one thing (section, author, tag)."""

    paginate_by = PER_PAGE
    page_kwarg = "trang"
    owner_model = None
    context_object_name = "articles"

    def get(self, request, *args, **kwargs):
        self.owner = get_object_or_404(self.owner_model, slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return Article.objects.published().for_lists().filter(self.owner_filter())

    def get_context_data(self, **kwargs):
        return super().get_context_data(owner=self.owner, **kwargs)


class SectionView(PublicArticleList):
    owner_model = Section
    template_name = "articles/section.html"

    def owner_filter(self):
        return Q(section=self.owner) | Q(section__parent=self.owner)


class AuthorView(PublicArticleList):
    owner_model = Author
    template_name = "articles/author.html"
    # A byline or tag made for an embargoed draft must not announce itself: with
    # nothing published it has no public page.
    allow_empty = False

    def owner_filter(self):
        return Q(authorships__author=self.owner)


class TagView(PublicArticleList):
    owner_model = Tag
    template_name = "articles/tag.html"
    allow_empty = False

    def owner_filter(self):
        return Q(tags=self.owner)


class ArticleView(DetailView):
    """A published article; staff who may see an unpublished one get a private preview."""

    template_name = "articles/article.html"
    context_object_name = "article"

    def get(self, request, *args, **kwargs):
        slug = kwargs["slug"]
        self.object = Article.objects.with_details().filter(slug=slug).first()
        if self.object is None:
            return self.moved(slug)
        is_preview = not self.object.is_published()
        if is_preview and not workflow.can_view(request.user, self.object):
            raise Http404("Không có bài viết này.")
        response = self.render_to_response(
            self.get_context_data(object=self.object, is_preview=is_preview)
        )
        if is_preview:
            response["X-Robots-Tag"] = "noindex, nofollow"
            patch_cache_control(response, private=True, no_store=True)
        return response

    def moved(self, slug):
        old = ArticleSlug.objects.select_related("article").filter(slug=slug).first()
        if old is None:
            raise Http404("Không có bài viết này.")
        article = old.article
        if not (article.is_published() or workflow.can_view(self.request.user, article)):
            raise Http404("Không có bài viết này.")
        return HttpResponsePermanentRedirect(article.get_absolute_url())
