"""House-style checks shown before submitting: warnings only, the text is never changed.

- the same word with its tone mark in two places ("Thanh Hoá" and "Thanh Hóa");
- the newsroom's list of common slips (``StyleRule``: "thu đua" → "thi đua");
- "sĩ" and "sỹ" both used;
- an official's rank or position written otherwise than the records hold on the day;
- a withheld official named (never with the records' name: the reporter's own words).
"""

import itertools
import re
from dataclasses import asdict, dataclass, field

from clusters.models import rank_key
from newsroom import text

from .catalogue import Catalogue
from .structure import Draft
from .suggestions import OFFICIAL, Mention, Suggestion

TONE_PLACEMENT = "tone_placement"
TYPO = "typo"
SI_SY = "si_sy"
RANK = "rank"
POSITION = "position"
WITHHELD = "withheld"

_WORD_RE = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")


@dataclass
class StyleWarning:
    code: str
    message: str
    mentions: list[Mention] = field(default_factory=list)
    replacement: str = ""

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "StyleWarning":
        data = dict(data)
        data["mentions"] = [Mention(**m) for m in data.get("mentions", [])]
        return cls(**data)


@dataclass(frozen=True)
class Rule:
    wrong: str
    right: str
    note: str = ""
    case_sensitive: bool = False


def load_rules() -> list[Rule]:
    from .models import StyleRule

    return [
        Rule(rule.wrong, rule.right, rule.note, rule.case_sensitive)
        for rule in StyleRule.objects.filter(is_active=True)
    ]


def _words(draft: Draft):
    for part, index, value in draft.texts():
        for match in _WORD_RE.finditer(value):
            yield Mention(part, index, match.start(), match.end(), match.group())


def _count(forms: dict[str, list[Mention]]) -> str:
    return " và ".join(f"«{form}» ({len(places)} lần)" for form, places in forms.items())


def tone_placement(draft: Draft) -> list[StyleWarning]:
    groups: dict[str, dict[str, list[Mention]]] = {}
    for mention in _words(draft):
        lowered = mention.text.casefold()
        groups.setdefault(text.tone_normalise(lowered), {}).setdefault(lowered, []).append(mention)
    warnings = []
    for forms in groups.values():
        if len(forms) > 1:
            warnings.append(
                StyleWarning(
                    TONE_PLACEMENT,
                    f"Cùng một chữ đặt dấu thanh hai kiểu: {_count(forms)}. Nên thống nhất "
                    "một cách viết trong bài.",
                    [m for places in forms.values() for m in places],
                )
            )
    return warnings


def si_sy(draft: Draft) -> list[StyleWarning]:
    forms: dict[str, list[Mention]] = {}
    for mention in _words(draft):
        lowered = mention.text.casefold()
        if lowered in ("sĩ", "sỹ"):
            forms.setdefault(lowered, []).append(mention)
    if len(forms) < 2:
        return []
    return [
        StyleWarning(
            SI_SY,
            f"Bài dùng cả {_count(forms)}. Nên thống nhất «sĩ» hoặc «sỹ» trong cả bài.",
            [m for places in forms.values() for m in places],
        )
    ]


def _same_word(word: str, rule_word: str, case_sensitive: bool) -> bool:
    if text.tone_normalise(word) != text.tone_normalise(rule_word):
        return False
    return not case_sensitive or word[:1].isupper() == rule_word[:1].isupper()


def typos(draft: Draft, rules: list[Rule]) -> list[StyleWarning]:
    prepared = [(rule, rule.wrong.split()) for rule in rules if rule.wrong.split()]
    found: dict[Rule, list[Mention]] = {}
    for part, index, value in draft.texts():
        words = list(_WORD_RE.finditer(value))
        for position in range(len(words)):
            for rule, rule_words in prepared:
                window = words[position : position + len(rule_words)]
                if len(window) < len(rule_words):
                    continue
                between = [value[a.end() : b.start()] for a, b in itertools.pairwise(window)]
                if any(gap != " " for gap in between):
                    continue
                if all(
                    _same_word(m.group(), w, rule.case_sensitive)
                    for m, w in zip(window, rule_words, strict=True)
                ):
                    start, end = window[0].start(), window[-1].end()
                    found.setdefault(rule, []).append(
                        Mention(part, index, start, end, value[start:end])
                    )
    warnings = []
    for rule, places in found.items():
        note = f" ({rule.note})" if rule.note else ""
        warnings.append(
            StyleWarning(
                TYPO,
                f"«{places[0].text}» nên viết là «{rule.right}»{note}: {len(places)} chỗ.",
                places,
                replacement=rule.right,
            )
        )
    return warnings


def records(suggestions: list[Suggestion], catalogue: Catalogue) -> list[StyleWarning]:
    warnings = []
    day = f"{catalogue.day:%d/%m/%Y}"
    for suggestion in suggestions:
        if suggestion.kind != OFFICIAL or suggestion.record_id is None:
            continue
        official = catalogue.officials[suggestion.record_id]
        if official.is_withheld:
            warnings.append(StyleWarning(WITHHELD, suggestion.note, suggestion.mentions))
            continue
        for mention in suggestion.mentions:
            if mention.rank and official.rank and rank_key(mention.rank) != rank_key(official.rank):
                warnings.append(
                    StyleWarning(
                        RANK,
                        f"Bài ghi «{mention.rank_text} {mention.text}», nhưng hồ sơ ngày {day} "
                        f"ghi cấp bậc hàm {official.rank}.",
                        [mention],
                        replacement=official.rank,
                    )
                )
            if mention.title and official.positions and not _holds(official, mention):
                held = "; ".join(
                    f"{p.text} {catalogue.units[p.unit_id].name}" for p in official.positions
                )
                warnings.append(
                    StyleWarning(
                        POSITION,
                        f"Bài ghi «{mention.text}, {mention.position_text}», nhưng hồ sơ ngày "
                        f"{day} ghi chức vụ: {held}.",
                        [mention],
                    )
                )
    return warnings


def _holds(official, mention: Mention) -> bool:
    return any(
        position.title == mention.title
        and (mention.unit_id is None or position.unit_id == mention.unit_id)
        for position in official.positions
    )


def check_style(
    draft: Draft, suggestions: list[Suggestion], catalogue: Catalogue, rules: list[Rule]
) -> list[StyleWarning]:
    return [
        *tone_placement(draft),
        *typos(draft, rules),
        *si_sy(draft),
        *records(suggestions, catalogue),
    ]
