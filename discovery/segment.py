"""What reader search knows beyond the committed word list: our own names and records.

The ``Lexicon`` holds the dictionary that splits queries into words (the committed
list in ``newsroom/words.txt`` plus places, people and bylines from our records,
sections and tags) and the records search finds (clusters, units with their
aliases, officials named in full). It is built in a few queries and kept in each
process; a token in the shared cache says whether it is current. Saving or
deleting any of those rows replaces the token, at once and again on commit, so
every process rebuilds on its next search; ``MAX_AGE`` bounds what a write that
sends no signal (a queryset ``update``) could leave stale.
"""

import logging
import re
import time
import uuid
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from articles.models import Author, Section, Tag
from clusters.models import Cluster, EmulationBlock, Official, Unit, UnitAlias
from newsroom import search as core
from newsroom import words

logger = logging.getLogger(__name__)

CACHE_KEY = "discovery:lexicon"
MAX_AGE = 600
# Names of at most this many syllables become words ("Thừa Thiên Huế", "Hồ Văn Tứ");
# longer ones ("Cụm thi đua số 5") are split like a query. Section and tag names are
# phrases more than names: only their two-syllable pieces ("Khen thưởng") are words.
NAME_SYLLABLES = 4
TOPIC_SYLLABLES = 2
_PIECES_RE = re.compile(r"[,;:.!?()\[\]{}<>|/\\+\"“”'‘’–—-]+")
WATCHED = (Unit, UnitAlias, Cluster, EmulationBlock, Official, Section, Tag, Author)


@dataclass
class Record:
    """A record with the folded and toned documents of the names it is found by."""

    item: object
    folded: str
    toned: str


@dataclass
class Lexicon:
    dictionary: words.Dictionary
    clusters: list = field(default_factory=list)
    units: list = field(default_factory=list)
    officials: list = field(default_factory=list)
    token: str = ""
    built_at: float = 0.0


def names(*values, longest=NAME_SYLLABLES):
    """Pieces of names, split at punctuation and dashes, of 2 to ``longest`` syllables."""
    for value in values:
        for piece in _PIECES_RE.split(value or ""):
            found = words.syllables(piece)
            if 1 < len(found) <= longest:
                yield found


def place_of(unit_name, dictionary):
    """The place a unit is named for: "Công an tỉnh Thừa Thiên Huế" -> "thua thien hue"."""
    syllables = words.syllables(unit_name)
    spans = dictionary.split(list(syllables))
    if len(spans) > 1 and spans[0][1] > 1:
        rest = syllables[spans[0][1] :]
        if 1 < len(rest) <= NAME_SYLLABLES:
            return rest
    return None


def _record(item, *values):
    return Record(item=item, folded=core.document(*values), toned=core.toned_document(*values))


def build():
    """A new Lexicon from the database (seven queries)."""
    common = words.common()
    dictionary = words.Dictionary(common.words)
    clusters = [
        _record(cluster, cluster.name, f"cụm {cluster.number}")
        for cluster in Cluster.objects.select_related("block")
    ]
    units = []
    for unit in Unit.objects.prefetch_related("aliases"):
        aliases = [alias.name for alias in unit.aliases.all()]
        units.append(_record(unit, unit.name, unit.short_name, unit.locality, *aliases))
        dictionary.add(names(unit.locality))
        for name in (unit.name, *aliases):
            place = place_of(name, common)
            if place:
                dictionary.add([place])
    officials = []
    for official in Official.objects.named():
        officials.append(_record(official, official.full_name))
        dictionary.add(names(official.full_name))
    dictionary.add(names(*Author.objects.values_list("name", flat=True)))
    sections = Section.objects.values_list("name", flat=True)
    tags = Tag.objects.values_list("name", flat=True)
    dictionary.add(names(*sections, *tags, longest=TOPIC_SYLLABLES))
    return Lexicon(dictionary=dictionary, clusters=clusters, units=units, officials=officials)


_current = None


def current():
    """The process's Lexicon, rebuilt when the shared token moved or it grew old."""
    global _current
    try:
        token = cache.get(CACHE_KEY)
        if token is None:
            cache.add(CACHE_KEY, uuid.uuid4().hex, None)
            token = cache.get(CACHE_KEY)
    except Exception:  # any backend's failure (Redis down): rely on the age limit alone
        logger.warning("Cache unavailable for the search lexicon", exc_info=True)
        token = _current.token if _current is not None else None
    lexicon = _current
    if lexicon is None or lexicon.token != token or time.monotonic() - lexicon.built_at > MAX_AGE:
        lexicon = build()
        lexicon.token = token
        lexicon.built_at = time.monotonic()
        _current = lexicon
    return lexicon


def forget():
    """Make every process rebuild its Lexicon on its next search."""
    global _current
    _current = None  # this process at least, whatever the cache says
    try:
        cache.set(CACHE_KEY, uuid.uuid4().hex, None)
    except Exception:  # a save never fails for the cache: the others rebuild by age
        logger.warning(
            "Cache unavailable: the search lexicon is forgotten here only", exc_info=True
        )


def _changed(sender, **kwargs):
    # Now, for this process's next search, and on commit, so that a Lexicon built by
    # another process between the write and its commit is not kept.
    forget()
    transaction.on_commit(forget)


def connect():
    for model in WATCHED:
        uid = f"discovery.segment.{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_changed, sender=model, dispatch_uid=uid)


def parse(raw):
    """What the reader typed, split into words with everything the Lexicon knows."""
    return core.parse(raw, current().dictionary)
