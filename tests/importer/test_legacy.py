import pytest

from importer import legacy, sources

UNICODE = "Đồng chí Đại tá Hồ Văn Tứ, Phó Giám đốc Công an tỉnh Nghệ An, phát biểu tại hội nghị"
# The same line typed in a TCVN3 (.VnTime) font and in a VNI font, pasted as Unicode.
TCVN3 = "§ång chÝ §¹i t¸ Hå V¨n Tø, Phã Gi¸m ®èc C«ng an tØnh NghÖ An, ph¸t biÓu t¹i héi nghÞ"
VNI = (
    "Ñoàng chí Ñaïi taù Hoà Vaên Töù, Phoù Giaùm ñoác Coâng an tænh Ngheä An, phaùt bieåu "
    "taïi hoäi nghò"
)


def test_tcvn3_is_detected_and_converted():
    detection = legacy.detect(TCVN3)
    assert detection.encoding == legacy.TCVN3
    assert detection.lines == 1
    assert detection.converted_sample.startswith("Đồng chí Đại tá Hồ Văn Tứ")
    assert "TCVN3" in detection.message
    assert legacy.convert(TCVN3, legacy.TCVN3) == UNICODE


def test_vni_is_detected_and_converted():
    detection = legacy.detect(VNI)
    assert detection.encoding == legacy.VNI
    assert legacy.convert(VNI, legacy.VNI) == UNICODE


@pytest.mark.parametrize(
    "value",
    [
        UNICODE,
        "Phong trào «Vì an ninh Tổ quốc» được phát động từ năm 1962 — ông Müller nói © 2020.",
        "Giá vé: 50.000 đồng; ½ giá cho trẻ em",
        "",
    ],
)
def test_unicode_text_is_not_flagged(value):
    assert legacy.detect(value) is None


def test_tcvn3_soft_hyphen_stands_for_u_horn():
    # "ư" is byte 0xAD in TCVN3: a soft hyphen once pasted, which text cleanup would drop.
    assert legacy.convert("tr\u00adêng häc", legacy.TCVN3) == "trường học"


def test_tcvn3_capitals_typed_in_vntimeh_come_back_as_capitals():
    assert legacy.convert("HéI NGHÞ S¥ KÕT", legacy.TCVN3) == "HỘI NGHỊ SƠ KẾT"
    assert legacy.convert("C¤NG AN tØnh", legacy.TCVN3) == "CÔNG AN tỉnh"


def test_only_mojibake_lines_are_converted():
    mixed = f"Tiêu đề gõ bằng Unicode: Thanh Hoá\n{TCVN3}"
    assert legacy.convert(mixed, legacy.TCVN3) == f"Tiêu đề gõ bằng Unicode: Thanh Hoá\n{UNICODE}"


def test_reading_never_converts_unless_asked():
    document = sources.read_text(f"Tiêu đề\n{TCVN3}")
    assert document.legacy.encoding == legacy.TCVN3
    assert document.blocks[1].text.startswith("§ång")
    converted = sources.read_text(f"Tiêu đề\n{TCVN3}", legacy_encoding=legacy.TCVN3)
    assert converted.blocks[1].text == UNICODE
    assert converted.legacy_converted == legacy.TCVN3


def test_html_paste_in_vni_is_detected():
    document = sources.read_html(f"<p>{VNI}</p>")
    assert document.legacy.encoding == legacy.VNI


def test_unknown_encoding_is_refused():
    with pytest.raises(ValueError):
        legacy.convert(TCVN3, "abc")


def test_detection_round_trips_as_data():
    detection = legacy.detect(TCVN3)
    assert legacy.LegacyDetection.from_dict(detection.to_dict()) == detection
