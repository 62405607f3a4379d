import pytest

from importer.bylines import PHOTO, TEXT, TEXT_AND_PHOTO, Byline, parse_byline, parse_source


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Trọng Tuấn – Xuân Bắc", [("Trọng Tuấn", TEXT, ""), ("Xuân Bắc", TEXT, "")]),
        ("Trọng Tuấn - Xuân Bắc", [("Trọng Tuấn", TEXT, ""), ("Xuân Bắc", TEXT, "")]),
        ("Bài, ảnh: Minh Châu", [("Minh Châu", TEXT_AND_PHOTO, "")]),
        ("Bài và ảnh: Lê Hà", [("Lê Hà", TEXT_AND_PHOTO, "")]),
        ("Tin, ảnh: Phan Anh", [("Phan Anh", TEXT_AND_PHOTO, "")]),
        ("Bài: Thu Hà; Ảnh: Quốc Anh", [("Thu Hà", TEXT, ""), ("Quốc Anh", PHOTO, "")]),
        ("Bài: Thu Hà - Ảnh: Quốc Anh", [("Thu Hà", TEXT, ""), ("Quốc Anh", PHOTO, "")]),
        ("Ảnh: Xuân Bắc", [("Xuân Bắc", PHOTO, "")]),
        ("Nhóm PV", [("Nhóm PV", TEXT, "")]),
        ("Nhóm phóng viên", [("Nhóm phóng viên", TEXT, "")]),
        ("PV", [("PV", TEXT, "")]),
        (
            "Thu Hà (Công an tỉnh Nghệ An)",
            [("Thu Hà", TEXT, "Công an tỉnh Nghệ An")],
        ),
        (
            "Hoàng Anh, Minh Thu và Đức Long",
            [("Hoàng Anh", TEXT, ""), ("Minh Thu", TEXT, ""), ("Đức Long", TEXT, "")],
        ),
        ("N.V.A", [("N.V.A", TEXT, "")]),
    ],
)
def test_byline_forms(line, expected):
    assert parse_byline(line) == [Byline(*item) for item in expected]


@pytest.mark.parametrize(
    "line",
    [
        "Toàn cảnh Hội nghị.",
        "Trong thời gian tới, các đơn vị tiếp tục thi đua",
        "Bài học kinh nghiệm",
        "Công an tỉnh Nghệ An tổ chức hội nghị",
        "Cụm thi đua số 5",
        "",
        "Vì sao?",
    ],
)
def test_lines_that_are_not_bylines(line):
    assert parse_byline(line) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Theo Báo Công an nhân dân", "Báo Công an nhân dân"),
        ("(Theo CAND)", "CAND"),
        ("Nguồn: Bộ Công an", "Bộ Công an"),
        ("Theo báo cáo, năm 2020 có 5 vụ", None),
        ("Theo kế hoạch", None),
        (
            "Theo đó các đơn vị phải hoàn thành chỉ tiêu thi đua trước ngày 30 tháng 11 năm nay",
            None,
        ),
    ],
)
def test_source_lines(line, expected):
    assert parse_source(line) == expected
