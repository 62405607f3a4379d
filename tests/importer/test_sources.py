import time

import pytest

from importer import sources
from importer.errors import ImportRefused, InputTooLarge


def texts(document):
    return [block.text for block in document.blocks]


def test_each_non_empty_line_of_text_is_a_paragraph():
    document = sources.read_text("Tiêu đề\r\n\r\n  Đoạn một.  \n\u00a0\u00a0\n\n\u200bĐoạn hai.\n")
    assert texts(document) == ["Tiêu đề", "Đoạn một.", "Đoạn hai."]


def test_text_is_cleaned_to_nfc_without_invisible_characters():
    decomposed = "Tha\u0300nh\u00a0Ho\u0301a"  # combining marks, NBSP
    document = sources.read_text(f"\ufeff{decomposed}\u200b")
    assert texts(document) == ["Thành Hóa"]


def test_html_scripts_styles_and_handlers_are_dropped():
    document = sources.read_html(
        '<p onclick="steal()">An toàn<script>alert("x")</script></p>'
        "<style>p{color:red}</style><iframe src='https://example.com'></iframe>"
        '<p><a href="javascript:alert(1)">Liên kết</a></p>'
    )
    assert texts(document) == ["An toàn", "Liên kết"]
    assert "alert" not in sources.sanitise('<p onclick="alert(1)">x<script>alert(2)</script></p>')


def test_nbsp_runs_and_empty_paragraphs_disappear():
    document = sources.read_html(
        "<p>&nbsp;</p><p>Một</p><p> &nbsp; &nbsp;</p><div><br></div><p>Hai</p>"
    )
    assert texts(document) == ["Một", "Hai"]


def test_line_breaks_and_blocks_end_paragraphs():
    document = sources.read_html("<div>Một<br>Hai</div><ul><li>Ba</li><li>Bốn</li></ul>")
    assert texts(document) == ["Một", "Hai", "Ba", "Bốn"]


def test_html_whitespace_inside_a_paragraph_is_one_space():
    assert texts(sources.read_html("<p>Công an\n   tỉnh\tNghệ An</p>")) == ["Công an tỉnh Nghệ An"]


def test_formatting_gives_hints():
    document = sources.read_html(
        "<h1>Tiêu đề</h1><p><strong>Sapo</strong></p><p><em>Chú thích</em></p>"
        "<h3>Tiểu mục</h3><p>Thường <b>đậm</b></p>"
    )
    title, lead, caption, subhead, plain = document.blocks
    assert title.heading == 1
    assert lead.bold and not lead.italic
    assert caption.italic
    assert subhead.heading == 3
    assert not plain.bold


def test_a_picture_in_pasted_html_marks_a_place_without_a_file():
    document = sources.read_html('<p>Một</p><p><img src="https://example.com/a.jpg"></p><p>Hai</p>')
    kinds = [(block.kind, block.picture) for block in document.blocks]
    assert kinds == [("paragraph", None), ("picture", None), ("paragraph", None)]


def test_ten_megabytes_of_text_are_refused_quickly():
    huge = "Công an tỉnh Nghệ An. " * 500_000
    started = time.perf_counter()
    with pytest.raises(InputTooLarge) as refused:
        sources.read_text(huge)
    assert time.perf_counter() - started < 0.5
    assert "quá dài" in refused.value.message
    with pytest.raises(InputTooLarge):
        sources.read_html(f"<p>{huge}</p>")


def test_text_just_under_the_limit_is_read():
    value = ("a" * 99 + "\n") * (sources.MAX_TEXT_CHARS // 100 - 1)
    assert len(sources.read_text(value).blocks) == sources.MAX_TEXT_CHARS // 100 - 1


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Thanh Hoá".encode(), "Thanh Hoá"),
        ("\ufeffThanh Hoá".encode(), "Thanh Hoá"),
        ("Thanh Hoá".encode("utf-16"), "Thanh Hoá"),
        ("Thanh Hoá".encode("cp1258"), "Thanh Hoá"),
    ],
)
def test_text_files_are_decoded(data, expected):
    assert sources.decode_text_file(data) == expected


def test_an_oversized_text_file_is_refused():
    with pytest.raises(ImportRefused):
        sources.decode_text_file(b"a" * (sources.MAX_TEXT_FILE_BYTES + 1))
