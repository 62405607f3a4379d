"""Previews: the page behind a preview link (a draft shown to a reviewer without an
account), and the article form's text as typed, before it is saved (``typed_preview``).

The link is the signed id of a ``PreviewLink`` (django.core.signing); the row says
whether it still works (expiry, revocation). Every answer, the refusals included, is
private, never stored by a cache and never indexed.
"""

from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_POST

from articles import workflow
from articles.models import Article
from articles.views import ArticleView, framed_by_desk

from .models import PreviewLink


def _private(response):
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The token must not travel to other sites in the Referer header.
    response["Referrer-Policy"] = "no-referrer"
    return response


class PreviewLinkView(ArticleView):
    def get(self, request, token):
        pk = PreviewLink.pk_from_token(token)
        link = PreviewLink.objects.filter(pk=pk).first() if pk is not None else None
        if link is None or not link.is_active():
            gone = link is not None
            response = render(
                request, "editorial/preview_gone.html", {"gone": gone}, status=410 if gone else 404
            )
            return _private(response)
        self.object = Article.objects.with_details().get(pk=link.article_id)
        context = self.get_context_data(object=self.object, is_preview=True, preview_link=link)
        return _private(self.render_to_response(context))


# What the form sends for the preview of its unsaved text (the article form's field names).
TYPED_FIELDS = ("title", "lead", "body")


@require_POST
@staff_member_required
def typed_preview(request, pk):
    """The article page with the title, lead and body the form holds now, unsaved.

    Staff who may see the article post the form's text (the panel beside the form does,
    with the form's CSRF token); nothing is written. The body goes through the same
    sanitiser and photo expansion as a saved preview's, at render time.
    """
    article = Article.objects.with_details().filter(pk=pk).first()
    if article is None or not workflow.can_view(request.user, article):
        raise Http404("Không có bài viết này.")
    for name in TYPED_FIELDS:
        if name in request.POST:
            value = request.POST[name]
            limit = Article._meta.get_field(name).max_length
            setattr(article, name, value[:limit] if limit else value)
    view = ArticleView()
    view.setup(request, slug=article.slug)
    view.object = article
    context = view.get_context_data(object=article, is_preview=True, typed_preview=True)
    response = _private(view.render_to_response(context))
    response.render()
    framed_by_desk(response)
    return response
