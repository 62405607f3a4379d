"""House style on the article form: the importer's checks run on a stored article.

``advise(article)`` is registered with ``articles.advice`` and shown to the reporter
before the article is submitted; ``unknown_officials(article)`` are the people with a
rank the records do not hold, which ``file_record_requests`` passes to records staff
when the article is submitted. Nothing here changes the article.
"""

import datetime

from django.utils import timezone

from articles import richtext

from . import sources
from .catalogue import Catalogue
from .entities import find_entities
from .importing import request_record
from .models import Import
from .structure import PARAGRAPH, SUBHEAD, Block, Draft
from .style import check_style, load_rules
from .suggestions import UNKNOWN_OFFICIAL, Suggestion


def draft_of(article) -> Draft:
    """The article's words as the checks read them: title, lead, body blocks."""
    blocks = []
    for block in sources.read_html(richtext.sanitise(article.body)).blocks:
        if block.kind == sources.PARAGRAPH:
            blocks.append(Block(SUBHEAD if block.heading else PARAGRAPH, block.text))
    return Draft(title=article.title, lead=article.lead, blocks=blocks)


def day_of(article) -> datetime.date:
    """The day the records are read as of: the imported original's, else the article's."""
    record = Import.objects.filter(article_id=article.pk).only("original_date").first()
    if record is not None:
        return record.original_date
    moment = article.published_at or article.created_at or timezone.now()
    return timezone.localdate(moment)


def analyse(article) -> tuple[list, list[Suggestion]]:
    draft = draft_of(article)
    catalogue = Catalogue.load(day_of(article))
    suggestions = find_entities(draft, catalogue)
    return check_style(draft, suggestions, catalogue, load_rules()), suggestions


def advise(article) -> list[str]:
    if not (article.title or article.lead or article.body):
        return []
    warnings, suggestions = analyse(article)
    messages = [warning.message for warning in warnings]
    for suggestion in suggestions:
        if suggestion.kind == UNKNOWN_OFFICIAL:
            messages.append(unknown_message(suggestion))
    return messages


def unknown_message(suggestion: Suggestion) -> str:
    written = " ".join(filter(None, [suggestion.rank_text, suggestion.name]))
    return (
        f"«{written}» chưa có trong hồ sơ cán bộ: khi gửi duyệt, bài sẽ được chuyển để bộ "
        "phận hồ sơ xem xét bổ sung."
    )


def file_record_requests(article, user) -> int:
    """Pass the article's unknown officials to records staff; how many are new."""
    _warnings, suggestions = analyse(article)
    before = article.record_requests.count()
    for suggestion in suggestions:
        if suggestion.kind == UNKNOWN_OFFICIAL:
            request_record(suggestion, article, user)
    return article.record_requests.count() - before
