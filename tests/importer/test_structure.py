import json

import pytest

from importer import sources, structure
from importer.sources import PICTURE, SourceBlock, SourceDocument
from importer.structure import FIGURE, PARAGRAPH, SUBHEAD, Draft, detect_structure

LEAD = (
    "Ngày 17/7, tại thành phố Thanh Hoá, Cụm thi đua số 5 tổ chức hội nghị sơ kết phong trào "
    "thi đua 6 tháng đầu năm với sự tham dự của lãnh đạo Công an các tỉnh trong cụm."
)
BODY = (
    "Báo cáo tại hội nghị cho biết, sáu tháng qua các đơn vị đã giữ vững an ninh chính trị, "
    "bảo đảm trật tự an toàn xã hội. Nhiều mô hình hay được nhân rộng trong toàn cụm."
)
CAPTION = "Đồng chí Đại tá Hồ Văn Tứ, PGĐ Công an tỉnh Nghệ An, trình bày báo cáo."


def detect(*lines):
    return detect_structure(sources.read_text("\n".join(lines)))


def kinds(draft):
    return [(block.kind, block.text) for block in draft.blocks]


def test_an_article_in_the_samples_shape():
    draft = detect(
        "Hội nghị sơ kết",
        LEAD,
        BODY,
        "Toàn cảnh Hội nghị.",
        BODY,
        CAPTION,
        BODY,
        "Trọng Tuấn – Xuân Bắc",
    )
    assert draft.title == "Hội nghị sơ kết"
    assert draft.lead == LEAD
    assert kinds(draft) == [
        (PARAGRAPH, BODY),
        (FIGURE, "Toàn cảnh Hội nghị."),
        (PARAGRAPH, BODY),
        (FIGURE, CAPTION),
        (PARAGRAPH, BODY),
    ]
    assert all(figure.needs_photo for figure in draft.figures)
    assert [b.name for b in draft.bylines] == ["Trọng Tuấn", "Xuân Bắc"]
    assert draft.byline_line == "Trọng Tuấn – Xuân Bắc"


def test_without_a_title_the_first_paragraph_is_the_lead():
    draft = detect(LEAD, BODY, "Trọng Tuấn")
    assert draft.title == ""
    assert draft.lead == LEAD


def test_nothing_the_author_wrote_is_lost():
    lines = [
        "Tiêu đề bài",
        LEAD,
        BODY,
        "Toàn cảnh Hội nghị.",
        "Tiểu mục ngắn",
        BODY,
        CAPTION,
        "Một đoạn lạ: không giống gì cả",
        BODY,
        "Bài: Thu Hà; Ảnh: Quốc Anh",
        "Theo Báo Công an nhân dân",
    ]
    draft = detect(*lines)
    kept = [
        draft.title,
        draft.lead,
        *(b.text for b in draft.blocks),
        *draft.byline_line.split("\n"),
        draft.source_line,
    ]
    assert sorted(kept) == sorted(lines)


def test_pictures_take_the_caption_under_them_in_order():
    document = SourceDocument(
        blocks=[
            SourceBlock(text="Tiêu đề"),
            SourceBlock(text=LEAD),
            SourceBlock(kind=PICTURE, picture=0),
            SourceBlock(text="Toàn cảnh hội nghị."),
            SourceBlock(text=BODY),
            SourceBlock(kind=PICTURE, picture=1),
            SourceBlock(text=BODY),
            SourceBlock(text=CAPTION),
            SourceBlock(text=BODY),
        ]
    )
    draft = detect_structure(document)
    assert [(b.kind, b.text, b.picture) for b in draft.blocks] == [
        (FIGURE, "Toàn cảnh hội nghị.", 0),
        (PARAGRAPH, BODY, None),
        (FIGURE, "", 1),
        (PARAGRAPH, BODY, None),
        (FIGURE, CAPTION, None),
        (PARAGRAPH, BODY, None),
    ]
    assert [f.needs_photo for f in draft.figures] == [False, False, True]


def test_subheads_from_headings_bold_and_short_lines():
    document = SourceDocument(
        blocks=[
            SourceBlock(text="Tiêu đề", heading=1),
            SourceBlock(text=LEAD),
            SourceBlock(text="Tiểu mục bằng thẻ", heading=2),
            SourceBlock(text=BODY),
            SourceBlock(text="Tiểu mục in đậm", bold=True),
            SourceBlock(text=BODY),
            SourceBlock(text="Nhiều mô hình hiệu quả"),
            SourceBlock(text=BODY),
        ]
    )
    assert draft_subheads(document) == [
        "Tiểu mục bằng thẻ",
        "Tiểu mục in đậm",
        "Nhiều mô hình hiệu quả",
    ]


def draft_subheads(document):
    return detect_structure(document).subheads


def test_a_short_line_at_the_very_end_of_the_body_is_not_a_subhead():
    draft = detect("Tiêu đề", LEAD, BODY, "Còn tiếp")
    assert draft.subheads == []
    assert draft.blocks[-1].kind == PARAGRAPH


def test_a_credit_under_the_title_and_a_source_line():
    draft = detect("Tiêu đề", "Bài, ảnh: Minh Châu", LEAD, BODY, "Theo Báo Công an nhân dân")
    assert [(b.name, b.role) for b in draft.bylines] == [("Minh Châu", "text_photo")]
    assert draft.lead == LEAD
    assert draft.source == "Báo Công an nhân dân"
    assert draft.source_line == "Theo Báo Công an nhân dân"


def test_byline_and_photo_credit_on_two_lines():
    draft = detect("Tiêu đề", LEAD, BODY, "Bài: Đức Long", "Ảnh: Hải Yến")
    assert [(b.name, b.role) for b in draft.bylines] == [("Đức Long", "text"), ("Hải Yến", "photo")]


def test_a_caption_keeps_its_text_and_credit():
    draft = detect(
        "Tiêu đề", LEAD, "Lực lượng chức năng kiểm tra hiện trường (Ảnh: Xuân Bắc)", BODY
    )
    figure = draft.figures[0]
    assert figure.text == "Lực lượng chức năng kiểm tra hiện trường (Ảnh: Xuân Bắc)"
    assert figure.credit == "Xuân Bắc"


def test_long_or_multi_sentence_paragraphs_are_not_captions():
    draft = detect(
        "Tiêu đề",
        LEAD,
        "Đồng chí Đại tá Hồ Văn Tứ phát biểu. Đồng chí nhấn mạnh nhiều nội dung.",
        BODY,
    )
    assert draft.figures == []


def test_a_lone_byline_looking_line_stays_text():
    draft = detect("Trọng Tuấn")
    assert draft.bylines == []
    assert draft.lead == "Trọng Tuấn"


def test_the_draft_round_trips_through_json():
    draft = detect("Tiêu đề", "Bài: Thu Hà", LEAD, "Toàn cảnh.", "Tiểu mục", BODY, "Theo CAND")
    draft.pictures = []
    assert Draft.from_dict(json.loads(json.dumps(draft.to_dict()))) == draft
    assert [b.kind for b in draft.blocks] == [FIGURE, SUBHEAD, PARAGRAPH]


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("Toàn cảnh Hội nghị. (Ảnh: Xuân Bắc)", ("Toàn cảnh Hội nghị.", "Xuân Bắc")),
        ("Toàn cảnh Hội nghị – Ảnh: Trọng Tuấn", ("Toàn cảnh Hội nghị", "Trọng Tuấn")),
        ("Toàn cảnh Hội nghị.", ("Toàn cảnh Hội nghị.", "")),
    ],
)
def test_split_credit(caption, expected):
    assert structure.split_credit(caption) == expected
