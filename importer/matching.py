"""Finding known names in a paragraph, whatever the case, tone marks and tone placement.

A paragraph is split into words, each folded (``newsroom.text.fold``: "Thanh Hoá",
"thanh hóa" and "THANH HOA" are all "thanh hoa") and kept with its offsets in the
paragraph, so a match reports the exact text the reporter wrote and where it is.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from newsroom import text

_WORD_RE = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
# What may stand between two words of one name: spaces and a hyphen or dash
# ("Thừa Thiên - Huế"), or the full stop of a short abbreviation ("TP. Huế").
_JOINING_GAP_RE = re.compile(r"\s*[-–—]?\s*")
_ABBREVIATION_GAP_RE = re.compile(r"\.\s*")


@lru_cache(maxsize=20000)
def fold_word(word: str) -> str:
    return text.fold(word)


@dataclass(frozen=True)
class Token:
    word: str
    start: int
    end: int
    # The characters between the previous word and this one.
    gap: str

    def is_capitalised(self, source: str) -> bool:
        return source[self.start : self.start + 1].isupper()


def tokenize(value: str) -> list[Token]:
    tokens = []
    previous = 0
    for match in _WORD_RE.finditer(value):
        tokens.append(
            Token(
                fold_word(match.group()),
                match.start(),
                match.end(),
                value[previous : match.start()],
            )
        )
        previous = match.end()
    return tokens


def joins(tokens: list[Token], index: int) -> bool:
    """Whether tokens[index] continues the name that tokens[index - 1] is part of."""
    gap = tokens[index].gap
    if _JOINING_GAP_RE.fullmatch(gap):
        return True
    return len(tokens[index - 1].word) <= 3 and bool(_ABBREVIATION_GAP_RE.fullmatch(gap))


def phrase_key(value: str) -> tuple[str, ...]:
    return tuple(token.word for token in tokenize(value))


class PhraseIndex:
    """Phrases (as folded word tuples) mapped to what they name; longest match wins."""

    def __init__(self):
        self._entries: dict[tuple[str, ...], list] = {}
        self._longest = 0

    def add(self, phrase: str, value) -> None:
        key = phrase_key(phrase)
        if not key:
            return
        values = self._entries.setdefault(key, [])
        if value not in values:
            values.append(value)
        self._longest = max(self._longest, len(key))

    def __len__(self) -> int:
        return len(self._entries)

    def match_at(self, tokens: list[Token], start: int) -> tuple[int, list] | None:
        """(end, values) of the longest phrase starting at tokens[start], or None."""
        words: list[str] = []
        found = None
        for end in range(start, min(len(tokens), start + self._longest)):
            if end > start and not joins(tokens, end):
                break
            words.append(tokens[end].word)
            values = self._entries.get(tuple(words))
            if values:
                found = (end + 1, values)
        return found

    def find(self, tokens: list[Token]):
        """Non-overlapping (start, end, values), leftmost longest first."""
        index = 0
        while index < len(tokens):
            match = self.match_at(tokens, index)
            if match is None:
                index += 1
                continue
            end, values = match
            yield index, end, values
            index = end


def span_text(value: str, tokens: list[Token], start: int, end: int) -> tuple[int, int, str]:
    """Character offsets and text of tokens[start:end] in value."""
    first, last = tokens[start].start, tokens[end - 1].end
    return first, last, value[first:last]
