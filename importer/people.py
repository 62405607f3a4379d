"""Officials as articles name them: "Đồng chí Đại tá Hồ Văn Tứ, PGĐ Công an tỉnh Nghệ An",
"Giám đốc Công an tỉnh Nghệ An, Đại tá Nguyễn Văn A", "Thượng tá Trần Thị Thu Hà".

A known name is matched against the records; the rank and position written around it are
kept with the match as written (and as read, for the house-style check). A rank followed
by a name the records do not hold becomes an unknown official for records staff to add.
"""

from dataclasses import dataclass

from clusters.models import Disclosure

from .catalogue import Catalogue, OfficialRecord
from .matching import Token, span_text

_HONORIFICS = (("dong", "chi"), ("d", "c"))
_PUNCTUATION_GAPS = {",", "-", "–", "—"}
MAX_UNKNOWN_NAME_WORDS = 4
MAX_POSITION_WORDS = 8


@dataclass
class PersonHit:
    start: int
    end: int
    name: str
    official_ids: list[int]
    rank_text: str = ""
    rank: str = ""
    position_text: str = ""
    title: str = ""
    unit_id: int | None = None
    phrase: str = ""


def _plain(token: Token) -> bool:
    return not token.gap.strip()


def _punctuated(token: Token) -> bool:
    return token.gap.strip() in _PUNCTUATION_GAPS


def position_at(catalogue: Catalogue, tokens: list[Token], value: str, start: int):
    """(end, title, unit id) of a position written from tokens[start], or None.

    "PGĐ Công an tỉnh Nghệ An", "Phó Giám đốc Công an tỉnh Nghệ An", "Trưởng phòng Tham
    mưu": a title, then the unit if one follows, else the capitalised words that follow.
    """
    match = catalogue.titles.match_at(tokens, start)
    if match is None:
        return None
    end, titles = match
    unit_id = None
    # "Trưởng phòng Tham mưu Công an tỉnh X": the title's last word opens the unit's name.
    unit = catalogue.unit_names.match_at(tokens, end - 1)
    if unit is not None and unit[0] > end:
        return unit[0], titles[0], _unit_on(catalogue, unit[1])
    if end < len(tokens) and _plain(tokens[end]):
        unit = catalogue.unit_names.match_at(tokens, end)
        if unit is not None:
            end, unit_ids = unit
            unit_id = _unit_on(catalogue, unit_ids)
        else:
            end, unit_id = _position_words(catalogue, tokens, value, end)
    return end, titles[0], unit_id


def _position_words(catalogue, tokens, value, start):
    """The words after a title up to its unit ("Trưởng phòng Cảnh sát hình sự Công an tỉnh
    X") or up to the next punctuation; failing both, the capitalised words."""
    end = start
    while end < len(tokens) and end - start < MAX_POSITION_WORDS and _plain(tokens[end]):
        unit = catalogue.unit_names.match_at(tokens, end)
        if unit is not None:
            return unit[0], _unit_on(catalogue, unit[1])
        end += 1
    if end == len(tokens) or not _plain(tokens[end]):
        return end, None
    end = start
    while end < len(tokens) and _plain(tokens[end]) and tokens[end].is_capitalised(value):
        end += 1
    return end, None


def _unit_on(catalogue: Catalogue, unit_ids: list[int]) -> int | None:
    valid = [i for i in unit_ids if catalogue.units[i].is_valid_on(catalogue.day)]
    return valid[0] if len(valid) == 1 else (unit_ids[0] if len(unit_ids) == 1 else None)


def _rank_before(catalogue: Catalogue, tokens: list[Token], start: int):
    """(rank start, rank name) when a rank is written just before tokens[start]."""
    if start == 0 or not _plain(tokens[start]):
        return None
    for begin in range(max(0, start - 3), start):
        match = catalogue.ranks.match_at(tokens, begin)
        if match is not None and match[0] == start:
            return begin, match[1][0]
    return None


def _honorific_before(tokens: list[Token], start: int) -> int:
    if start >= 2 and (tokens[start - 2].word, tokens[start - 1].word) in _HONORIFICS:
        return start - 2
    return start


def _position_before(catalogue, tokens, value, start):
    """A position written before the person: "Giám đốc Công an tỉnh X, Đại tá A"."""
    if start == 0 or tokens[start].gap.strip() != ",":
        return None
    for begin in range(max(0, start - 12), start):
        found = position_at(catalogue, tokens, value, begin)
        if found is not None and found[0] == start:
            return begin, found
    return None


def _describe(catalogue, tokens, value, hit: PersonHit, name_start: int, name_end: int):
    first = name_start
    rank = _rank_before(catalogue, tokens, name_start)
    if rank is not None:
        first, hit.rank = rank
        hit.rank_text = span_text(value, tokens, first, name_start)[2]
    phrase_start = _honorific_before(tokens, first)
    phrase_end = name_end
    if name_end < len(tokens) and _punctuated(tokens[name_end]):
        found = position_at(catalogue, tokens, value, name_end)
        if found is not None:
            phrase_end, hit.title, hit.unit_id = found
            hit.position_text = span_text(value, tokens, name_end, phrase_end)[2]
    if not hit.position_text:
        before = _position_before(catalogue, tokens, value, phrase_start)
        if before is not None:
            begin, (_end, hit.title, hit.unit_id) = before
            hit.position_text = value[tokens[begin].start : tokens[phrase_start].start].rstrip(" ,")
            phrase_start = begin
    hit.phrase = span_text(value, tokens, phrase_start, phrase_end)[2]


def find_people(catalogue: Catalogue, tokens: list[Token], value: str) -> list[PersonHit]:
    hits = []
    known_starts = set()
    for start, end, official_ids in catalogue.official_names.find(tokens):
        hit = PersonHit(start, end, span_text(value, tokens, start, end)[2], list(official_ids))
        _describe(catalogue, tokens, value, hit, start, end)
        hits.append(hit)
        known_starts.add(start)
    for _start, end, _ranks in catalogue.ranks.find(tokens):
        if end in known_starts:
            continue
        name_end = end
        while (
            name_end < len(tokens)
            and name_end - end < MAX_UNKNOWN_NAME_WORDS
            and _plain(tokens[name_end])
            and _is_name_word(tokens[name_end], value)
        ):
            name_end += 1
        if name_end - end < 2 or catalogue.titles.match_at(tokens, end):
            continue
        if catalogue.unit_names.match_at(tokens, end):
            continue
        hit = PersonHit(end, name_end, span_text(value, tokens, end, name_end)[2], [])
        _describe(catalogue, tokens, value, hit, end, name_end)
        hits.append(hit)
    return sorted(hits, key=lambda hit: hit.start)


def _is_name_word(token: Token, value: str) -> bool:
    word = value[token.start : token.end]
    return word[:1].isupper() and word.isalpha() and (len(word) == 1 or not word.isupper())


def choose_official(catalogue: Catalogue, hit: PersonHit) -> tuple[int | None, list[int]]:
    """The official a hit names, or None with the candidates when the records hold several."""
    ids = hit.official_ids
    if len(ids) == 1:
        return ids[0], ids
    officials = [catalogue.officials[i] for i in ids]
    for test in (
        lambda o: hit.unit_id is not None and any(p.unit_id == hit.unit_id for p in o.positions),
        lambda o: bool(hit.rank) and o.rank == hit.rank,
        lambda o: bool(o.positions),
    ):
        chosen = [o for o in officials if test(o)]
        if len(chosen) == 1:
            return chosen[0].id, ids
    return None, ids


def official_note(official: OfficialRecord) -> str:
    if official.is_withheld:
        return (
            "Bài nêu tên một cán bộ thuộc diện không công bố danh tính. Hãy kiểm tra lại "
            "trước khi gửi duyệt; trang công khai sẽ không nêu tên người này."
        )
    if not Disclosure(official.disclosure).shows_full_name:
        return (
            "Cán bộ này chỉ được nêu chữ cái đầu của tên trên trang công khai; bài đang "
            "viết đầy đủ họ tên."
        )
    return ""
