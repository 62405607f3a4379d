import io
import zipfile

import pytest

from importer import docx
from importer.errors import CorruptDocx, EncryptedDocx, InputTooLarge, NotADocx
from tests.importer.docx_builder import DocxBuilder, encrypted_docx, jpeg, legacy_doc, png


def test_paragraphs_and_pictures_come_in_document_order():
    first, second = png((255, 0, 0)), jpeg((0, 0, 255))
    data = (
        DocxBuilder()
        .paragraph("Tiêu đề", style="Title")
        .picture(first, "png", alt="Toàn cảnh")
        .paragraph("Toàn cảnh hội nghị.", italic=True)
        .paragraph("Thân bài.")
        .picture(second, "jpeg")
        .build()
    )
    document = docx.read_docx(data, "bai.docx")
    kinds = [(block.kind, block.picture, block.text) for block in document.blocks]
    assert kinds == [
        ("paragraph", None, "Tiêu đề"),
        ("picture", 0, ""),
        ("paragraph", None, "Toàn cảnh hội nghị."),
        ("paragraph", None, "Thân bài."),
        ("picture", 1, ""),
    ]
    assert [(p.index, p.content_type, p.data, p.alt_text) for p in document.pictures] == [
        (0, "image/png", first, "Toàn cảnh"),
        (1, "image/jpeg", second, ""),
    ]
    assert document.kind == "docx"
    assert document.blocks[0].heading == 1
    assert document.blocks[2].italic


def test_words_styles_become_hints():
    data = (
        DocxBuilder()
        .paragraph("Tiểu mục", style="Heading2")
        .paragraph("Chú thích", style="Caption")
        .build()
    )
    subhead, caption = docx.read_docx(data).blocks
    assert subhead.heading == 2
    assert caption.caption_style


@pytest.mark.parametrize(
    "data",
    [
        "Đây là văn bản thường".encode(),
        png(),
        b"",
    ],
)
def test_a_file_that_is_not_a_docx_is_refused(data):
    with pytest.raises(NotADocx) as refused:
        docx.read_docx(data, "bai.docx")
    assert "không phải văn bản Word (.docx)" in refused.value.message


def test_a_zip_that_is_not_a_word_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(NotADocx) as refused:
        docx.read_docx(buffer.getvalue(), "bang-tinh.docx")
    assert "bang-tinh.docx" in refused.value.message


def test_a_password_protected_document_is_refused():
    with pytest.raises(EncryptedDocx) as refused:
        docx.read_docx(encrypted_docx(), "mat-khau.docx")
    assert "mật khẩu" in refused.value.message


def test_an_old_word_97_document_is_refused_with_advice():
    with pytest.raises(NotADocx) as refused:
        docx.read_docx(legacy_doc(), "cu.doc")
    assert "Word 97–2003" in refused.value.message


def test_a_truncated_document_is_refused_as_corrupt():
    data = DocxBuilder().paragraph("Một").picture().build()
    with pytest.raises(CorruptDocx) as refused:
        docx.read_docx(data[: len(data) // 2], "hong.docx")
    assert "bị hỏng" in refused.value.message


def test_a_document_with_broken_xml_is_refused_as_corrupt():
    buffer = io.BytesIO()
    original = io.BytesIO(DocxBuilder().paragraph("Một").build())
    with zipfile.ZipFile(original) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "word/document.xml":
                content = content[: len(content) // 2]
            target.writestr(item, content)
    with pytest.raises(CorruptDocx):
        docx.read_docx(buffer.getvalue(), "hong.docx")


def test_an_oversized_file_is_refused_before_it_is_read(monkeypatch):
    monkeypatch.setattr(docx, "MAX_DOCX_BYTES", 100)
    with pytest.raises(InputTooLarge):
        docx.read_docx(DocxBuilder().paragraph("Một").build())
