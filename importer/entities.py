"""Entity recognition against the records as of the article's date.

``find_entities(draft, catalogue)`` reads every piece of text of a ``Draft`` and proposes
units (by name, short name, alias, or as items of a list such as "Công an các tỉnh: Thanh
Hoá, Nghệ An…"), officials (with the rank and position written around the name), clusters
("Cụm thi đua số 5-BCA", "số V", "cụm thu đua số 5"), movements and events. Matching
ignores case, tone marks and tone placement; each suggestion keeps the exact text matched
and its offsets. A name shared by several units over time (the two "Công an tỉnh Quảng
Trị") is the one that existed on the article's date.
"""

import datetime
import re

from clusters.numerals import parse_roman
from newsroom import text

from . import people
from .catalogue import Catalogue
from .matching import Token, span_text, tokenize
from .structure import Draft
from .suggestions import (
    CLUSTER,
    EVENT,
    MOVEMENT,
    OFFICIAL,
    UNIT,
    UNKNOWN_OFFICIAL,
    Candidate,
    Mention,
    Suggestion,
)

# "Công an các tỉnh", "CA các đơn vị", "Công an 6 tỉnh, thành phố"…
_LIST_COUNTS = frozenset({"cac", "hai", "ba", "bon", "nam", "sau", "bay", "tam", "chin", "muoi"})
_LIST_GROUPS = (
    ("tinh", "thanh", "pho"),
    ("tinh", "thanh"),
    ("don", "vi"),
    ("dia", "phuong"),
    ("thanh", "pho"),
    ("tinh",),
)
_ITEM_PREFIXES = (("tinh",), ("thanh", "pho"), ("tp",))
# "cụm thi đua", and the slips a hurried hand makes of "thi".
_THI_SLIPS = frozenset({"thi", "thu", "thy", "ti", "thj", "thii"})
_EVENT_CUES = [
    ("covenant", re.compile(r"\bký (?:kết )?giao ước")),
    ("midyear", re.compile(r"\bsơ kết\b")),
    ("yearend", re.compile(r"\btổng kết\b")),
    ("congress", re.compile(r"\bđại hội thi đua\b")),
]
_HALF_YEAR_RE = re.compile(r"\b(?:6|sáu) tháng đầu năm\b")
_MEETING_RE = re.compile(r"\bhội nghị\b")
_YEAR_AFTER_RE = re.compile(r"^\s*(\d{4})\b|^[^.;]{0,60}?\bnăm (\d{4})\b")
EVENT_DAYS_BEFORE = datetime.timedelta(days=60)
EVENT_DAYS_AFTER = datetime.timedelta(days=31)


class _Collector:
    """Groups hits into one suggestion per record, in order of first mention."""

    def __init__(self):
        self.suggestions: dict[tuple, Suggestion] = {}

    def add(self, key: tuple, mention: Mention, make) -> Suggestion:
        suggestion = self.suggestions.get(key)
        if suggestion is None:
            suggestion = self.suggestions[key] = make()
        if all(
            (m.part, m.index, m.start) != (mention.part, mention.index, mention.start)
            for m in suggestion.mentions
        ):
            suggestion.mentions.append(mention)
        return suggestion


def _mention(part, index, value, tokens, start, end, **extra) -> Mention:
    first, last, matched = span_text(value, tokens, start, end)
    return Mention(part=part, index=index, start=first, end=last, text=matched, **extra)


def resolve_unit(catalogue: Catalogue, unit_ids: list[int]) -> tuple[int | None, str, list]:
    """(unit id, note, candidates) for a name that fits unit_ids, as of the article's date."""
    day = catalogue.day
    units = [catalogue.units[i] for i in unit_ids]
    valid = [u for u in units if u.is_valid_on(day)]
    if len(valid) == 1:
        return valid[0].id, "", []
    if len(valid) > 1:
        return None, "", [Candidate(u.id, catalogue.unit_label(u.id)) for u in valid]
    ended = [u for u in units if u.valid_to is not None and u.valid_to <= day]
    if ended:
        unit = max(ended, key=lambda u: u.valid_to)
        successors = ", ".join(catalogue.units[i].name for i in unit.successors)
        after = f"; đơn vị kế tục: {successors}" if successors else ""
        return (
            unit.id,
            (
                f"Vào ngày của bài ({day:%d/%m/%Y}) đơn vị này không còn tồn tại "
                f"(hiệu lực {unit.period_text}){after}."
            ),
            [],
        )
    unit = min(units, key=lambda u: u.valid_from)
    return (
        unit.id,
        (
            f"Vào ngày của bài ({day:%d/%m/%Y}) đơn vị này chưa thành lập (hiệu lực "
            f"{unit.period_text})."
        ),
        [],
    )


def _list_items(catalogue: Catalogue, tokens: list[Token]):
    """(start, end, unit ids) of the places listed after "Công an các tỉnh: …"."""
    words = [token.word for token in tokens]
    for index in range(len(tokens)):
        if words[index : index + 2] == ["cong", "an"]:
            cursor = index + 2
        elif words[index] == "ca":
            cursor = index + 1
        else:
            continue
        if cursor >= len(tokens) or not (words[cursor] in _LIST_COUNTS or words[cursor].isdigit()):
            continue
        cursor += 1
        # "các tỉnh: Thanh Hoá" is not "các tỉnh thành": the group whose items read wins.
        for group in _LIST_GROUPS:
            if tuple(words[cursor : cursor + len(group)]) == group:
                items = list(_items_from(catalogue, tokens, words, cursor + len(group)))
                if items:
                    yield from items
                    break


def _items_from(catalogue, tokens, words, cursor):
    first = True
    while cursor < len(tokens):
        gap = tokens[cursor].gap.strip()
        if not (gap in ("", ":", ",") if first else gap in ("", ",")):
            return
        if not first and gap == "" and words[cursor] != "va":
            return
        if words[cursor] == "va":
            cursor += 1
            if cursor >= len(tokens) or tokens[cursor].gap.strip():
                return
        for prefix in _ITEM_PREFIXES:
            if tuple(words[cursor : cursor + len(prefix)]) == prefix:
                cursor += len(prefix)
                break
        match = catalogue.localities.match_at(tokens, cursor)
        if match is None:
            return
        end, unit_ids = match
        yield cursor, end, unit_ids
        cursor = end
        first = False


def _clusters_in(tokens: list[Token]):
    """(start, end, number) for "Cụm thi đua số 5", "cụm thu đua số V", "…số 5-BCA"."""
    words = [token.word for token in tokens]
    for index, word in enumerate(words):
        if (
            word != "cum"
            or words[index + 1 : index + 2] == []
            or words[index + 1] not in _THI_SLIPS
        ):
            continue
        if words[index + 2 : index + 3] != ["dua"]:
            continue
        cursor = index + 3
        said_so = words[cursor : cursor + 1] == ["so"]
        cursor += said_so
        if cursor >= len(words):
            continue
        number_word = words[cursor]
        number = int(number_word) if number_word.isdigit() else None
        if number is None and said_so:
            number = parse_roman(number_word)
        if not number:
            continue
        end = cursor + 1
        if end < len(words) and words[end] == "bca" and tokens[end].gap.strip() in "-–":
            end += 1
        yield index, end, number


def _choose_cluster(catalogue: Catalogue, number: int, unit_ids: set[int], folded_text: str):
    candidates = [c for c in catalogue.clusters.values() if c.number == number]
    if len(candidates) <= 1:
        return (candidates[0].id if candidates else None), candidates

    def score(cluster):
        # Units of the article that were members that year count most; a cluster that
        # had members at all that year beats one that did not exist in the records yet.
        members = catalogue.members.get(cluster.id, set())
        block = text.fold(cluster.block_name)
        return 2 * len(members & unit_ids) + bool(members) + 2 * (block in folded_text)

    scores = sorted(((score(c), c.id) for c in candidates), reverse=True)
    if scores[0][0] > 0 and scores[0][0] > scores[1][0]:
        return scores[0][1], candidates
    return None, candidates


def find_entities(draft: Draft, catalogue: Catalogue) -> list[Suggestion]:
    collector = _Collector()
    pieces = [(part, index, value, tokenize(value)) for part, index, value in draft.texts()]
    cluster_hits = []
    for part, index, value, tokens in pieces:
        taken = set()
        for start, end, number in _clusters_in(tokens):
            cluster_hits.append((part, index, value, tokens, start, end, number))
            taken.update(range(start, end))
        _units(catalogue, collector, part, index, value, tokens, taken)
        _people(catalogue, collector, part, index, value, tokens)
        for start, end, ids in catalogue.movement_names.find(tokens):
            movement_id = ids[0]
            collector.add(
                (MOVEMENT, movement_id),
                _mention(part, index, value, tokens, start, end),
                lambda movement_id=movement_id: Suggestion(
                    MOVEMENT, movement_id, catalogue.movements[movement_id]
                ),
            )
    unit_ids = {s.record_id for s in collector.suggestions.values() if s.kind == UNIT}
    folded_all = " ".join(text.fold(value) for _p, _i, value, _t in pieces)
    for part, index, value, tokens, start, end, number in cluster_hits:
        cluster_id, candidates = _choose_cluster(catalogue, number, unit_ids, folded_all)
        if not candidates:
            continue
        mention = _mention(part, index, value, tokens, start, end)
        if cluster_id is not None:
            collector.add(
                (CLUSTER, cluster_id),
                mention,
                lambda c=catalogue.clusters[cluster_id]: Suggestion(CLUSTER, c.id, c.label),
            )
        else:
            collector.add(
                (CLUSTER, "?", number),
                mention,
                lambda n=number, cs=candidates: Suggestion(
                    CLUSTER,
                    None,
                    f"Cụm thi đua số {n}",
                    candidates=[Candidate(c.id, c.label) for c in cs],
                    note="Nhiều khối thi đua có cụm mang số này: hãy chọn đúng cụm.",
                ),
            )
    _events(catalogue, collector, pieces)
    return sorted(collector.suggestions.values(), key=_first_position(draft))


def _first_position(draft: Draft):
    order = {"title": -2, "lead": -1}

    def key(suggestion: Suggestion):
        first = suggestion.mentions[0]
        return (order.get(first.part, first.index), first.start)

    return key


def _units(catalogue, collector, part, index, value, tokens, taken):
    hits = [
        (start, end, ids)
        for start, end, ids in catalogue.unit_names.find(tokens)
        if not taken.intersection(range(start, end))
    ]
    covered = {i for start, end, _ids in hits for i in range(start, end)}
    hits += [
        hit for hit in _list_items(catalogue, tokens) if not covered.intersection(range(*hit[:2]))
    ]
    for start, end, ids in hits:
        unit_id, note, candidates = resolve_unit(catalogue, list(ids))
        mention = _mention(part, index, value, tokens, start, end)
        if unit_id is None:
            key = (UNIT, "?", tokens[start].word, *sorted(ids))
            collector.add(
                key,
                mention,
                lambda cs=candidates, m=mention: Suggestion(
                    UNIT, None, m.text, candidates=cs, note="Nhiều đơn vị trùng tên: hãy chọn."
                ),
            )
            continue
        suggestion = collector.add(
            (UNIT, unit_id),
            mention,
            lambda u=unit_id, n=note: Suggestion(UNIT, u, catalogue.unit_label(u), note=n),
        )
        if note and not suggestion.note:
            suggestion.note = note


def _people(catalogue, collector, part, index, value, tokens):
    for hit in people.find_people(catalogue, tokens, value):
        mention = _mention(
            part,
            index,
            value,
            tokens,
            hit.start,
            hit.end,
            rank_text=hit.rank_text,
            position_text=hit.position_text,
            phrase=hit.phrase,
            rank=hit.rank,
            title=hit.title,
            unit_id=hit.unit_id,
        )
        if not hit.official_ids:
            collector.add(
                (UNKNOWN_OFFICIAL, text.fold(hit.name)),
                mention,
                lambda h=hit: Suggestion(
                    UNKNOWN_OFFICIAL,
                    None,
                    h.name,
                    name=h.name,
                    accepted=False,
                    note="Chưa có trong hồ sơ cán bộ: đề nghị bộ phận hồ sơ bổ sung.",
                ),
            )
            continue
        official_id, ids = people.choose_official(catalogue, hit)
        if official_id is None:
            collector.add(
                (OFFICIAL, "?", text.fold(hit.name)),
                mention,
                lambda ids=ids: Suggestion(
                    OFFICIAL,
                    None,
                    catalogue.officials[ids[0]].label,
                    candidates=[Candidate(i, _official_label(catalogue, i)) for i in ids],
                    note="Hồ sơ có nhiều cán bộ trùng tên: hãy chọn.",
                    withheld=any(catalogue.officials[i].is_withheld for i in ids),
                    accepted=False,
                ),
            )
            continue
        official = catalogue.officials[official_id]
        collector.add(
            (OFFICIAL, official_id),
            mention,
            lambda o=official: Suggestion(
                OFFICIAL,
                o.id,
                o.label,
                note=people.official_note(o),
                withheld=o.is_withheld,
                # A withheld person is never linked without a deliberate choice.
                accepted=not o.is_withheld,
            ),
        )


def _official_label(catalogue: Catalogue, official_id: int) -> str:
    official = catalogue.officials[official_id]
    held = official.positions[0] if official.positions else None
    where = f", {held.text} {catalogue.units[held.unit_id].name}" if held else ""
    return f"{official.label}{where}" if not official.is_withheld else official.label


def _events(catalogue: Catalogue, collector: _Collector, pieces):
    clusters = {s.record_id for s in collector.suggestions.values() if s.kind == CLUSTER}
    clusters.discard(None)
    if not clusters:
        return
    meeting = any(_MEETING_RE.search(text.tone_normalise(v)) for _p, _i, v, _t in pieces)
    day = catalogue.day
    for part, index, value, _tokens in pieces:
        toned = text.tone_normalise(value)
        if len(toned) != len(value):
            continue
        cues = [(kind, m) for kind, pattern in _EVENT_CUES for m in pattern.finditer(toned)]
        if meeting:
            cues += [("midyear", m) for m in _HALF_YEAR_RE.finditer(toned)]
        for kind, match in cues:
            year_match = _YEAR_AFTER_RE.match(toned[match.end() :])
            year = int(year_match[1] or year_match[2]) if year_match else None
            events = [
                e
                for e in catalogue.events
                if e.cluster_id in clusters
                and e.kind == kind
                and e.date <= day + EVENT_DAYS_AFTER
                and (e.year == year if year else e.date >= day - EVENT_DAYS_BEFORE)
            ]
            if not events:
                continue
            event = min(events, key=lambda e: abs((e.date - day).days))
            mention = Mention(
                part, index, match.start(), match.end(), value[match.start() : match.end()]
            )
            collector.add(
                (EVENT, event.id),
                mention,
                lambda e=event: Suggestion(
                    EVENT,
                    e.id,
                    f"{e.title} – {catalogue.clusters[e.cluster_id].name} ({e.date:%d/%m/%Y})",
                ),
            )
