"""What the importer does when an article changes (``articles.signals.article_changed``)."""

import logging

from articles.models import Article

from . import checks

SUBMITTED = "article.submitted"
logger = logging.getLogger(__name__)


def article_submitted(sender, *, article_id, action, user_id=None, **kwargs):
    """A submitted article's officials the records do not hold go to records staff."""
    if action != SUBMITTED:
        return
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return
    try:
        checks.file_record_requests(article, article.updated_by)
    except Exception:
        # The submission is committed; a failed look-up must not turn it into an error.
        logger.exception("record requests for article %s were not filed", article_id)
