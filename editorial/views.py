"""The page behind a preview link: a draft shown to a reviewer without an account.

The link is the signed id of a ``PreviewLink`` (django.core.signing); the row says
whether it still works (expiry, revocation). Every answer, the refusals included, is
private, never stored by a cache and never indexed.
"""

from django.shortcuts import render
from django.utils.cache import patch_cache_control

from articles.models import Article
from articles.views import ArticleView

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
