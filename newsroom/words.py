"""Vietnamese words in what a reader types: a word is often several syllables.

"Hà Tĩnh", "quốc lộ" and "thi đua" are one word each, written as two syllables.
``Dictionary.split`` cuts a run of syllables into words by maximal matching: of
the ways to cover it with known words and single syllables, the one with the
fewest pieces, and on a tie the one whose earlier word is longer. Matching is on
folded syllables, so "ha tinh", "Hà Tĩnh" and "HÀ TĨNH" split alike.

The known words are ``words.txt`` (committed: common words of police news, ranks,
provinces) plus the names a caller adds: discovery adds its records, sections,
tags and bylines (``discovery.segment``). A syllable no known word claims is a
word of its own, so an unknown name is looked for syllable by syllable.

A maintained statistical segmenter (underthesea's) was weighed: it brings a model
and a tree of dependencies for what a dictionary of our own names does as well on
queries of a few words.
"""

import functools
import re
from pathlib import Path

from newsroom import text

WORD_LIST = Path(__file__).with_name("words.txt")
# Longer entries are names, not words (a movement's full title): they stay out.
MAX_SYLLABLES = 5
# Syllables: letters (with any combining marks) and digits. Everything else, from
# quotes and commas to "%", "_" and backslashes, only separates them.
TOKEN_RE = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")


def syllables(value: str | None) -> tuple[str, ...]:
    """The folded syllables of a word or name: "Thừa Thiên – Huế" -> ("thua", "thien", "hue")."""
    return tuple(TOKEN_RE.findall(text.fold(value)))


class Dictionary:
    """A set of known words (tuples of folded syllables) and the splitter that uses it."""

    def __init__(self, entries=()):
        self.words = set()
        self.longest = 1
        self.add(entries)

    def add(self, entries):
        for entry in entries:
            key = entry if isinstance(entry, tuple) else syllables(entry)
            if 1 < len(key) <= MAX_SYLLABLES:
                self.words.add(key)
                self.longest = max(self.longest, len(key))
        return self

    def __contains__(self, entry):
        key = entry if isinstance(entry, tuple) else syllables(entry)
        return key in self.words

    def __len__(self):
        return len(self.words)

    def split(self, folded: list[str]) -> list[tuple[int, int]]:
        """(start, end) of each word in the folded syllables, in order."""
        count = len(folded)
        # best[i]: (pieces covering folded[i:], length of the first piece)
        best = [(0, 0)] * (count + 1)
        for start in range(count - 1, -1, -1):
            chosen = None
            for length in range(min(self.longest, count - start), 0, -1):
                if length > 1 and tuple(folded[start : start + length]) not in self.words:
                    continue
                pieces = 1 + best[start + length][0]
                if chosen is None or pieces < chosen[0]:
                    chosen = (pieces, length)
            best[start] = chosen
        spans = []
        start = 0
        while start < count:
            end = start + best[start][1]
            spans.append((start, end))
            start = end
        return spans


@functools.cache
def common() -> Dictionary:
    """The committed word list alone."""
    lines = WORD_LIST.read_text(encoding="utf-8").splitlines()
    return Dictionary(text.clean_line(line) for line in lines if line and not line.startswith("#"))
