"""Text typed in the pre-Unicode Vietnamese fonts, pasted as Unicode: detect and convert.

A document typed in a TCVN3 (ABC, ".VnTime") or VNI ("VNI-Times") font stores font bytes;
copied out of it, each byte arrives as the Latin-1 character of the same number, so
"Công an" reads "C«ng an" (TCVN3) or "Coâng an" (VNI). Nothing here converts silently:
``detect`` says which encoding a text seems to be in and ``convert`` is applied only when
the reporter asks. Detection and conversion work line by line, so a title typed in Unicode
above a body pasted from an old file is left alone.

The tables are written from the layouts of TCVN 5712:1993 (the VN3 set used by ABC fonts,
lower-case letters with tones plus the upper-case base letters) and of the VNI fonts (a
base letter followed by a mark character).
"""

import re
import unicodedata
from dataclasses import asdict, dataclass

TCVN3 = "tcvn3"
VNI = "vni"
LABELS = {TCVN3: "TCVN3 (ABC, phông .Vn…)", VNI: "VNI (phông VNI-…)"}

_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_CIRCUMFLEX, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"


def _compose(*parts: str) -> str:
    return unicodedata.normalize("NFC", "".join(parts))


# --- TCVN3: one byte per letter --------------------------------------------------

_TCVN3_BYTES = {
    0xA1: "Ă",
    0xA2: "Â",
    0xA3: "Ê",
    0xA4: "Ô",
    0xA5: "Ơ",
    0xA6: "Ư",
    0xA7: "Đ",
    0xA8: "ă",
    0xA9: "â",
    0xAA: "ê",
    0xAB: "ô",
    0xAC: "ơ",
    0xAD: "ư",
    0xAE: "đ",
}
# Each vowel's five toned forms in the order grave, hook, tilde, acute, dot.
_TCVN3_TONED = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
for _vowel, _codes in _TCVN3_TONED.items():
    for _tone, _code in zip((_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT), _codes, strict=True):
        _TCVN3_BYTES[_code] = _compose(_vowel, _tone)

TCVN3_TABLE = {chr(code): letter for code, letter in _TCVN3_BYTES.items()}


# --- VNI: a base letter followed by a mark ----------------------------------------

_VNI_PLAIN = {"ø": _GRAVE, "ù": _ACUTE, "û": _HOOK, "õ": _TILDE, "ï": _DOT}
_VNI_CIRCUMFLEX = {"â": "", "à": _GRAVE, "á": _ACUTE, "å": _HOOK, "ã": _TILDE, "ä": _DOT}
_VNI_BREVE = {"ê": "", "è": _GRAVE, "é": _ACUTE, "ú": _HOOK, "ü": _TILDE, "ë": _DOT}
_VNI_SINGLE = {
    "ô": "ơ",
    "ö": "ư",
    "ñ": "đ",
    "ì": "ì",
    "í": "í",
    "æ": "ỉ",
    "ó": "ĩ",
    "ò": "ị",
    "î": "ỵ",
}


def _vni_tables():
    pairs = {}
    for base in "aeouy":
        for mark, tone in _VNI_PLAIN.items():
            pairs[base + mark] = _compose(base, tone)
    for base in "aeo":
        for mark, tone in _VNI_CIRCUMFLEX.items():
            pairs[base + mark] = _compose(base, _CIRCUMFLEX, tone)
    for mark, tone in _VNI_BREVE.items():
        pairs["a" + mark] = _compose("a", _BREVE, tone)
    for base, letter in (("ô", "o"), ("ö", "u")):
        for mark, tone in _VNI_PLAIN.items():
            pairs[base + mark] = _compose(letter, _HORN, tone)
    pairs.update({key.upper(): value.upper() for key, value in list(pairs.items())})
    single = {**_VNI_SINGLE, **{k.upper(): v.upper() for k, v in _VNI_SINGLE.items()}}
    return pairs, single


VNI_PAIRS, VNI_SINGLE = _vni_tables()
_VNI_RE = re.compile(
    "|".join(re.escape(key) for key in sorted([*VNI_PAIRS, *VNI_SINGLE], key=len, reverse=True))
)


# --- Telling Vietnamese from mojibake ----------------------------------------------

# Latin-1 letters that Vietnamese itself uses; any other character from U+00A1..U+00FF
# in a Vietnamese text is a sign of a legacy font.
_VIETNAMESE_LATIN1 = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_SUSPICIOUS = frozenset(chr(c) for c in range(0xA1, 0x100)) - _VIETNAMESE_LATIN1
_TOKEN_RE = re.compile(r"[^\s.,;:!?()\[\]\"'“”‘’/0-9–—-]+")
_SYLLABLE_RE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"[aăâeêioôơuưy]{1,3}(ch|ng|nh|[cmnpt])?"
)
_TONES = frozenset((_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT))


def _is_syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.casefold())
    if sum(1 for c in decomposed if c in _TONES) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return bool(_SYLLABLE_RE.fullmatch(base))


def _vietnamese_share(line: str) -> tuple[int, int]:
    """(syllables, words) of line, leaving out numbers and upper-case ASCII abbreviations."""
    syllables = words = 0
    for token in _TOKEN_RE.findall(line):
        if token.isascii() and (token.isupper() or not token.isalpha()):
            continue
        words += 1
        syllables += _is_syllable(token)
    return syllables, words


def _convert_tcvn3_line(line: str) -> str:
    converted = "".join(TCVN3_TABLE.get(char, char) for char in line)
    ascii_letters = [c for c in line if c.isascii() and c.isalpha()]
    if len(ascii_letters) >= 4 and sum(c.isupper() for c in ascii_letters) >= 0.8 * len(
        ascii_letters
    ):
        # A line in capitals: its toned letters were typed in a ".VnTimeH" font.
        return converted.upper()
    return re.sub(r"\w+", _restore_case_tcvn3, converted)


def _is_toned(char: str) -> bool:
    return any(mark in _TONES for mark in unicodedata.normalize("NFD", char))


def _restore_case_tcvn3(match: re.Match) -> str:
    # Upper-case toned letters were typed in the ".VnTimeH" fonts, which reuse the
    # lower-case codes: "NGHÞ" converts to "NGHị"; a word in capitals but for its
    # toned letters is a word in capitals.
    word = match.group()
    letters = [c for c in word if c.isalpha()]
    lower = [c for c in letters if c.islower()]
    if lower and len(letters) - len(lower) >= 2 and all(_is_toned(c) for c in lower):
        return word.upper()
    return word


def _convert_vni_line(line: str) -> str:
    def replace(match: re.Match) -> str:
        key = match.group()
        return VNI_PAIRS.get(key) or VNI_SINGLE[key]

    return _VNI_RE.sub(replace, line)


_CONVERTERS = {TCVN3: _convert_tcvn3_line, VNI: _convert_vni_line}


def _line_converts(line: str, encoding: str) -> str | None:
    """The line converted when it reads as mojibake in encoding, else None."""
    if not any(char in _SUSPICIOUS for char in line):
        return None
    converted = _CONVERTERS[encoding](line)
    before_ok, words = _vietnamese_share(line)
    after_ok, after_words = _vietnamese_share(converted)
    if not words or not after_words:
        return None
    before, after = before_ok / words, after_ok / after_words
    if after >= 0.85 and after - before >= 0.15:
        return converted
    return None


@dataclass(frozen=True)
class LegacyDetection:
    encoding: str
    label: str
    lines: int
    sample: str
    converted_sample: str

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict | None) -> "LegacyDetection | None":
        return cls(**data) if data else None

    @property
    def message(self) -> str:
        return (
            f"Có {self.lines} đoạn có vẻ gõ bằng bảng mã {self.label} (ví dụ «{self.sample}»). "
            f"Chuyển sang Unicode sẽ thành «{self.converted_sample}»."
        )


def detect(value: str) -> LegacyDetection | None:
    """The legacy encoding that most lines of value appear to be typed in, or None."""
    best = None
    for encoding in (TCVN3, VNI):
        hits = []
        for line in value.splitlines():
            converted = _line_converts(line, encoding)
            if converted is not None:
                hits.append((line, converted))
        if hits and (best is None or len(hits) > len(best[1])):
            best = (encoding, hits)
    if best is None:
        return None
    encoding, hits = best
    line, converted = max(hits, key=lambda hit: len(hit[0]))
    sample, converted_sample = _sample(line, converted)
    return LegacyDetection(
        encoding=encoding,
        label=LABELS[encoding],
        lines=len(hits),
        sample=sample,
        converted_sample=converted_sample,
    )


def _sample(line: str, converted: str, words: int = 8) -> tuple[str, str]:
    return " ".join(line.split()[:words]), " ".join(converted.split()[:words])


def convert(value: str, encoding: str) -> str:
    """value with every line that reads as mojibake in encoding converted to Unicode."""
    if encoding not in _CONVERTERS:
        raise ValueError(f"unknown legacy encoding {encoding!r}")
    lines = value.split("\n")
    return "\n".join(_line_converts(line, encoding) or line for line in lines)


def convert_line(line: str, encoding: str) -> str:
    """One paragraph converted when it reads as mojibake in encoding; else as it was."""
    return _line_converts(line, encoding) or line
