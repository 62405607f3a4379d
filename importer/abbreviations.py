"""Abbreviations explained on first use: ``<abbr title="an ninh trật tự">ANTT</abbr>``.

``annotate(html, glossary)`` takes sanitised body HTML and wraps the first use of each
meaning of each known abbreviation. It only touches text between tags, never a tag or an
attribute, and nothing inside a link or an existing ``<abbr>``. Letters are matched
case-sensitively as a whole word ("ANTT", not "ANTTQ", not inside "05-CT/TW"). When the
same letters have several meanings, the context words of each (``Abbreviation.context``)
are looked for near the use; the meaning without context words is the default.
"""

import re
from dataclasses import dataclass
from html import escape, unescape

from django.core.cache import cache
from django.db import transaction

from articles import bodies
from newsroom import pagecache, text

# A tag, whose quoted attribute values may hold ">".
_TAG_RE = re.compile(r"""(<(?:[^>"']|"[^"]*"|'[^']*')*>)""")
_OPEN_RE = re.compile(r"<\s*(a|abbr)\b", re.IGNORECASE)
_CLOSE_RE = re.compile(r"<\s*/\s*(a|abbr)\s*>", re.IGNORECASE)
# About eight words either side of a use.
CONTEXT_CHARS = 40


@dataclass(frozen=True)
class GlossaryEntry:
    letters: str
    expansion: str
    context: tuple[str, ...] = ()


# The public article page reads the glossary from the cache: no query per request. Every
# change to an Abbreviation forgets it (Abbreviation.save and delete).
CACHE_KEY = "importer:glossary"


def load_glossary() -> list[GlossaryEntry]:
    from .models import Abbreviation

    return [
        GlossaryEntry(entry.letters, entry.expansion, tuple(entry.context_words))
        for entry in Abbreviation.objects.filter(is_active=True)
    ]


def _pattern(letters: list[str]) -> re.Pattern:
    alternatives = "|".join(re.escape(item) for item in sorted(letters, key=len, reverse=True))
    return re.compile(rf"(?<![\w/&-])({alternatives})(?![\w/-])")


def _has_word(folded_window: str, word: str) -> bool:
    folded = text.fold(word)
    return bool(folded) and re.search(rf"(?<!\w){re.escape(folded)}(?!\w)", folded_window)


def _meaning(entries: list[GlossaryEntry], window: str) -> GlossaryEntry | None:
    if len(entries) == 1:
        return entries[0]
    folded = text.fold(window)
    scored = [
        (sum(1 for word in entry.context if _has_word(folded, word)), entry)
        for entry in entries
        if entry.context
    ]
    best = max((score for score, _entry in scored), default=0)
    winners = [entry for score, entry in scored if score == best and best > 0]
    if len(winners) == 1:
        return winners[0]
    defaults = [entry for entry in entries if not entry.context]
    return defaults[0] if len(defaults) == 1 and not winners else None


def annotate(html: str, glossary: list[GlossaryEntry]) -> str:
    if not html or not glossary:
        return html or ""
    by_letters: dict[str, list[GlossaryEntry]] = {}
    for entry in glossary:
        by_letters.setdefault(entry.letters, []).append(entry)
    pattern = _pattern(list(by_letters))
    done: set[tuple[str, str]] = set()
    depth = 0
    parts = _TAG_RE.split(html)
    for position, part in enumerate(parts):
        if position % 2:  # a tag
            if _OPEN_RE.match(part) and not part.rstrip().endswith("/>"):
                depth += 1
            elif _CLOSE_RE.match(part):
                depth = max(0, depth - 1)
            continue
        if depth or not part:
            continue
        parts[position] = _annotate_text(part, pattern, by_letters, done)
    return "".join(parts)


def _annotate_text(part, pattern, by_letters, done) -> str:
    plain = unescape(part)

    def replace(match: re.Match) -> str:
        letters = match.group(1)
        # Context is read from the decoded text around the same place.
        start = max(0, match.start() - CONTEXT_CHARS)
        window = unescape(part[start : match.end() + CONTEXT_CHARS])
        entry = _meaning(by_letters[letters], window or plain)
        if entry is None or (entry.letters, entry.expansion) in done:
            return letters
        done.add((entry.letters, entry.expansion))
        return f'<abbr title="{escape(entry.expansion, quote=True)}">{letters}</abbr>'

    return pattern.sub(replace, part)


def cached_glossary() -> list[GlossaryEntry]:
    glossary = cache.get(CACHE_KEY)
    if glossary is None:
        glossary = load_glossary()
        cache.set(CACHE_KEY, glossary, None)
    return glossary


def forget_glossary() -> None:
    """The glossary changed: read it again, and render again every stored body using it."""
    cache.delete(CACHE_KEY)
    # Now, for this process's next render, and again once committed, so a body rendered
    # meanwhile from the old glossary is not kept.
    pagecache.purge(bodies.TAG)
    transaction.on_commit(lambda: pagecache.purge(bodies.TAG))


def annotate_public(html: str) -> str:
    """The public body's last step (registered with ``articles.bodies``)."""
    return annotate(html, cached_glossary())
