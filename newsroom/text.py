"""Vietnamese text helpers: cleanup, search folding, slugs, collation, names, dates.

Standard library only at import time; the date helpers import Django lazily so
the rest can be used (and tested) without settings.
"""

import re
import unicodedata
from datetime import date, datetime, timedelta
from html.parser import HTMLParser

__all__ = [
    "WEEKDAYS",
    "clean",
    "clean_line",
    "fold",
    "format_date",
    "format_datetime",
    "html_to_text",
    "name_sort_key",
    "slugify",
    "sort_key",
    "split_name",
    "tone_normalise",
    "unique_slug",
]

# --- Cleanup -----------------------------------------------------------------

_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060\u00ad"

# Every Unicode space separator (category Zs) except U+0020 itself, plus the
# non-newline ASCII whitespace; listed literally to avoid scanning the whole
# code space at import time.
_SPACES = (
    "\t\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)

# Regular expressions rather than str.translate: a translation table is looked up per
# character in Python (about 1 ms for an article body), a character class is scanned in C.
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]")
_SPACES_RE = re.compile(f"[{_SPACES}]")
_NEWLINES_RE = re.compile("\r\n?|[\u2028\u2029\x85]")
_SPACE_RUN_RE = re.compile(" {2,}")
_BLANK_LINES_RE = re.compile(r"\n{3,}")


def clean(value: str | None) -> str:
    """Normalise to NFC and tidy whitespace; newlines (at most one blank line) survive."""
    if value is None:
        return ""
    text = _SPACES_RE.sub(" ", _INVISIBLE_RE.sub("", _NEWLINES_RE.sub("\n", str(value))))
    # Normalise after dropping invisibles: a zero-width character between a
    # letter and its combining mark would otherwise block composition.
    text = unicodedata.normalize("NFC", text)
    lines = (_SPACE_RUN_RE.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES_RE.sub("\n\n", "\n".join(lines)).strip()


def clean_line(value: str | None) -> str:
    return " ".join(clean(value).split())


# --- HTML to text --------------------------------------------------------------

# Elements that start a new line where a reader sees them; other tags (strong, a…) do not
# separate words. Table cells are separated by a space.
_BLOCK_TAGS = frozenset(
    {"address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt"}
    | {"figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr"}
    | {"li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "tfoot", "thead"}
    | {"tr", "ul"}
)
_CELL_TAGS = frozenset({"td", "th"})
# Their content is never text a reader sees.
_HIDDEN_TAGS = frozenset({"script", "style", "template", "noscript", "head", "title"})


class _TextReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in _HIDDEN_TAGS:
            self.hidden += 1
        self._separate(tag)

    def handle_startendtag(self, tag, attrs):
        self._separate(tag)

    def handle_endtag(self, tag):
        if tag in _HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        self._separate(tag)

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)

    def _separate(self, tag):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in _CELL_TAGS:
            self.parts.append(" ")


def html_to_text(value: str | None, *, one_line: bool = False) -> str:
    """The text a reader sees in a fragment of HTML: one paragraph (block) per line.

    Tags and comments are dropped, the content of script and style with them; entities
    are decoded; the result is cleaned like typed text (``clean``) with no blank lines,
    or folded onto one line. The result is plain text, **not** HTML: whatever prints it
    escapes it for its context (templates do; feeds, see ``discovery.feeds``). Decoding
    makes it unsafe to run twice: a typed "&lt;b&gt;" is text once and a tag the second time.
    """
    if not value:
        return ""
    reader = _TextReader()
    reader.feed(str(value))
    reader.close()
    if one_line:
        return clean_line("".join(reader.parts))
    lines = (" ".join(line.split()) for line in clean("".join(reader.parts)).split("\n"))
    return "\n".join(line for line in lines if line)


# --- Folding and tone marks ----------------------------------------------------

# Combining marks for the five Vietnamese tones, keyed by collation rank.
_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT = "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"
_TONE_RANK = {_GRAVE: 1, _HOOK: 2, _TILDE: 3, _ACUTE: 4, _DOT: 5}

# A run of letters, including any combining mark NFC could not absorb.
_WORD_RE = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")


def _strip_marks(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def fold(value: str | None) -> str:
    """Accent- and case-insensitive form for search: "Đại tá" -> "dai ta"."""
    text = _strip_marks(clean(value).casefold()).replace("đ", "d")
    return unicodedata.normalize("NFC", text)


_VOWELS = frozenset("aăâeêioôơuưy")
_MARKED_VOWELS = frozenset("ăâêôơư")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzăâêôơưđ")
# "" stands for a syllable with no initial or no final consonant.
_INITIALS = frozenset(
    {"", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng"}
    | {"ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"}
)
_FINALS = frozenset({"", "c", "ch", "m", "n", "ng", "nh", "p", "t"})
# "New style" (kiểu mới) orthography: the tone sits on the second vowel of
# these open glides, as in hoà, khoẻ, thuỷ.
_SECOND_VOWEL_GLIDES = frozenset(("oa", "oe", "uy"))


def _tone_position(base: str) -> int | None:
    """Index in a toneless lower-case syllable where the tone mark belongs.

    None when the word does not parse as a Vietnamese syllable.
    """
    # "qu" and "gi" are consonant clusters when a vowel follows them ("quý",
    # "giá"); "gì", "gìn" keep the i as their vowel.
    if base[:2] in ("qu", "gi") and len(base) > 2 and base[2] in _VOWELS:
        start = 2
    else:
        start = next((i for i, c in enumerate(base) if c in _VOWELS), None)
        if start is None:
            return None
    end = start
    while end < len(base) and base[end] in _VOWELS:
        end += 1
    if end == start or base[:start] not in _INITIALS or base[end:] not in _FINALS:
        return None
    nucleus = base[start:end]
    marked = [i for i, c in enumerate(nucleus) if c in _MARKED_VOWELS]
    if marked:
        # For "ươ" the tone goes on ơ: người, rượu.
        return start + marked[-1]
    if end < len(base):
        return end - 1
    if len(nucleus) >= 3:
        return start + 1
    if nucleus in _SECOND_VOWEL_GLIDES:
        return start + 1
    return start


def _normalise_syllable(match: re.Match) -> str:
    word = match.group()
    decomposed = unicodedata.normalize("NFD", word)
    tones = [c for c in decomposed if c in _TONE_RANK]
    if len(tones) != 1:
        return word
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_RANK))
    if not base or not set(base) <= _LETTERS:
        return word
    position = _tone_position(base)
    if position is None:
        return word
    toned = unicodedata.normalize("NFC", base[position] + tones[0])
    return base[:position] + toned + base[position + 1 :]


def tone_normalise(value: str | None) -> str:
    """Lower-case form in which tone-placement variants ("hóa"/"hoá") are equal.

    Diacritics are kept; the tone is moved to the "new style" position
    (hoà, khoẻ, thuỷ, quý). Words that are not Vietnamese syllables pass
    through lower-cased. For comparison only, never for display.
    """
    text = unicodedata.normalize("NFC", clean(value).casefold())
    return _WORD_RE.sub(_normalise_syllable, text)


# --- Slugs ---------------------------------------------------------------------

_NON_SLUG_RE = re.compile(r"[^a-z0-9]+")


def _truncate_slug(slug: str, max_length: int) -> str:
    if len(slug) <= max_length:
        return slug
    cut = slug[:max_length]
    if slug[max_length] != "-" and "-" in cut:
        # Drop the partial word rather than leave half of it.
        cut = cut.rsplit("-", 1)[0]
    return cut.strip("-")


def slugify(value: str | None, max_length: int = 200) -> str:
    slug = _NON_SLUG_RE.sub("-", fold(value)).strip("-")
    return _truncate_slug(slug, max_length)


def unique_slug(
    value: str | None,
    queryset,
    slug_field: str = "slug",
    max_length: int = 200,
    exclude_pk=None,
    fallback: str = "muc",
    reserved=None,
) -> str:
    """A slug for value not yet used in queryset, suffixed "-2", "-3", ... if needed.

    ``reserved``: a queryset of other rows whose ``slug`` is taken too (old addresses
    that still redirect somewhere).
    """
    base = slugify(value, max_length) or slugify(fallback, max_length) or "muc"
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)

    def taken(candidate: str) -> bool:
        if reserved is not None and reserved.filter(slug=candidate).exists():
            return True
        return queryset.filter(**{slug_field: candidate}).exists()

    if not taken(base):
        return base
    number = 2
    while True:
        suffix = f"-{number}"
        stem = _truncate_slug(base, max_length - len(suffix)) or base[: max_length - len(suffix)]
        candidate = f"{stem}{suffix}"
        if not taken(candidate):
            return candidate
        number += 1


# --- Collation -----------------------------------------------------------------

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {c: i for i, c in enumerate(_ALPHABET)}
_TOKEN_RE = re.compile(r"((?:[^\W\d_]|[\u0300-\u036f])+)|(\d+)")

# Primary weights are (class, value) pairs so every element compares with
# every other: separators < numbers < alphabet letters < anything else.
_SEPARATOR = (0, 0)


def _letter_weights(char: str) -> list[tuple[int, int]]:
    if char in _LETTER_RANK:
        return [(2, _LETTER_RANK[char])]
    # Foreign accented letters (é, ü, ñ) sort with their base letter.
    return [(2, _LETTER_RANK[c]) if c in _LETTER_RANK else (3, ord(c)) for c in _strip_marks(char)]


def sort_key(value: str | None) -> tuple:
    """Key for Vietnamese dictionary order, syllable by syllable.

    Each word compares by its letters (a ă â b ... đ ...), ignoring case, then by its
    tone, none < huyền < hỏi < ngã < sắc < nặng, before the next word is looked at:
    "Thanh niên" < "Thành phố" < "Thạnh Mỹ". Numbers (compared by value) come before
    letters and word breaks before both; the tone's position within the word never
    matters. Last: the text itself, for a stable total order.
    """
    text = clean_line(value)
    primary: list[tuple[int, int]] = []
    position = 0
    for match in _TOKEN_RE.finditer(text):
        if match.start() > position and primary:
            primary.append(_SEPARATOR)
        position = match.end()
        word, number = match.groups()
        if number is not None:
            primary.append((1, int(number)))
            continue
        decomposed = unicodedata.normalize("NFD", word.casefold())
        tone = next((_TONE_RANK[c] for c in decomposed if c in _TONE_RANK), 0)
        toneless = "".join(c for c in decomposed if c not in _TONE_RANK)
        for char in unicodedata.normalize("NFC", toneless):
            primary.extend(_letter_weights(char))
        # The word's tone, after its letters: below any further letter, above a break.
        primary.append((0, 1 + tone))
    return (tuple(primary), text)


def collation_key(value: str | None, max_length: int = 255) -> str:
    """``sort_key`` as a string of digits, for ORDER BY on any database.

    A string of digits compares the same way under SQLite's binary collation
    and under every PostgreSQL locale, so a stored key column gives Vietnamese
    order in SQL. Each element is a token that starts with two digits telling
    its kind ("00" ends the key, "01" a word break, "02" a number, "03"-"08" the
    tone closing a word, "10"-"42" a letter, "9…" anything else).
    """
    primary, _text = sort_key(value)
    tokens = []
    for kind, weight in primary:
        if kind == 0:
            tokens.append("01" if weight == 0 else f"{weight + 2:02d}")
        elif kind == 1:
            digits = str(weight)[:9]
            tokens.append(f"02{len(digits)}{digits}")
        elif kind == 2:
            tokens.append(f"{weight + 10:02d}")
        else:
            tokens.append(f"9{min(weight, 9_999_999):07d}")
    key = "".join(tokens) + "00"
    return key[:max_length]


def name_collation_key(family: str, middle: str, given: str, max_length: int = 255) -> str:
    """``name_sort_key`` as a string of digits: given name, then middle, then family."""
    key = collation_key(given) + collation_key(middle) + collation_key(family)
    return key[:max_length]


# --- Names ---------------------------------------------------------------------


def split_name(full_name: str | None) -> tuple[str, str, str]:
    """(family, middle, given) of a Vietnamese full name, e.g. "Hồ Văn Tứ"."""
    words = clean_line(full_name).split(" ")
    if len(words) == 1:
        return ("", "", words[0])
    return (words[0], " ".join(words[1:-1]), words[-1])


def name_sort_key(family: str, middle: str, given: str) -> tuple:
    """Vietnamese directory order: by given name, then middle, then family name."""
    return (sort_key(given), sort_key(middle), sort_key(family))


# --- Numbers -------------------------------------------------------------------


def format_number(value: int | None) -> str:
    """A count as Vietnamese readers write it, "." between thousands: "1.234", "12.345"."""
    if value is None or isinstance(value, bool):
        return ""
    return f"{int(value):,}".replace(",", ".")


# --- Dates ---------------------------------------------------------------------

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def _date_text(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]}, {day.day:02d}/{day.month:02d}/{day.year}"


def _gmt_label(offset: timedelta | None) -> str:
    minutes = int((offset or timedelta()).total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"GMT{sign}{hours}" + (f":{minutes:02d}" if minutes else "")


def format_date(value: date | datetime | None) -> str:
    """Format as "Thứ Sáu, 27/11/2026"; aware datetimes use the current time zone."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.utcoffset() is not None:
            from django.utils import timezone

            value = timezone.localtime(value)
        value = value.date()
    return _date_text(value)


def format_moment(value: datetime | None, seconds: bool = False) -> str:
    """Short form for messages in the admin: "10:05 ngày 27/11/2026" in the current time zone."""
    if value is None:
        return ""
    from django.utils import timezone

    value = timezone.make_aware(value) if timezone.is_naive(value) else timezone.localtime(value)
    time = f"{value:%H:%M:%S}" if seconds else f"{value:%H:%M}"
    return f"{time} ngày {value:%d/%m/%Y}"


def format_datetime(value: date | datetime | None) -> str:
    """Format as "Thứ Sáu, 27/11/2026, 10:05 (GMT+7)" in the current time zone.

    Naive datetimes are taken to be in the current time zone already; a plain
    date is formatted as by format_date.
    """
    if value is None:
        return ""
    if not isinstance(value, datetime):
        return format_date(value)
    from django.utils import timezone

    value = timezone.make_aware(value) if timezone.is_naive(value) else timezone.localtime(value)
    return f"{_date_text(value.date())}, {value:%H:%M} ({_gmt_label(value.utcoffset())})"
