"""The shape of a finished article: title, lead, body with figures and subheads, byline, source.

``detect_structure`` reads a ``SourceDocument`` and proposes a ``Draft`` for the reporter
to confirm. It only classifies paragraphs, never rewrites them: a paragraph it does not
recognise stays a paragraph, caption text is kept exactly, and the byline and source lines
are moved out of the body into their fields (``byline_line`` and ``source_line`` keep them
as written).
"""

import re
from dataclasses import asdict, dataclass, field

from newsroom import text

from .bylines import Byline, has_role_prefix, parse_byline, parse_source
from .sources import PICTURE, SourceBlock, SourceDocument

PARAGRAPH = "paragraph"
SUBHEAD = "subhead"
FIGURE = "figure"

MAX_TITLE_WORDS = 40
MAX_CAPTION_WORDS = 45
# A caption under a picture, in italics or in Word's Caption style may run longer.
MAX_MARKED_CAPTION_WORDS = 80
MAX_SUBHEAD_WORDS = 14
# Under a picture, a line this short is its caption even without other cues.
SHORT_CAPTION_WORDS = 20
# A line this short saying what someone does is a caption in pasted text too.
SHORT_TEXT_CAPTION_WORDS = 15
# How many paragraphs at the end may hold the byline, a photo credit and the source.
END_MATTER = 4


@dataclass
class Block:
    kind: str
    text: str = ""
    # FIGURE only: index into the document's pictures, None for a "needs photo" slot.
    picture: int | None = None
    credit: str = ""

    @property
    def needs_photo(self) -> bool:
        return self.kind == FIGURE and self.picture is None


@dataclass
class PictureInfo:
    index: int
    content_type: str
    size: int
    alt_text: str = ""


@dataclass
class Draft:
    title: str = ""
    lead: str = ""
    blocks: list[Block] = field(default_factory=list)
    bylines: list[Byline] = field(default_factory=list)
    byline_line: str = ""
    source: str = ""
    source_line: str = ""
    pictures: list[PictureInfo] = field(default_factory=list)

    @property
    def figures(self) -> list[Block]:
        return [block for block in self.blocks if block.kind == FIGURE]

    @property
    def captions(self) -> list[str]:
        return [block.text for block in self.figures if block.text]

    @property
    def subheads(self) -> list[str]:
        return [block.text for block in self.blocks if block.kind == SUBHEAD]

    def texts(self):
        """(part, index, text) of every piece of text, in reading order: where entities
        and style warnings point. part is "title", "lead" or "body" (index = block)."""
        if self.title:
            yield ("title", 0, self.title)
        if self.lead:
            yield ("lead", 0, self.lead)
        for index, block in enumerate(self.blocks):
            if block.text:
                yield ("body", index, block.text)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Draft":
        return cls(
            title=data.get("title", ""),
            lead=data.get("lead", ""),
            blocks=[Block(**block) for block in data.get("blocks", [])],
            bylines=[Byline(**byline) for byline in data.get("bylines", [])],
            byline_line=data.get("byline_line", ""),
            source=data.get("source", ""),
            source_line=data.get("source_line", ""),
            pictures=[PictureInfo(**picture) for picture in data.get("pictures", [])],
        )


# --- Paragraph cues ------------------------------------------------------------------

_SENTENCE_BREAK_RE = re.compile(r"(?<![A-ZĐ]\w)(?<!\b[A-ZĐ])[.!?…]+[\"”’)]?\s+(?=[A-ZĐ\W])")
_TERMINAL = (".", "…", ":", ";", ",", "!", "?")
_STRONG_OPENERS = ("toan canh", "quang canh", "hinh anh", "canh ", "mot goc ")
_OPENERS = (
    "dong chi",
    "cac dong chi",
    "lanh dao",
    "dai bieu",
    "cac dai bieu",
    "ong ",
    "ba ",
    "luc luong",
    "can bo",
    "cbcs",
    "tiet muc",
    "doan cong tac",
    "dai dien",
    "dai ta",
    "thuong ta",
    "trung ta",
    "thieu ta",
    "dai uy",
    "thuong uy",
    "trung uy",
    "thieu uy",
    "thieu tuong",
    "trung tuong",
    "thuong tuong",
    "dai tuong",
)
# Verbs of a picture's action, compared with tone placement made canonical (so "tặng"
# is not "tăng").
_CAPTION_VERBS = re.compile(
    r"\b(phát biểu|trình bày|điều hành|chủ trì|trao(?! đổi)|tặng|chụp ảnh|kiểm tra|thăm|"
    r"làm việc|ký kết|nhận(?! thức| định| được| xét| diện)|chỉ đạo|báo cáo|tuyên truyền|"
    r"hướng dẫn|ra quân|tham quan|khen thưởng|dự hội nghị|tham dự|biểu diễn|diễn tập|"
    r"tuần tra|thực hành|ký giao ước)\b"
)
_POSITION_CUE = re.compile(r"\((?:bên |thứ \w+ từ |ngồi |đứng )?(?:phải|trái|giữa)\)|từ trái sang")
_CREDIT_RE = re.compile(r"(?:\(\s*ảnh\s*:\s*(?P<a>[^()]+)\)|[-–—]\s*ảnh\s*:\s*(?P<b>.+))\s*$")


def _words(value: str) -> int:
    return len(value.split())


def _sentences(value: str) -> int:
    return 1 + len(_SENTENCE_BREAK_RE.findall(value.rstrip('.!?…"”’) ')))


def credit_of(caption: str) -> str:
    match = _CREDIT_RE.search(text.tone_normalise(caption))
    if not match:
        return ""
    start = match.start("a") if match["a"] is not None else match.start("b")
    return caption[start:].strip().strip("()").strip()


def split_credit(caption: str) -> tuple[str, str]:
    """(the caption without its credit, the credit): "Toàn cảnh. (Ảnh: Xuân Bắc)" gives
    ("Toàn cảnh.", "Xuân Bắc"). The library keeps the two apart and the public figure
    prints them together again ("… Ảnh: Xuân Bắc"); a caption without one is returned whole."""
    match = _CREDIT_RE.search(text.tone_normalise(caption))
    if not match:
        return caption, ""
    return caption[: match.start()].rstrip(" -–—"), credit_of(caption)


def caption_score(block: SourceBlock, after_picture: bool) -> int:
    """How much a paragraph reads like a photo caption; 2 or more is a caption."""
    value = block.text
    words = _words(value)
    marked = after_picture or block.italic or block.caption_style
    if words > (MAX_MARKED_CAPTION_WORDS if marked else MAX_CAPTION_WORDS):
        return 0
    if block.heading:
        return 0
    score = after_picture + 3 * block.caption_style + 2 * block.italic
    if (after_picture or block.italic) and words <= SHORT_CAPTION_WORDS:
        score += 1
    if _sentences(value) > 1 and not (block.italic or block.caption_style or credit_of(value)):
        return 0
    folded = text.fold(value)
    toned = text.tone_normalise(value)
    if folded.startswith(_STRONG_OPENERS):
        score += 2
    elif folded.startswith(_OPENERS):
        score += 1
    if _CAPTION_VERBS.search(toned):
        score += 1 + (words <= SHORT_TEXT_CAPTION_WORDS)
    if _POSITION_CUE.search(toned):
        score += 1
    if credit_of(value):
        score += 3
    if any(mark in value for mark in '“”"'):
        score -= 1
    return score


def is_caption(block: SourceBlock, after_picture: bool = False) -> bool:
    return caption_score(block, after_picture) >= 2


def _is_caption_before_lead(block: SourceBlock) -> bool:
    # The first paragraph after the title is the lead unless it is plainly a caption.
    score = caption_score(block, after_picture=False)
    return score >= 3 or (score >= 2 and _words(block.text) <= SHORT_CAPTION_WORDS)


def looks_like_subhead(block: SourceBlock) -> bool:
    value = block.text
    if block.heading >= 2:
        return True
    words = _words(value)
    if block.bold and words <= 20 and not value.endswith((".", ",", ";")):
        return True
    letters = [char for char in value if char.isalpha()]
    if letters and all(char.isupper() for char in letters) and 2 <= words <= 20:
        return True
    return (
        words <= MAX_SUBHEAD_WORDS
        and not value.endswith(_TERMINAL)
        and (value[:1].isupper() or value[:1].isdigit())
        and _sentences(value) == 1
    )


def looks_like_title(block: SourceBlock) -> bool:
    if block.heading == 1:
        return True
    value = block.text
    return (
        _words(value) <= MAX_TITLE_WORDS
        and not value.endswith((".", ",", ";", ":"))
        and _sentences(value) == 1
        and parse_byline(value) is None
    )


# --- Detection -------------------------------------------------------------------------


def _end_matter(blocks: list[SourceBlock], draft: Draft) -> int:
    """Take the byline and source lines off the end; return where the body stops."""
    end = len(blocks)
    credits: list[Byline] = []
    lines: list[str] = []
    checked = 0
    while end > 0 and checked < END_MATTER:
        block = blocks[end - 1]
        if block.kind == PICTURE or block.heading:
            break
        checked += 1
        source = parse_source(block.text) if not draft.source_line else None
        bylines = parse_byline(block.text) if source is None else None
        if source is not None:
            draft.source, draft.source_line = source, block.text
        elif bylines is not None and not (
            lines and not has_role_prefix(block.text) and not has_role_prefix(lines[0])
        ):
            credits = bylines + credits
            lines.insert(0, block.text)
        else:
            break
        end -= 1
    draft.bylines = credits
    draft.byline_line = "\n".join(lines)
    return end


def detect_structure(document: SourceDocument) -> Draft:
    blocks = list(document.blocks)
    draft = Draft(
        pictures=[
            PictureInfo(p.index, p.content_type, p.size, p.alt_text) for p in document.pictures
        ]
    )
    end = _end_matter(blocks, draft)
    if not any(block.kind != PICTURE for block in blocks[:end]) and end < len(blocks):
        # Nothing but a byline-looking line: keep it as the text.
        draft.bylines, draft.byline_line, end = [], "", len(blocks)
    body = blocks[:end]
    first = next((i for i, block in enumerate(body) if block.kind != PICTURE), None)
    following = [block for block in body[(first or 0) + 1 :] if block.kind != PICTURE]
    title_first = first is not None and (first == 0 or body[first].heading == 1)
    if title_first and following and looks_like_title(body[first]):
        draft.title = body[first].text
        del body[first]
    # A credit under the title: "Bài, ảnh: Minh Châu".
    if body and body[0].kind != PICTURE and has_role_prefix(body[0].text):
        bylines = parse_byline(body[0].text)
        if bylines:
            draft.bylines = bylines + draft.bylines
            draft.byline_line = "\n".join(filter(None, [body[0].text, draft.byline_line]))
            del body[0]
    draft.blocks = _body(body, draft)
    return draft


def _body(body: list[SourceBlock], draft: Draft) -> list[Block]:
    result: list[Block] = []
    index = 0
    lead_done = False
    while index < len(body):
        block = body[index]
        if block.kind == PICTURE:
            following = body[index + 1] if index + 1 < len(body) else None
            caption = ""
            if following is not None and following.kind != PICTURE and is_caption(following, True):
                caption = following.text
                index += 1
            result.append(Block(FIGURE, caption, block.picture, credit_of(caption)))
            index += 1
            continue
        if not lead_done and (block.bold or not _is_caption_before_lead(block)):
            draft.lead = block.text
            lead_done = True
            index += 1
            continue
        if is_caption(block):
            result.append(Block(FIGURE, block.text, None, credit_of(block.text)))
        elif (
            lead_done
            and index + 1 < len(body)
            and looks_like_subhead(block)
            and parse_byline(block.text) is None
        ):
            result.append(Block(SUBHEAD, block.text))
        else:
            result.append(Block(PARAGRAPH, block.text))
        index += 1
    return result
