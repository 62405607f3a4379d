import datetime

import pytest

from importer import sources, style
from importer.catalogue import Catalogue
from importer.entities import find_entities
from importer.structure import Draft, detect_structure
from importer.style import Rule

RULES = [
    Rule("thu đua", "thi đua"),
    Rule("xẩy ra", "xảy ra"),
    Rule("bộ Công an", "Bộ Công an", "viết hoa tên cơ quan", case_sensitive=True),
]


def codes(warnings):
    return [warning.code for warning in warnings]


def test_one_word_with_two_tone_placements_is_flagged_with_every_place():
    draft = Draft(title="Công an tỉnh Thanh Hoá", lead="Thanh Hóa và Thanh Hoá; cấp uỷ, cấp ủy.")
    warnings = style.tone_placement(draft)
    assert len(warnings) == 2
    hoa = next(w for w in warnings if "hoá" in w.message)
    assert "«hoá» (2 lần) và «hóa» (1 lần)" in hoa.message
    assert [(m.part, m.text) for m in hoa.mentions] == [
        ("title", "Hoá"),
        ("lead", "Hoá"),
        ("lead", "Hóa"),
    ]


def test_consistent_tone_placement_is_not_flagged():
    assert style.tone_placement(Draft(lead="Thanh Hoá, Thanh Hoá, THANH HOÁ, hoà bình")) == []


def test_the_typo_list_is_matched_whatever_the_case_and_tone_placement():
    draft = Draft(lead="Các đơn vị trong cụm Thu đua đã để xẩy ra cháy. Cụm thi đua vững mạnh.")
    warnings = style.typos(draft, RULES)
    assert sorted((w.replacement, w.mentions[0].text) for w in warnings) == [
        ("thi đua", "Thu đua"),
        ("xảy ra", "xẩy ra"),
    ]
    assert all(w.code == style.TYPO for w in warnings)


def test_a_case_sensitive_rule_only_flags_the_wrong_case():
    assert codes(style.typos(Draft(lead="Đại diện bộ Công an dự."), RULES)) == [style.TYPO]
    assert style.typos(Draft(lead="Đại diện Bộ Công an dự."), RULES) == []


def test_a_rule_does_not_match_inside_other_words_or_across_punctuation():
    assert style.typos(Draft(lead="Thu, đua nhau; mùa thu đuổi"), RULES) == []


def test_si_and_sy_together_are_flagged():
    assert codes(style.si_sy(Draft(lead="Cán bộ, chiến sĩ và chiến sỹ trẻ."))) == [style.SI_SY]
    assert style.si_sy(Draft(lead="Cán bộ, chiến sỹ và các chiến sỹ trẻ.")) == []


def test_text_is_never_changed():
    draft = Draft(lead="Thanh Hóa, Thanh Hoá, xẩy ra, chiến sĩ, chiến sỹ")
    before = draft.to_dict()
    style.check_style(draft, [], Catalogue(day=datetime.date(2020, 1, 1)), RULES)
    assert draft.to_dict() == before


@pytest.mark.django_db
def test_rank_and_position_that_differ_from_the_records(records):
    day = datetime.date(2020, 10, 15)
    draft = detect_structure(
        sources.read_text(
            "Tiêu đề\nThượng tá Dương Văn Tiến, Giám đốc Công an tỉnh Thanh Hóa, phát biểu. "
            "Đại tá Hồ Văn Tứ, PGĐ Công an tỉnh Nghệ An, dự."
        )
    )
    catalogue = Catalogue.load(day)
    warnings = style.records(find_entities(draft, catalogue), catalogue)
    assert codes(warnings) == [style.RANK, style.POSITION]
    rank, position = warnings
    assert "hồ sơ ngày 15/10/2020 ghi cấp bậc hàm Đại tá" in rank.message
    assert rank.replacement == "Đại tá"
    assert "Phó Giám đốc Công an tỉnh Thanh Hóa" in position.message


@pytest.mark.django_db
def test_a_withheld_official_is_warned_about_without_the_records_details(records):
    day = datetime.date(2023, 9, 10)
    draft = Draft(lead="Đại úy Phạm Quốc Bảo, Trưởng phòng Tham mưu, tham gia chuyên án.")
    catalogue = Catalogue.load(day)
    warnings = style.records(find_entities(draft, catalogue), catalogue)
    assert codes(warnings) == [style.WITHHELD]
    assert "Thượng úy" not in warnings[0].message


@pytest.mark.django_db
def test_the_seeded_typo_list(db):
    rules = style.load_rules()
    assert Rule("thu đua", "thi đua") in rules
    assert any(rule.wrong == "xẩy ra" and rule.right == "xảy ra" for rule in rules)
