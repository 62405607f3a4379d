"""Reader search over Vietnamese text: query parsing, indexable documents, highlighting.

A record keeps two documents beside its text (``document`` and ``toned_document``):
the words, folded or tone-normalised, separated by single spaces and padded with
a space at each end. A phrase then matches with a plain substring test on
" phrase ", which is what SQLite's LIKE serves and PostgreSQL's search terms
(articles/migrations/0005_search_terms.py) index, so both databases find exactly
the same rows.

What the reader typed is split into words (``parse``): a Vietnamese word is often
several syllables ("Hà Tĩnh", "quốc lộ"), found by ``newsroom.words``. Every word
must match, anywhere and in any order; a word's syllables stay together and in
order, so "thi đua" never matches "đua … thi".
"""

import functools
import re
import unicodedata
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

from newsroom import text, words

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
_TOKEN_RE = words.TOKEN_RE
# What the reader put in double quotes stays one phrase; an unclosed quote runs to the end.
_QUOTED_RE = re.compile(r"[\"“”„]([^\"“”„]*)[\"“”„]?")
# Punctuation ends a run of words: "Thanh Hoá, Nghệ An" is two runs.
_RUN_SPLIT_RE = re.compile(r"['‘’,;:.!?()\[\]{}<>|/\\+]+")


def _words(value: str) -> list[str]:
    return _TOKEN_RE.findall(value)


def document(*values: str | None) -> str:
    """Folded words of the values, space-separated and space-padded: " thanh hoa "."""
    words = [word for value in values for word in _words(text.fold(value))]
    return f" {' '.join(words)} " if words else ""


def toned_document(*values: str | None) -> str:
    """Like ``document`` but keeping diacritics, with tone placement made canonical."""
    words = [word for value in values for word in _words(text.tone_normalise(value))]
    return f" {' '.join(words)} " if words else ""


@dataclass(frozen=True)
class Phrase:
    """Syllables that must appear together and in order: one word, or a quoted phrase."""

    folded: str
    toned: str
    has_marks: bool

    @property
    def folded_pattern(self) -> str:
        return f" {self.folded} "

    @property
    def toned_pattern(self) -> str:
        return f" {self.toned} "

    @property
    def syllables(self) -> list[str]:
        return self.folded.split()


@dataclass(frozen=True)
class Query:
    raw: str
    words: tuple[Phrase, ...]
    # The whole query as one phrase, when it is one run of several words: ranked higher.
    whole: Phrase | None = None

    def __bool__(self) -> bool:
        return bool(self.words)

    @property
    def has_marks(self) -> bool:
        return any(word.has_marks for word in self.words)

    @functools.cached_property
    def patterns(self) -> list[re.Pattern]:
        """Patterns finding the words in original text; the whole query first, so that
        "Hồ Văn Tứ" is one mark rather than three."""
        phrases = [self.whole, *self.words] if self.whole else self.words
        return [_pattern(phrase) for phrase in phrases]


def _phrase(units: list[tuple[str, str]]) -> Phrase:
    folded = " ".join(f for f, _ in units)
    toned = " ".join(t for _, t in units)
    return Phrase(folded=folded, toned=toned, has_marks=toned != folded)


def _syllables(run: str) -> list[tuple[str, str]]:
    """(folded, tone-normalised) of each syllable of a run of text."""
    units = []
    for token in _words(run):
        folded = " ".join(_words(text.fold(token)))
        if folded:
            units.append((folded, " ".join(_words(text.tone_normalise(token))) or folded))
    return units


def _runs(cleaned: str):
    """(run of text, quoted) in the order typed."""
    position = 0
    for match in _QUOTED_RE.finditer(cleaned):
        for run in _RUN_SPLIT_RE.split(cleaned[position : match.start()]):
            yield run, False
        yield match.group(1), True
        position = match.end()
    for run in _RUN_SPLIT_RE.split(cleaned[position:]):
        yield run, False


def parse(raw: str | None, dictionary: words.Dictionary | None = None) -> Query:
    """Split what the reader typed into words; every word must match, in any order.

    A word is what ``dictionary`` (by default the committed word list) knows, or a
    single syllable: "ha tinh quoc lo" is "ha tinh" and "quoc lo". What the reader
    put in double quotes is one phrase. Oversized input is cut, never refused.
    """
    dictionary = dictionary or words.common()
    cleaned = text.clean_line(unicodedata.normalize("NFC", raw or ""))[:MAX_QUERY_LENGTH]
    found = []
    seen = set()
    runs = []
    for run, quoted in _runs(cleaned):
        units = _syllables(run)
        if not units:
            continue
        runs.append(units)
        # A quoted run is one phrase; any other is split into words.
        spans = [(0, len(units))] if quoted else dictionary.split([f for f, _ in units])
        for start, end in spans:
            phrase = _phrase(units[start:end])
            if phrase.folded not in seen and len(found) < MAX_WORDS:
                seen.add(phrase.folded)
                found.append(phrase)
    whole = None
    if len(runs) == 1 and len(found) > 1:
        whole = _phrase(runs[0])
    return Query(raw=cleaned, words=tuple(found), whole=whole)


@functools.cache
def _letter_classes() -> dict[str, str]:
    """Folded letter or digit -> a regex class of every character that folds to it.

    "a" -> "[AaÀàÁá…ẶặÂâ…]": a folded phrase becomes a pattern that finds its
    spellings in the original text directly, with no folding of the text.
    """
    found = {}
    for code in (*range(0x30, 0x7B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        char = chr(code)
        folded = text.fold(char)
        if len(folded) == 1 and folded.isalnum():
            found.setdefault(folded, set()).add(char)
    return {key: "[" + "".join(sorted(found[key])) + "]" for key in found}


def _pattern(phrase: Phrase) -> re.Pattern:
    classes = _letter_classes()
    syllables = ["".join(classes.get(c) or re.escape(c) for c in s) for s in phrase.syllables]
    return re.compile(r"(?<![^\W_])" + r"[\W_]+".join(syllables) + r"(?![^\W_])")


def _match_spans(value: str, query: Query) -> list[tuple[int, int]]:
    spans = [match.span() for pattern in query.patterns for match in pattern.finditer(value)]
    spans.sort()
    merged = []
    for start, end in spans:
        # Overlapping or apart by spaces only: one mark over "Hồ Văn Tứ".
        if merged and (start <= merged[-1][1] or value[merged[-1][1] : start].isspace()):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(value: str | None, query: Query):
    """Escaped text with each matched phrase wrapped in <mark>."""
    value = value or ""
    parts = []
    position = 0
    for start, end in _match_spans(value, query):
        parts.append(escape(value[position:start]))
        parts.append(f"<mark>{escape(value[start:end])}</mark>")
        position = end
    parts.append(escape(value[position:]))
    return mark_safe("".join(parts))  # noqa: S308  every piece above is escaped


def snippet(value: str | None, query: Query, width: int = 220):
    """A window of about ``width`` characters around the first match, highlighted."""
    value = value or ""
    cut_before = cut_after = False
    if len(value) > 3 * width:
        # A long body: only the stretch around the first match is cleaned and shown.
        found = next((m.start() for p in query.patterns for m in [p.search(value)] if m), 0)
        around = max(0, found - width)
        cut_before, cut_after = around > 0, found + 2 * width < len(value)
        value = value[around : found + 2 * width]
        if cut_before:
            value = value[value.find(" ") + 1 :]
    value = text.clean_line(value)
    spans = _match_spans(value, query)
    if len(value) <= width and not (cut_before or cut_after):
        return highlight(value, query)
    first = spans[0][0] if spans else 0
    start = max(0, first - width // 3)
    if start:
        space = value.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(value), start + width)
    if end < len(value):
        space = value.rfind(" ", start, end)
        end = space if space > start else end
    piece = highlight(value[start:end], query)
    prefix = "… " if start or cut_before else ""
    suffix = " …" if end < len(value) or cut_after else ""
    return mark_safe(f"{prefix}{piece}{suffix}")  # noqa: S308  piece is escaped
