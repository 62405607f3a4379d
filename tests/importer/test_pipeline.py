import datetime
import json

import pytest

from importer import pipeline, sources
from importer.catalogue import QUERIES
from importer.docx import read_docx
from importer.pipeline import ImportResult
from importer.structure import Draft
from tests.importer.docx_builder import DocxBuilder, png

D = datetime.date
TCVN3_LINE = "§ång chÝ §¹i t¸ Hå V¨n Tø, PGĐ C«ng an tØnh NghÖ An, ph¸t biÓu"
ARTICLE = (
    "Cụm thi đua số 5 sơ kết 6 tháng đầu năm 2020\n"
    "Ngày 17/7, Cụm thi đua số 5 tổ chức hội nghị sơ kết với sự tham dự của Công an các tỉnh: "
    "Thanh Hoá, Nghệ An, Hà Tĩnh, Quảng Bình, Quảng Trị và Thừa Thiên Huế.\n"
    "Toàn cảnh Hội nghị.\n"
    "Các đơn vị đã giữ vững ANTT, không để xẩy ra cháy nổ lớn. Công tác XDLL được chú trọng.\n"
    "Đồng chí Đại tá Hồ Văn Tứ, PGĐ Công an tỉnh Nghệ An, trình bày báo cáo.\n"
    "Trọng Tuấn – Xuân Bắc"
)

pytestmark = pytest.mark.django_db


def test_analyse_reads_the_records_once_then_works_in_python(records, django_assert_num_queries):
    document = sources.read_text(ARTICLE)
    # The catalogue's queries and one for the typo list.
    with django_assert_num_queries(QUERIES + 1):
        result = pipeline.analyse(document, D(2020, 7, 17))
    assert result.draft.title.startswith("Cụm thi đua số 5")
    assert len(result.draft.figures) == 2
    kinds = {s.kind for s in result.suggestions}
    assert {"unit", "official", "cluster", "event"} <= kinds
    assert "typo" in {w.code for w in result.warnings}


def test_the_result_round_trips_through_json(records):
    result = pipeline.analyse(
        sources.read_text(f"Tiêu đề\n{TCVN3_LINE}\n{ARTICLE}"), D(2020, 7, 17)
    )
    assert result.legacy is not None
    data = result.to_json()
    json.loads(data)
    assert ImportResult.from_json(data) == result


def test_a_docx_result_describes_its_pictures_without_their_bytes(records):
    data = (
        DocxBuilder()
        .paragraph("Tiêu đề", style="Title")
        .paragraph("Sapo của bài viết.", bold=True)
        .picture(png(), alt="Hội nghị")
        .paragraph("Toàn cảnh hội nghị.", italic=True)
        .build()
    )
    result = pipeline.analyse(read_docx(data), D(2020, 7, 17))
    assert result.source_kind == "docx"
    (picture,) = result.draft.pictures
    assert (picture.index, picture.content_type, picture.alt_text) == (0, "image/png", "Hội nghị")
    assert picture.size == len(png())
    assert "base64" not in result.to_json()
    assert ImportResult.from_json(result.to_json()).draft.pictures == result.draft.pictures


def test_a_legacy_font_is_reported_and_left_as_typed(records):
    result = pipeline.analyse(sources.read_text(f"Tiêu đề\n{TCVN3_LINE}"), D(2020, 7, 17))
    assert result.legacy.encoding == "tcvn3"
    assert result.legacy_converted == ""
    assert [text for _part, _i, text in result.draft.texts()][1].startswith("§ång")
    converted = pipeline.analyse(
        sources.read_text(f"Tiêu đề\n{TCVN3_LINE}", legacy_encoding="tcvn3"), D(2020, 7, 17)
    )
    texts = [text for _part, _i, text in converted.draft.texts()]
    assert texts[1].startswith("Đồng chí Đại tá Hồ Văn Tứ")
    assert converted.legacy_converted == "tcvn3"
    assert [s.kind for s in converted.suggestions if s.kind == "official"] == ["official"]


def test_accepted_links_leave_out_rejected_ambiguous_and_unknown(records):
    result = pipeline.analyse(
        sources.read_text(
            ARTICLE + "\nThượng tá Lê Văn Hùng, Trưởng phòng, dự.\nAnh Nguyễn Văn Minh cho biết."
        ),
        D(2020, 7, 17),
    )
    nghe_an = next(s for s in result.suggestions if s.record_id == records.units["nghe_an"])
    nghe_an.accepted = False
    links = result.accepted_links()
    assert records.units["nghe_an"] not in links["unit"]
    assert records.units["thanh_hoa"] in links["unit"]
    assert links["official"] == [records.officials["Hồ Văn Tứ"]]
    assert links["cluster"] == [records.clusters["local:5"]]
    assert links["event"] == [records.events["local:5:midyear:2020"]]
    assert [s.name for s in result.unknown_officials()] == ["Lê Văn Hùng"]


def test_body_html_places_photos_and_keeps_unplaced_captions():
    draft = Draft.from_dict(
        {
            "blocks": [
                {"kind": "paragraph", "text": "Một <đoạn> & hai"},
                {"kind": "figure", "text": "Toàn cảnh.", "picture": 0},
                {"kind": "subhead", "text": "Tiểu mục"},
                {"kind": "figure", "text": "Chờ ảnh.", "picture": None},
                {"kind": "figure", "text": "", "picture": 1},
            ]
        }
    )
    assert pipeline.body_html(draft, {0: 12}) == (
        "<p>Một &lt;đoạn&gt; &amp; hai</p>\n"
        '<figure data-photo="12"></figure>\n'
        "<h2>Tiểu mục</h2>\n"
        "<p><em>Chờ ảnh.</em></p>"
    )
