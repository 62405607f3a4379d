"""Reader search: published articles ranked in SQL, and the records they are about.

Articles carry four search documents (see ``Article.fill_search_documents``). Every
phrase the reader typed must appear in the folded whole-text document; that single
``LIKE '% phrase %'`` per phrase is what PostgreSQL serves from the trigram index
(migration 0007) and SQLite by scanning, with the same rows either way because the
documents and patterns are lower-case words. The score is computed in SQL too:

- a phrase whose folded form is in the title: +2;
- when the reader typed diacritics, a phrase whose tone-normalised form is in the
  text: +4, and in the title: +1 more. Agreement with the marks outranks the title
  because the marks say which word was meant ("Thanh Hóa" the province, not
  "Nguyễn Thanh Hoa").

Recency breaks ties. Records (clusters, units, officials) are few: they are narrowed
in SQL by a folded substring and then matched word by word in Python.
"""

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When, Window
from django.utils import timezone

from clusters.models import Cluster, Official, Unit, UnitAlias
from newsroom import search as core
from newsroom import text

from . import richtext
from .models import Article

TITLE_WEIGHT = 2
TONE_WEIGHT = 4
TONED_TITLE_WEIGHT = 1
RECORDS_PER_KIND = 10
# Records narrowed in SQL before the exact word match; far more than any page shows.
RECORD_CANDIDATES = 200


def _points(lookup, pattern, weight):
    return Case(
        When(**{lookup: pattern}, then=Value(weight)),
        default=Value(0),
        output_field=IntegerField(),
    )


def score(query):
    """The SQL expression ranking an article for query (see the module docstring)."""
    terms = []
    for phrase in query.phrases:
        terms.append(_points("search_title__contains", phrase.folded_pattern, TITLE_WEIGHT))
        if phrase.has_marks:
            terms.append(_points("search_all_toned__contains", phrase.toned_pattern, TONE_WEIGHT))
            terms.append(
                _points("search_title_toned__contains", phrase.toned_pattern, TONED_TITLE_WEIGHT)
            )
    total = Value(0, output_field=IntegerField())
    for term in terms:
        total = total + term
    return total


def local_day_start(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def articles(query, *, section=None, since=None, until=None, now=None):
    """Published articles matching every phrase, best first; since/until are dates, inclusive."""
    if not query:
        return Article.objects.none()
    found = Article.objects.published(now)
    for phrase in query.phrases:
        found = found.filter(search_all__contains=phrase.folded_pattern)
    if section is not None:
        found = found.filter(Q(section=section) | Q(section__parent=section))
    if since is not None:
        found = found.filter(published_at__gte=local_day_start(since))
    if until is not None:
        found = found.filter(published_at__lt=local_day_start(until + datetime.timedelta(days=1)))
    return (
        found.select_related("section")
        .defer("search_title", "search_title_toned", "search_all", "search_all_toned")
        .annotate(score=score(query))
        .order_by("-score", "-published_at", "-pk")
    )


def page_of(queryset, number, per_page):
    """One page of ranked results and the total in a single query (a window count).

    Returns a Django ``Page``; a number past the end gives the last page.
    """
    offset = (number - 1) * per_page
    rows = list(queryset.annotate(total=Window(Count("pk")))[offset : offset + per_page])
    total = rows[0].total if rows else (queryset.count() if number > 1 else 0)
    paginator = Paginator([], per_page)
    paginator.count = total
    if not rows and total:
        return page_of(queryset, paginator.num_pages, per_page)
    return Page(rows, max(1, min(number, paginator.num_pages)), paginator)


@dataclass
class ArticleResult:
    article: Article
    title: str
    snippet: str


def results(page, query):
    """The page's articles with the title highlighted and a highlighted snippet."""
    found = []
    for article in page.object_list:
        lead_matches = any(
            phrase.folded_pattern in core.document(article.lead) for phrase in query.phrases
        )
        source = article.lead if lead_matches else richtext.text_of(article.body) or article.lead
        found.append(
            ArticleResult(
                article=article,
                title=core.highlight(article.title, query),
                snippet=core.snippet(source, query),
            )
        )
    return found


# --- Records ---------------------------------------------------------------------------


def _matches(query, *values):
    document = core.document(*values)
    return all(phrase.folded_pattern in document for phrase in query.phrases)


def _tone_hits(query, *values):
    document = core.toned_document(*values)
    return sum(
        1 for phrase in query.phrases if phrase.has_marks and phrase.toned_pattern in document
    )


def _narrowed(queryset, query, extra=None):
    """Rows whose folded search text holds the query's longest word (a coarse first cut)."""
    longest = max((word for phrase in query.phrases for word in phrase.folded.split()), key=len)
    condition = Q(search_text__contains=longest)
    if extra is not None:
        condition |= extra(longest)
    return queryset.filter(condition)[:RECORD_CANDIDATES]


@dataclass
class RecordResults:
    clusters: list = field(default_factory=list)
    units: list = field(default_factory=list)
    officials: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.clusters or self.units or self.officials)

    @property
    def count(self):
        return len(self.clusters) + len(self.units) + len(self.officials)


def records(query, limit=RECORDS_PER_KIND):
    """Clusters, units and officials whose names match every phrase.

    Officials are searched only when named in full: finding "N.V.A." by the full
    name would disclose who the initials stand for. Withheld officials never appear.
    """
    if not query:
        return RecordResults()
    clusters = [
        cluster
        for cluster in _narrowed(Cluster.objects.select_related("block"), query)
        if _matches(query, cluster.search_text)
    ]
    clusters.sort(key=lambda c: (-_tone_hits(query, c.name), c.block.position, c.number))

    def alias_matches(longest):
        aliases = UnitAlias.objects.filter(unit=OuterRef("pk"), search_text__contains=longest)
        return Exists(aliases)

    units = []
    for unit in _narrowed(Unit.objects.prefetch_related("aliases"), query, alias_matches):
        names = [unit.name, unit.short_name, unit.locality, *(a.name for a in unit.aliases.all())]
        if _matches(query, *names):
            units.append((unit, _tone_hits(query, *names)))
    units.sort(key=lambda pair: (-pair[1], text.sort_key(pair[0].name), pair[0].valid_from))

    public = Official.objects.filter(disclosure=Official.Disclosure.PUBLIC)
    officials = [
        official for official in _narrowed(public, query) if _matches(query, official.full_name)
    ]
    officials.sort(key=lambda o: (-_tone_hits(query, o.full_name), o.name_sort_key))
    return RecordResults(
        clusters=clusters[:limit],
        units=[unit for unit, _ in units[:limit]],
        officials=officials[:limit],
    )
