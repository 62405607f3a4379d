"""Reader search: published articles ranked in SQL, and the records they are about.

What the reader typed is split into words (``parse``: ``newsroom.search`` with the
dictionary of ``discovery.segment``). An article matches when every word is in its
folded whole-text document (title, lead, body, bylines), anywhere and in any
order, each word's syllables together and in order (``matching``). PostgreSQL
answers that from the GIN index on the generated ``search_terms`` column (syllables
and pairs of syllables, articles/migrations/0005_search_terms.py), and for a window of
up to a year from the index of the same terms by thirty-day period (``RecentTerms``,
articles/migrations/0012_search_recent_terms.py); SQLite by scanning with LIKE; both
return the same rows.

The score is computed in SQL:

- the whole query, when it is one run of several words, found as typed: +8;
- each word found in the title: +2;
- when the reader typed diacritics, each word whose tone-normalised form is in the
  text: +4, and in the title: +1 more. Agreement with the marks outranks the title
  because the marks say which word was meant ("Thanh Hóa" the province, not
  "Nguyễn Thanh Hoa").

Recency breaks ties. At most CANDIDATES matches are ranked, the newest, plus up to
PHRASE_CANDIDATES older ones that hold the whole query as typed (``candidates``),
so a query costs about the same however common its words. Records (clusters,
units, officials) are few: they are kept in memory by ``discovery.segment`` and
matched word by word in Python.
"""

import datetime
import itertools
import math
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    Expression,
    F,
    Func,
    IntegerField,
    Q,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.expressions import Col
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan
from django.utils import timezone

from articles.models import Article
from newsroom import search as core
from newsroom import text

from . import segment

WHOLE_WEIGHT = 8
TITLE_WEIGHT = 2
TONE_WEIGHT = 4
TONED_TITLE_WEIGHT = 1
RECORDS_PER_KIND = 10
# At most this many matches are ranked: the newest (see ``candidates``) ...
CANDIDATES = 60
# ... and at most this many older ones holding the whole query as typed. Eight pages of
# ten: ranking is the query's main cost (each row's documents are read for the score),
# so a common word costs about what it costs in a month-old archive; the page suggests a
# date range or more words to reach further back.
PHRASE_CANDIDATES = 20
FIRST_WINDOW_DAYS = 7
WINDOW_MARGIN = 4
LAST_WINDOW_DAYS = 3 * 365
# A word the index terms may find apart is checked in at most this many times the rows
# needed (``newest``).
CHECKED_SHARE = 2
# The generated column's bound on a syllable (articles/migrations/0005_search_terms.py).
TERM_LENGTH = 32
# The periods of the recent-terms index (articles/migrations/0012_search_recent_terms.py).
PERIOD_SECONDS = 30 * 24 * 3600
# A window spanning more periods than this (a year) is looked for with the plain terms:
# its words are rare enough for their plain entries to be few.
MAX_PERIODS = 12


def parse(raw):
    """What the reader typed, split into words with our records' names as well."""
    return segment.parse(raw)


# --- Matching ----------------------------------------------------------------------------


def _points(document, pattern, weight):
    # STRPOS (INSTR on SQLite), not LIKE: the same test on these documents (lower-case
    # words between spaces), and about twice as fast on PostgreSQL over a whole text.
    return Case(
        When(GreaterThan(StrIndex(document, Value(pattern)), 0), then=Value(weight)),
        default=Value(0),
        output_field=IntegerField(),
    )


def score(query):
    """The SQL expression ranking an article for query (see the module docstring)."""
    terms = []
    if query.whole is not None:
        terms.append(_points("search_all", query.whole.folded_pattern, WHOLE_WEIGHT))
    for word in query.words:
        terms.append(_points("search_title", word.folded_pattern, TITLE_WEIGHT))
        if word.has_marks:
            terms.append(_points("search_all_toned", word.toned_pattern, TONE_WEIGHT))
            terms.append(_points("search_title_toned", word.toned_pattern, TONED_TITLE_WEIGHT))
    total = Value(0, output_field=IntegerField())
    for term in terms:
        total = total + term
    return total


def local_day_start(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


DOCUMENTS = ("search_title", "search_title_toned", "search_all", "search_all_toned")
_TERMS_FIELD = TextField()
_TERMS_FIELD.column = "search_terms"


class SearchTerms(Expression):
    """``articles_article.search_terms``, the column Django does not model (PostgreSQL)."""

    def resolve_expression(self, query=None, *args, **kwargs):
        return Col(query.get_initial_alias(), _TERMS_FIELD)


class RecentTerms(Func):
    """The terms suffixed with the article's period ("an_ninh@692"): the expression of the
    recent-terms index (migration 0012), which PostgreSQL uses when a query names it."""

    function = "newsroom_search_recent_terms"
    output_field = TextField()

    def __init__(self):
        super().__init__(SearchTerms(), F("published_at"))


class TermsMatch(Func):
    """``<terms> @@ '<tsquery>'``: the GIN index finds the rows holding every term."""

    arg_joiner = " @@ "
    template = "%(expressions)s"
    output_field = BooleanField()

    def __init__(self, tsquery, terms=None):
        query = Func(Value(tsquery), template="%(expressions)s::tsquery", output_field=TextField())
        super().__init__(terms or SearchTerms(), query)


def period(moment):
    """The recent-terms index's period of a moment: ``floor(epoch / PERIOD_SECONDS)``."""
    return math.floor(moment.timestamp() / PERIOD_SECONDS)


@dataclass(frozen=True)
class TimeWindow:
    """Articles published from ``start`` to ``end`` (``end`` itself included or not)."""

    start: datetime.datetime
    end: datetime.datetime
    end_included: bool = True

    def narrow(self, found):
        end = "published_at__lte" if self.end_included else "published_at__lt"
        return found.filter(published_at__gte=self.start, **{end: self.end})

    def periods(self):
        """The periods the window spans, or None when too many for the recent terms."""
        first, last = period(self.start), period(self.end)
        return range(first, last + 1) if last - first < MAX_PERIODS else None


def terms(phrase):
    """The index terms a phrase needs: its syllable, or each pair of neighbours.

    And whether they say it exactly: two neighbouring pairs ("cong_an", "an_tinh")
    may come from different places in a document, and a syllable longer than the
    column keeps is cut, so those phrases are also checked in the document.
    """
    syllables = [syllable[:TERM_LENGTH] for syllable in phrase.syllables]
    exact = len(syllables) <= 2 and all(len(s) <= TERM_LENGTH for s in phrase.syllables)
    if len(syllables) == 1:
        return syllables, exact
    return [f"{a}_{b}" for a, b in itertools.pairwise(syllables)], exact


def _tsquery(wanted, periods=None):
    """Every term; with periods, every term in one of them ("('a@1' | 'a@2') & …")."""
    wanted = dict.fromkeys(wanted)
    if periods is None:
        return " & ".join(f"'{term}'" for term in wanted)
    return " & ".join(
        "(" + " | ".join(f"'{term}@{number}'" for number in periods) + ")" for term in wanted
    )


def _holding(found, phrases, *, exact=True, window=None):
    """found narrowed to articles holding every phrase (exactly, or as index terms only),
    and published in ``window`` when one is given.

    On PostgreSQL a window's matches are found from the terms of its periods (the
    recent-terms index), whose entries are as many however old the archive: a common
    word's matches of the last week read about a hundred entries at 100k articles,
    not the many thousands of its plain term.
    """
    if window is not None:
        found = window.narrow(found)
    if connection.vendor != "postgresql":
        for phrase in phrases:
            found = found.filter(search_all__contains=phrase.folded_pattern)
        return found
    wanted = []
    for number, phrase in enumerate(phrases):
        phrase_terms, indexed_exactly = terms(phrase)
        wanted.extend(phrase_terms)
        if exact and not indexed_exactly:
            # STRPOS, not LIKE: the trigram index on search_all (kept for the admin) would
            # serve LIKE, and for a common phrase ("cong an tinh") it hands back every row
            # to recheck. STRPOS only checks the rows the search terms found.
            at = StrIndex("search_all", Value(phrase.folded_pattern))
            found = found.alias(**{f"at_{number}": at}).filter(**{f"at_{number}__gt": 0})
    periods = window.periods() if window is not None else None
    if periods is None:
        return found.filter(TermsMatch(_tsquery(wanted)))
    return found.filter(TermsMatch(_tsquery(wanted, periods), RecentTerms()))


def _filtered(found, *, section=None, since=None, until=None):
    if section is not None:
        found = found.filter(Q(section=section) | Q(section__parent=section))
    if since is not None:
        found = found.filter(published_at__gte=local_day_start(since))
    if until is not None:
        found = found.filter(published_at__lt=local_day_start(until + datetime.timedelta(days=1)))
    return found


def matching(query, *, now=None, **filters):
    """Published articles holding every word; since/until are dates, both included."""
    return _filtered(_holding(Article.objects.published(now), query.words), **filters)


def unchecked(query):
    """The words whose index terms may be found apart (PostgreSQL: ``terms``), which
    ``matching`` also looks for in the document."""
    if connection.vendor != "postgresql":
        return []
    return [word for word in query.words if not terms(word)[1]]


def holding_whole(query, *, now=None, window=None, **filters):
    """Published articles holding the whole query as typed, and so every word.

    On PostgreSQL the index finds the terms of the whole query and of its words, and
    the phrase is checked in the document. In a ``window`` of time only the words'
    terms are looked for (in its periods: ``_holding``), the phrase checked in each
    of their matches, rather than every article of all time holding its terms.
    """
    found = _filtered(Article.objects.published(now), **filters)
    if window is None or connection.vendor != "postgresql":
        return _holding(found, [query.whole, *query.words], window=window)
    at = StrIndex("search_all", Value(query.whole.folded_pattern))
    return _holding(found, query.words, window=window).alias(at_whole=at).filter(at_whole__gt=0)


def candidates(query, now=None, **filters):
    """Ids of the newest matches, at most CANDIDATES, and whether there may be more.

    Looked for in windows of time ending now (``newest``): the last week first, then
    a window sized from the rate of matches seen so far, then everything. A common
    word is answered from its recent matches without the database reading every
    article that holds it; a rare one takes two short queries, and so do most others.
    When there are more, up to PHRASE_CANDIDATES older articles holding the whole
    query as typed join them: "ho van tu" typed as three words still ranks an old
    article naming Hồ Văn Tứ above the newest that hold "hồ", "văn" and "tứ" apart.
    They are looked for in the window of time just before the newest matches, sized
    from how long those took to reach CANDIDATES, then in all time: a common phrase
    ("tai nạn giao thông") is answered from the articles just older, not from the
    thousands that hold it.
    """
    ids, capped, older = _candidates(query, now, **filters)
    if isinstance(older, list):
        return ids + older, capped
    found = Article.objects.filter(pk__in=older[0].union(*older[1:], all=True))
    return ids + list(found.order_by("-published_at", "-pk").values_list("pk", flat=True)), capped


def _candidates(query, now=None, **filters):
    """``candidates``, with the older articles holding the whole query as a list of
    ids, or on PostgreSQL as queries of their ids for the ranking query to run."""
    now = now or timezone.now()
    found = _filtered(Article.objects.published(now), **filters)

    def holding(window):
        return _holding(found, query.words, exact=False, window=window)

    rows = newest(holding, CANDIDATES + 1, now, FIRST_WINDOW_DAYS, unchecked(query))
    if len(rows) <= CANDIDATES:
        return [pk for pk, _ in rows], False, []
    ids = [pk for pk, _ in rows[:CANDIDATES]]
    if query.whole is None:
        return ids, True, []
    bound = rows[CANDIDATES - 1][1]
    # The phrase is at most as frequent as its words: at their rate, a window this
    # long holds WINDOW_MARGIN times PHRASE_CANDIDATES of them. Too few there: all time.
    days = max(1, (now - bound) / dt_days(1) * WINDOW_MARGIN * PHRASE_CANDIDATES / CANDIDATES)
    window = TimeWindow(bound - dt_days(days), bound, end_included=False)
    in_window = holding_whole(query, now=now, window=window, **filters)
    in_window = in_window.order_by("-published_at", "-pk").values_list("pk", flat=True)
    all_time = holding_whole(query, now=now, **filters).filter(published_at__lt=bound)
    all_time = all_time.order_by("-published_at", "-pk").values_list("pk", flat=True)
    if connection.features.supports_slicing_ordering_in_compound:
        # All time only when the window holds fewer than PHRASE_CANDIDATES: PostgreSQL
        # tests that once, before the scan, which it skips when the window holds enough.
        enough = Exists(in_window[PHRASE_CANDIDATES - 1 : PHRASE_CANDIDATES])
        older = (in_window[:PHRASE_CANDIDATES], all_time.filter(~enough)[:PHRASE_CANDIDATES])
        return ids, True, older
    older = list(in_window[:PHRASE_CANDIDATES])
    if len(older) < PHRASE_CANDIDATES:
        older = list(all_time[:PHRASE_CANDIDATES])
    return ids, True, older


def newest(holding, limit, end, days, checks=()):
    """(pk, published_at) of the newest ``limit`` matches (none after ``end``) holding
    each of ``checks`` (phrases found by their index terms, not yet in the document);
    ``holding(window)`` gives the matches in a ``TimeWindow``, or all of them (None).

    Looked for in windows of time ending at ``end``: the first ``days`` long, the next
    sized from the rate of rows seen so far (WINDOW_MARGIN times what is needed: the
    window's cost is its rows, which the indexes find, so a third query is rare) but at
    most LAST_WINDOW_DAYS, then everything; none at all seen: everything. (A word seen
    twice in the first week is read from its last three years, not the whole archive.)
    """
    while True:
        window = None if days is None else TimeWindow(end - dt_days(days), end)
        rows = _newest_holding(holding(window), limit, checks)
        if len(rows) >= limit or days is None:
            return rows
        if not rows or days >= LAST_WINDOW_DAYS:
            days = None
        else:
            days = min(LAST_WINDOW_DAYS, days * WINDOW_MARGIN * limit / len(rows))


def _newest_holding(found, limit, checks):
    """(pk, published_at) of the newest ``limit`` of found holding each of checks.

    The checks read the document, which PostgreSQL decompresses row by row: they are
    made on the newest CHECKED_SHARE times ``limit`` rows the index terms found, not on
    every row the window holds ("cong an tinh quang tri" over all time: 1,700). Should
    too many of those fail, every row is checked.
    """
    ordered = found.order_by("-published_at", "-pk")
    if not checks:
        return list(ordered.values_list("pk", "published_at")[:limit])
    positions = {
        f"at_{number}": StrIndex("search_all", Value(phrase.folded_pattern))
        for number, phrase in enumerate(checks)
    }
    newest_found = ordered.values("pk")[: CHECKED_SHARE * limit]
    rows = list(
        Article.objects.filter(pk__in=newest_found)
        .annotate(**positions)
        .order_by("-published_at", "-pk")
        .values_list("pk", "published_at", *positions)
    )
    held = [(pk, at) for pk, at, *found_at in rows if all(found_at)]
    if len(held) >= limit or len(rows) < CHECKED_SHARE * limit:
        return held[:limit]
    held = ordered.alias(**positions).filter(**{f"{name}__gt": 0 for name in positions})
    return list(held.values_list("pk", "published_at")[:limit])


def dt_days(days):
    return datetime.timedelta(days=days)


def articles(query, **filters):
    """Matching articles, best first (see the module docstring for the score).

    When more than CANDIDATES articles match, the CANDIDATES newest (and the older
    ones holding the whole query) are ranked: the work per query stays bounded
    however common the words. ``.is_capped`` on the result says so.
    """
    if not query:
        return Article.objects.none()
    ids, capped, older = _candidates(query, **filters)
    if isinstance(older, list):
        ids += older
    else:
        # One query: the ranking query finds the older articles' ids itself.
        ids = (
            Article.objects.filter(pk__in=ids).values_list("pk", flat=True).union(*older, all=True)
        )
    ranked = (
        Article.objects.filter(pk__in=ids)
        .select_related("section")
        .defer(*DOCUMENTS)
        .annotate(score=score(query))
        .order_by("-score", "-published_at", "-pk")
    )
    ranked.is_capped = capped
    return ranked


def page_of(queryset, number, per_page):
    """One page of ranked results as a Django ``Page``; a number past the end gives the last.

    One query: the page's articles, ranked, each carrying the total (a window count).
    ``paginator.is_capped`` says the matches may be more than the ranked ones.
    """
    offset = (number - 1) * per_page
    rows = list(queryset.annotate(total=Window(Count("pk")))[offset : offset + per_page])
    total = rows[0].total if rows else (queryset.count() if number > 1 else 0)
    paginator = Paginator([], per_page)
    paginator.count = total
    paginator.is_capped = getattr(queryset, "is_capped", False)
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
        lead_matches = any(pattern.search(article.lead) for pattern in query.patterns)
        source = (
            article.lead
            if lead_matches
            else text.html_to_text(article.body, one_line=True) or article.lead
        )
        found.append(
            ArticleResult(
                article=article,
                title=core.highlight(article.title, query),
                snippet=core.snippet(source, query),
            )
        )
    return found


# --- Records ---------------------------------------------------------------------------


def _matching_records(query, kept):
    """(record, tone hits) of the kept records holding every word."""
    found = []
    for record in kept:
        if all(word.folded_pattern in record.folded for word in query.words):
            hits = sum(
                1 for word in query.words if word.has_marks and word.toned_pattern in record.toned
            )
            found.append((record.item, hits))
    return found


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
    """Clusters, units and officials whose names hold every word.

    Officials are searched only when named in full: finding "N.V.A." by the full
    name would disclose who the initials stand for. Withheld officials never appear
    (``discovery.segment`` keeps neither).
    """
    if not query:
        return RecordResults()
    lexicon = segment.current()
    clusters = _matching_records(query, lexicon.clusters)
    clusters.sort(key=lambda pair: (-pair[1], pair[0].block.position, pair[0].number))
    units = _matching_records(query, lexicon.units)
    units.sort(key=lambda pair: (-pair[1], text.sort_key(pair[0].name), pair[0].valid_from))
    officials = _matching_records(query, lexicon.officials)
    officials.sort(key=lambda pair: (-pair[1], pair[0].name_sort_key))
    return RecordResults(
        clusters=[cluster for cluster, _ in clusters[:limit]],
        units=[unit for unit, _ in units[:limit]],
        officials=[official for official, _ in officials[:limit]],
    )
