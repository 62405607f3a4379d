"""What the reporter hands in, as paragraphs: pasted text, pasted HTML, a text file.

Every reader returns a ``SourceDocument``: the paragraphs in order, each with the hints
its formatting gives (a heading, a paragraph wholly in bold or italics, Word's "Caption"
style), and the places where pictures stood. Text is cleaned as everywhere else
(``newsroom.text.clean``: NFC, no BOM or zero-width characters, NBSP as a space) only
after a legacy-font conversion, which needs the raw characters (TCVN3's "ư" is U+00AD,
a soft hyphen that cleaning drops). Empty paragraphs and runs of ``&nbsp;`` disappear.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

import nh3

from newsroom import text

from . import legacy as legacy_fonts
from .errors import ImportRefused, InputTooLarge

# About 2 MB of Vietnamese text; a long feature is under 100,000 characters.
MAX_TEXT_CHARS = 2_000_000
# Pasted HTML carries markup around the text (Word's especially).
MAX_HTML_CHARS = 5_000_000
MAX_TEXT_FILE_BYTES = 4_000_000

PICTURE = "picture"
PARAGRAPH = "paragraph"

# What survives sanitising before paragraphs are read: structure and emphasis only.
_TAGS = frozenset(
    {"p", "br", "div", "span", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i"}
    | {"u", "a", "ul", "ol", "li", "blockquote", "figure", "figcaption", "img", "sup", "sub"}
    | {"table", "thead", "tbody", "tr", "td", "th"}
)
_ATTRIBUTES = {"img": {"data-picture", "alt"}, "p": {"class"}}
_BLOCK_TAGS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption"}
    | {"tr", "td", "th", "table", "ul", "ol", "figure"}
)
_BOLD_TAGS = frozenset({"b", "strong"})
_ITALIC_TAGS = frozenset({"i", "em"})
_HEADINGS = {f"h{level}": level for level in range(1, 7)}


@dataclass
class SourceBlock:
    kind: str = PARAGRAPH
    text: str = ""
    heading: int = 0
    bold: bool = False
    italic: bool = False
    caption_style: bool = False
    # Index into SourceDocument.pictures; None for a picture with no file (pasted HTML).
    picture: int | None = None


@dataclass
class Picture:
    """A picture embedded in a .docx, in document order; not yet in the photo library."""

    index: int
    data: bytes = field(repr=False)
    content_type: str
    alt_text: str = ""

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass
class SourceDocument:
    blocks: list[SourceBlock]
    pictures: list[Picture] = field(default_factory=list)
    legacy: legacy_fonts.LegacyDetection | None = None
    legacy_converted: str = ""
    kind: str = "text"


def _refuse_size(length: int, limit: int, what: str):
    if length > limit:
        raise InputTooLarge(
            f"{what} quá dài ({length / 1_000_000:.1f} triệu ký tự; tối đa "
            f"{limit / 1_000_000:.0f} triệu). Hãy chia bài thành nhiều phần hoặc kiểm tra "
            "lại nội dung đã dán."
        )


def _finish(blocks: list[SourceBlock], legacy_encoding: str | None, kind: str, pictures=()):
    """Detect (and, when asked, convert) legacy fonts, clean, drop empty paragraphs."""
    raw = "\n".join(block.text for block in blocks if block.kind == PARAGRAPH)
    detection = legacy_fonts.detect(raw)
    kept = []
    for block in blocks:
        if block.kind == PARAGRAPH:
            value = block.text
            if legacy_encoding:
                value = legacy_fonts.convert_line(value, legacy_encoding)
            block.text = text.clean_line(value)
            if not block.text:
                continue
        kept.append(block)
    total = sum(len(block.text) for block in kept)
    _refuse_size(total, MAX_TEXT_CHARS, "Văn bản")
    return SourceDocument(
        blocks=kept,
        pictures=list(pictures),
        legacy=detection,
        legacy_converted=legacy_encoding or "",
        kind=kind,
    )


def read_text(value: str, legacy_encoding: str | None = None) -> SourceDocument:
    """Plain text: each non-empty line is a paragraph."""
    value = value or ""
    _refuse_size(len(value), MAX_TEXT_CHARS, "Văn bản")
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks = [SourceBlock(text=line) for line in lines]
    return _finish(blocks, legacy_encoding, "text")


def decode_text_file(data: bytes) -> str:
    """The text of an uploaded .txt file: UTF-8 (with or without BOM), UTF-16 or CP1258."""
    if len(data) > MAX_TEXT_FILE_BYTES:
        raise InputTooLarge(
            f"Tệp văn bản quá lớn ({len(data) / 1_000_000:.1f} MB; tối đa "
            f"{MAX_TEXT_FILE_BYTES / 1_000_000:.0f} MB)."
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError:
        raise ImportRefused(
            "Không đọc được tệp văn bản: bảng mã không phải UTF-8 hay Windows-1258. Hãy mở "
            "tệp và lưu lại với bảng mã UTF-8."
        ) from None


def sanitise(value: str) -> str:
    """Pasted or converted HTML reduced to structure and emphasis; scripts and styles go."""
    return nh3.clean(
        value,
        tags=set(_TAGS),
        attributes=_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        url_schemes=set(),
        strip_comments=True,
        link_rel=None,
    )


def _keep_attribute(tag, attribute, value):
    if attribute == "data-picture" and not value.isdigit():
        return None
    if attribute == "class":
        return "caption" if "caption" in value.split() else None
    return value


def read_html(
    value: str, legacy_encoding: str | None = None, pictures=(), kind: str = "html"
) -> SourceDocument:
    """Pasted HTML (or a converted .docx): block elements and line breaks end paragraphs."""
    value = value or ""
    _refuse_size(len(value), MAX_HTML_CHARS, "Nội dung dán vào")
    reader = _BlockReader()
    reader.feed(sanitise(value))
    reader.close()
    return _finish(reader.blocks, legacy_encoding, kind, pictures)


class _BlockReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[SourceBlock] = []
        self.stack: list[str] = []
        self.heading = 0
        self.caption_style = False
        self._chunks: list[tuple[str, bool, bool]] = []

    def _inside(self, tags) -> bool:
        return any(tag in tags for tag in self.stack)

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self._flush()
            return
        if tag == "img":
            self._flush()
            picture = dict(attrs).get("data-picture")
            self.blocks.append(SourceBlock(kind=PICTURE, picture=int(picture) if picture else None))
            return
        if tag in _BLOCK_TAGS:
            self._flush()
            if tag in _HEADINGS:
                self.heading = _HEADINGS[tag]
            if tag == "p":
                self.caption_style = dict(attrs).get("class") == "caption"
        self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "img") and self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in ("br", "img"):
            return
        if tag in _BLOCK_TAGS:
            self._flush()
            if tag in _HEADINGS:
                self.heading = 0
            if tag == "p":
                self.caption_style = False
        if tag in self.stack:
            index = len(self.stack) - 1 - self.stack[::-1].index(tag)
            del self.stack[index:]

    def handle_data(self, data):
        self._chunks.append((data, self._inside(_BOLD_TAGS), self._inside(_ITALIC_TAGS) or False))

    def close(self):
        super().close()
        self._flush()

    def _flush(self):
        chunks, self._chunks = self._chunks, []
        raw = "".join(chunk for chunk, _bold, _italic in chunks)
        # HTML whitespace (newlines inside a paragraph included) is one space.
        value = " ".join(raw.split())
        if not text.clean_line(value):
            return
        visible = [(c, b, i) for c, b, i in chunks if text.clean_line(c)]
        self.blocks.append(
            SourceBlock(
                text=value,
                heading=self.heading,
                bold=all(b for _c, b, _i in visible),
                italic=all(i for _c, _b, i in visible),
                caption_style=self.caption_style,
            )
        )
