"""Word documents (.docx) read with mammoth: paragraphs, and the pictures in their order.

The pictures are only collected (bytes and content type); the caller hands them to the
photo library's one ingest path. Files that are not .docx, are password-protected (Word
then saves an OLE container holding "EncryptionInfo") or are damaged are refused with a
message the reporter can act on.
"""

import io
import zipfile

import mammoth

from .errors import CorruptDocx, EncryptedDocx, InputTooLarge, NotADocx
from .sources import Picture, SourceDocument, read_html

MAX_DOCX_BYTES = 50_000_000
# Unpacked, a document may hold at most this much (pictures included): a zip bomb stops here.
MAX_UNPACKED_BYTES = 300_000_000

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")

# Word's own styles that say what a paragraph is.
STYLE_MAP = """
p[style-name='Title'] => h1:fresh
p[style-name='Subtitle'] => h2:fresh
p[style-name='Caption'] => p.caption:fresh
"""


def check(data: bytes, filename: str = "") -> None:
    """Refuse what is not a readable .docx, before any work is done."""
    if len(data) > MAX_DOCX_BYTES:
        raise InputTooLarge(
            f"Tệp Word quá lớn ({len(data) / 1_000_000:.1f} MB; tối đa "
            f"{MAX_DOCX_BYTES / 1_000_000:.0f} MB). Hãy giảm kích thước ảnh trong tệp."
        )
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTION_STREAM in data:
            raise EncryptedDocx(
                "Tệp Word đang được đặt mật khẩu nên không đọc được. Hãy mở tệp trong Word, "
                "bỏ mật khẩu (Tệp › Thông tin › Bảo vệ tài liệu) rồi tải lên lại."
            )
        raise NotADocx(
            "Đây là tệp Word cũ (.doc, Word 97–2003), chưa nhập được. Hãy mở tệp trong Word "
            "và lưu lại dưới dạng «Tài liệu Word (.docx)»."
        )
    name = f" «{filename}»" if filename else ""
    if not data.startswith(_ZIP_MAGIC):
        raise NotADocx(
            f"Tệp{name} không phải văn bản Word (.docx). Chỉ nhập được tệp .docx hoặc dán "
            "nội dung bài vào ô văn bản."
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise CorruptDocx(
            f"Tệp{name} bị hỏng, không đọc được. Hãy mở lại trong Word, lưu thành tệp mới "
            "rồi tải lên."
        ) from None
    if "word/document.xml" not in names:
        raise NotADocx(
            f"Tệp{name} không phải văn bản Word (.docx) (có thể là bảng tính hoặc tệp nén "
            "khác). Chỉ nhập được tệp .docx."
        )
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputTooLarge(
            f"Tệp{name} khi giải nén quá lớn (hơn {MAX_UNPACKED_BYTES / 1_000_000:.0f} MB)."
        )


def read_docx(
    data: bytes, filename: str = "", legacy_encoding: str | None = None
) -> SourceDocument:
    """Paragraphs and pictures of a .docx, pictures in document order."""
    check(data, filename)
    pictures: list[Picture] = []

    def collect(image):
        with image.open() as stream:
            content = stream.read()
        pictures.append(
            Picture(
                index=len(pictures),
                data=content,
                content_type=image.content_type or "",
                alt_text=(image.alt_text or "").strip(),
            )
        )
        return {"data-picture": str(len(pictures) - 1)}

    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data),
            convert_image=mammoth.images.img_element(collect),
            style_map=STYLE_MAP,
        )
    except Exception:
        # mammoth raises whatever its XML and zip readers raise on a damaged part.
        name = f" «{filename}»" if filename else ""
        raise CorruptDocx(
            f"Tệp{name} bị hỏng, không đọc được nội dung. Hãy mở lại trong Word, lưu thành "
            "tệp mới rồi tải lên."
        ) from None
    return read_html(result.value, legacy_encoding, pictures=pictures, kind="docx")
