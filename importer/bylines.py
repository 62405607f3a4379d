"""Byline and source lines as Vietnamese newsrooms write them.

"Trọng Tuấn – Xuân Bắc", "Bài, ảnh: Minh Châu", "Bài: A; Ảnh: B", "Ảnh: B", "Nhóm PV",
"Thu Hà (Công an tỉnh Nghệ An)"; "Theo Báo Công an nhân dân", "Nguồn: Bộ Công an".
Everything here reads one line and answers None when the line is not of the kind, so
the caller keeps it as an ordinary paragraph.
"""

import re
from dataclasses import dataclass

from newsroom import text

TEXT = "text"
PHOTO = "photo"
TEXT_AND_PHOTO = "text_photo"
ROLE_LABELS = {TEXT: "Bài", PHOTO: "Ảnh", TEXT_AND_PHOTO: "Bài và ảnh"}

MAX_LINE = 160

# Folded role prefixes, longest first; each is followed by ":" in the line.
_ROLES = [
    (r"bai\s*(?:,|va|&|-|–|\+)?\s*anh", TEXT_AND_PHOTO),
    (r"tin\s*(?:,|va|&|-|–|\+)?\s*anh", TEXT_AND_PHOTO),
    (r"nhom thuc hien", TEXT),
    (r"thuc hien", TEXT),
    (r"ghi chep", TEXT),
    (r"bai viet", TEXT),
    (r"bai", TEXT),
    (r"tin", TEXT),
    (r"anh", PHOTO),
]
_ROLE_RE = re.compile(
    r"(?:^|(?<=[\s;,.–—-]))(" + "|".join(f"(?:{pattern})" for pattern, _ in _ROLES) + r")\s*:",
)
_ROLE_PATTERNS = [(re.compile(pattern + r"$"), role) for pattern, role in _ROLES]
_NAME_SPLIT_RE = re.compile(r"\s+[-–—&/]\s+|\s*[–—]\s*|\s*,\s*|\s*;\s*|\s+và\s+", re.IGNORECASE)
_AFFILIATION_RE = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<affiliation>[^()]+)\)$")
_INITIAL_RE = re.compile(r"^(?:[A-ZĐ]\.){1,4}[A-ZĐ]?\.?$")
_GROUP_RE = re.compile(r"^nhom\b")
_SOURCE_RE = re.compile(r"^\(?\s*(?:theo\s|nguon\s*:)\s*")
# Newsroom shorthands that stand for a person or a team.
_STAFF_WORDS = frozenset({"pv", "ctv", "btv", "phong vien", "cong tac vien", "nhom pv"})


@dataclass
class Byline:
    name: str
    role: str = TEXT
    affiliation: str = ""

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]


def _role_of(prefix: str) -> str:
    folded = text.fold(prefix).strip()
    for pattern, role in _ROLE_PATTERNS:
        if pattern.match(folded):
            return role
    return TEXT


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and not any(char.isdigit() for char in word)


def _is_name(value: str) -> bool:
    if not value or len(value) > 50:
        return False
    folded = text.fold(value)
    if folded in _STAFF_WORDS or _GROUP_RE.match(folded):
        return len(value.split()) <= 8
    words = value.split()
    if not 1 <= len(words) <= 5:
        return False
    return all(_is_capitalised(word) or _INITIAL_RE.match(word) for word in words)


def _names(segment: str, role: str) -> list[Byline] | None:
    bylines = []
    for part in _NAME_SPLIT_RE.split(segment.strip().strip(".")):
        part = part.strip()
        if not part:
            continue
        affiliation = ""
        match = _AFFILIATION_RE.match(part)
        if match:
            part, affiliation = match["name"].strip(), match["affiliation"].strip()
        if not _is_name(part):
            return None
        bylines.append(Byline(name=part, role=role, affiliation=affiliation))
    return bylines or None


def parse_byline(line: str) -> list[Byline] | None:
    """The bylines of a byline line, in order, or None when line is not one."""
    line = text.clean_line(line)
    if not line or len(line) > MAX_LINE or line.endswith((":", "?", "!")):
        return None
    folded = text.fold(line)
    # fold() keeps the length of NFC Vietnamese text, so offsets carry over.
    matches = list(_ROLE_RE.finditer(folded)) if len(folded) == len(line) else []
    if not matches:
        # Without a role the line must look like names only, "A – B" or "A (Đơn vị)".
        return _names(line, TEXT)
    if matches[0].start() != 0:
        return None
    bylines = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(line)
        segment = line[match.end() : end].strip(" ;,.-–—")
        names = _names(segment, _role_of(match.group(1)))
        if names is None:
            return None
        bylines.extend(names)
    return bylines


def has_role_prefix(line: str) -> bool:
    return bool(_ROLE_RE.match(text.fold(text.clean_line(line))))


def parse_source(line: str) -> str | None:
    """ "Báo Công an nhân dân" from "Theo Báo Công an nhân dân"; None when not a source line."""
    line = text.clean_line(line)
    folded = text.fold(line)
    match = _SOURCE_RE.match(folded) if len(folded) == len(line) else None
    if not match or len(line.split()) > 15 or "," in line:
        return None
    source = line[match.end() :].strip().strip("()").strip().rstrip(".")
    if not source or not source[:1].isupper():
        return None
    return source
