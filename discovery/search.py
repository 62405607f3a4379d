"""Reader search: published articles ranked in SQL, and the records they are about.

Articles carry four search documents (see ``Article.fill_search_documents``). Every
phrase the reader typed must appear in the folded whole-text document, as whole
words in order (``matching``); PostgreSQL serves that from two pg_trgm indexes
(articles/migrations/0003_search_trigram_indexes.py), SQLite by scanning, with the
same rows either way because documents and patterns are lower-case words. The score
is computed in SQL:

- a phrase whose folded form is in the title: +2;
- when the reader typed diacritics, a phrase whose tone-normalised form is in the
  text: +4, and in the title: +1 more. Agreement with the marks outranks the title
  because the marks say which word was meant ("Thanh Hóa" the province, not
  "Nguyễn Thanh Hoa").

Recency breaks ties. At most CANDIDATES matches are ranked, the newest
(``candidates``), so a query costs about the same however common its words.
Records (clusters, units, officials) are few: they are narrowed in SQL by a
folded substring and then matched word by word in Python.
"""

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.functions import Replace, StrIndex
from django.utils import timezone

from articles.models import Article
from clusters.models import Cluster, Official, Unit, UnitAlias
from newsroom import search as core
from newsroom import text

TITLE_WEIGHT = 2
TONE_WEIGHT = 4
TONED_TITLE_WEIGHT = 1
RECORDS_PER_KIND = 10
# At most this many matches are ranked: the newest (see ``candidates``).
CANDIDATES = 300
FIRST_WINDOW_DAYS = 7
LAST_WINDOW_DAYS = 3 * 365
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


DOCUMENTS = ("search_title", "search_title_toned", "search_all", "search_all_toned")
# The expression of the second trigram index on Article (see ``matching``).
JOINED = Replace("search_all", Value(" "), Value(""), output_field=TextField())


def matching(query, *, section=None, since=None, until=None, now=None):
    """Published articles holding every phrase; since/until are dates, both included.

    A one-word phrase is ``search_all LIKE '% word %'``, served by the trigram
    index on the document. Vietnamese syllables are two to four letters, so their
    trigrams say little about a phrase of several: such a phrase is looked for
    as "thanhhoa" in the document with its spaces removed, served by a second
    trigram index whose trigrams span syllables ("nhh", "hho"), and then checked
    exactly as " thanh hoa " with STRPOS/INSTR. The first test is implied by the
    second, so both databases return exactly the rows of the exact test.
    """
    found = Article.objects.published(now)
    for number, phrase in enumerate(query.phrases):
        if " " not in phrase.folded:
            found = found.filter(search_all__contains=phrase.folded_pattern)
            continue
        found = found.alias(
            **{
                f"joined_{number}": JOINED,
                f"at_{number}": StrIndex("search_all", Value(phrase.folded_pattern)),
            }
        ).filter(
            **{
                f"joined_{number}__contains": phrase.folded.replace(" ", ""),
                f"at_{number}__gt": 0,
            }
        )
    if section is not None:
        found = found.filter(Q(section=section) | Q(section__parent=section))
    if since is not None:
        found = found.filter(published_at__gte=local_day_start(since))
    if until is not None:
        found = found.filter(published_at__lt=local_day_start(until + datetime.timedelta(days=1)))
    return found


def candidates(query, now=None, **filters):
    """Ids of the newest matches, at most CANDIDATES, and whether there may be more.

    Looked for in windows of time ending now: the last week first, then a window
    sized from the rate of matches seen so far, then everything. A common phrase
    is answered from its recent matches without the database reading every
    article that holds it; a rare one takes two short queries.
    """
    now = now or timezone.now()
    found = matching(query, now=now, **filters)
    days = FIRST_WINDOW_DAYS
    while True:
        window = found if days is None else found.filter(published_at__gte=now - dt_days(days))
        ids = list(
            window.order_by("-published_at", "-pk").values_list("pk", flat=True)[: CANDIDATES + 1]
        )
        if len(ids) > CANDIDATES:
            return ids[:CANDIDATES], True
        if days is None:
            return ids, False
        # Aim past CANDIDATES at the rate seen so far; no match at all: look everywhere.
        days = days * 1.5 * (CANDIDATES + 1) / len(ids) if ids else None
        if days is not None and days > LAST_WINDOW_DAYS:
            days = None


def dt_days(days):
    return datetime.timedelta(days=days)


def articles(query, **filters):
    """Matching articles, best first (see the module docstring for the score).

    When more than CANDIDATES articles match, the CANDIDATES newest are ranked:
    the work per query stays bounded however common the words. ``.is_capped``
    on the result says so.
    """
    if not query:
        return Article.objects.none()
    ids, capped = candidates(query, **filters)
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

    The ranking query carries only ids and the total (a window count), so the
    database sorts narrow rows; the page's articles are then fetched by id.
    ``paginator.is_capped`` says the matches may be more than the ranked ones.
    """
    offset = (number - 1) * per_page
    ranked = queryset.annotate(total=Window(Count("pk"))).values_list("pk", "total")
    rows = list(ranked[offset : offset + per_page])
    total = rows[0][1] if rows else (queryset.count() if number > 1 else 0)
    paginator = Paginator([], per_page)
    paginator.count = total
    paginator.is_capped = getattr(queryset, "is_capped", False)
    if not rows and total:
        return page_of(queryset, paginator.num_pages, per_page)
    ids = [pk for pk, _ in rows]
    found = Article.objects.filter(pk__in=ids).select_related("section").defer(*DOCUMENTS)
    by_id = {article.pk: article for article in found}
    return Page([by_id[pk] for pk in ids], max(1, min(number, paginator.num_pages)), paginator)


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
        body = "" if lead_matches else text.html_to_text(article.body, one_line=True)
        source = body or article.lead
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

    public = Official.objects.named()
    officials = [
        official for official in _narrowed(public, query) if _matches(query, official.full_name)
    ]
    officials.sort(key=lambda o: (-_tone_hits(query, o.full_name), o.name_sort_key))
    return RecordResults(
        clusters=clusters[:limit],
        units=[unit for unit, _ in units[:limit]],
        officials=officials[:limit],
    )
