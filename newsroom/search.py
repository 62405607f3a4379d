"""Reader search over Vietnamese text: query parsing, indexable documents, highlighting.

A record keeps two documents beside its text (``document`` and ``toned_document``):
the words, folded or tone-normalised, separated by single spaces and padded with
a space at each end. A phrase then matches with a plain substring test on
" phrase ", which is what SQLite's LIKE and PostgreSQL's trigram index both
serve, so both databases find exactly the same rows.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

from newsroom import text

MAX_QUERY_LENGTH = 200
MAX_PHRASES = 6
# Words: letters (with any combining marks) and digits. Everything else, from
# quotes and commas to "%", "_" and backslashes, only separates words.
_TOKEN_RE = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
# What the reader typed between these stays together as one phrase.
_PHRASE_SPLIT_RE = re.compile(r"[\"“”'‘’,;:.!?()\[\]{}<>|/\\+]+")


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
    folded: str
    toned: str
    has_marks: bool

    @property
    def folded_pattern(self) -> str:
        return f" {self.folded} "

    @property
    def toned_pattern(self) -> str:
        return f" {self.toned} "


@dataclass(frozen=True)
class Query:
    raw: str
    phrases: tuple[Phrase, ...]

    def __bool__(self) -> bool:
        return bool(self.phrases)

    @property
    def has_marks(self) -> bool:
        return any(phrase.has_marks for phrase in self.phrases)


def parse(raw: str | None) -> Query:
    """Split what the reader typed into phrases; every phrase must match, in order.

    "thi đua" is one phrase, so it never matches "đua … thi"; punctuation and
    quotes separate phrases ("Thanh Hoá, Nghệ An"). Oversized input is cut,
    never refused.
    """
    cleaned = text.clean_line(unicodedata.normalize("NFC", raw or ""))[:MAX_QUERY_LENGTH]
    phrases = []
    seen = set()
    for part in _PHRASE_SPLIT_RE.split(cleaned):
        folded_words = _words(text.fold(part))
        if not folded_words:
            continue
        folded = " ".join(folded_words)
        if folded in seen:
            continue
        seen.add(folded)
        toned = " ".join(_words(text.tone_normalise(part)))
        phrases.append(Phrase(folded=folded, toned=toned, has_marks=toned != folded))
        if len(phrases) == MAX_PHRASES:
            break
    return Query(raw=cleaned, phrases=tuple(phrases))


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    return text.fold(char) or " "


def _folded_with_offsets(value: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index it came from."""
    folded_chars = []
    offsets = []
    for index, char in enumerate(value):
        for folded_char in _fold_char(char):
            folded_chars.append(folded_char)
            offsets.append(index)
    return "".join(folded_chars), offsets


def _match_spans(value: str, query: Query) -> list[tuple[int, int]]:
    folded, offsets = _folded_with_offsets(value)
    spans = []
    for phrase in query.phrases:
        words = [re.escape(word) for word in phrase.folded.split()]
        pattern = re.compile(r"(?<![^\W_])" + r"[\W_]+".join(words) + r"(?![^\W_])")
        for match in pattern.finditer(folded):
            spans.append((offsets[match.start()], offsets[match.end() - 1] + 1))
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
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
    value = text.clean_line(value)
    spans = _match_spans(value, query)
    if len(value) <= width:
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
    prefix = "… " if start else ""
    suffix = " …" if end < len(value) else ""
    return mark_safe(f"{prefix}{piece}{suffix}")  # noqa: S308  piece is escaped
