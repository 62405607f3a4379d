import datetime

import pytest

from clusters.models import Official, Unit
from importer import sources
from importer.catalogue import QUERIES, Catalogue
from importer.entities import find_entities
from importer.structure import Draft, detect_structure
from importer.suggestions import CLUSTER, EVENT, MOVEMENT, OFFICIAL, UNIT, UNKNOWN_OFFICIAL
from tests.clusters.factories import OfficialFactory, PositionFactory, UnitFactory

D = datetime.date
pytestmark = pytest.mark.django_db


def suggest(day, *paragraphs):
    draft = (
        Draft(lead=paragraphs[0])
        if len(paragraphs) == 1
        else detect_structure(sources.read_text("\n".join(paragraphs)))
    )
    return draft, find_entities(draft, Catalogue.load(day))


def of_kind(suggestions, kind):
    return [s for s in suggestions if s.kind == kind]


def unit_keys(records, suggestions):
    return [records.key_of(UNIT, s.record_id) for s in of_kind(suggestions, UNIT)]


@pytest.mark.parametrize(
    "written",
    [
        "Công an tỉnh Nghệ An",
        "công an tỉnh nghệ an",
        "CA Nghệ An",
        "Công an Nghệ An",
        "CA tỉnh Nghệ An",
        "CÔNG AN TỈNH NGHỆ AN",
        "Cong an tinh Nghe An",
    ],
)
def test_a_unit_by_name_short_name_or_alias_in_any_case_or_marks(records, written):
    _draft, suggestions = suggest(D(2020, 7, 17), f"Lãnh đạo {written} dự hội nghị.")
    assert unit_keys(records, suggestions) == ["nghe_an"]
    mention = suggestions[0].mentions[0]
    assert mention.text == written
    assert f"Lãnh đạo {written} dự hội nghị."[mention.start : mention.end] == written


def test_tone_placement_does_not_matter(records):
    _draft, suggestions = suggest(
        D(2020, 7, 17), "Công an tỉnh Thanh Hoá và Công an tỉnh Thanh Hóa."
    )
    (thanh_hoa,) = of_kind(suggestions, UNIT)
    assert records.key_of(UNIT, thanh_hoa.record_id) == "thanh_hoa"
    assert [m.text for m in thanh_hoa.mentions] == [
        "Công an tỉnh Thanh Hoá",
        "Công an tỉnh Thanh Hóa",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Cụm gồm Công an các đơn vị: Thanh Hoá, Nghệ An, Hà Tĩnh, Quảng Bình, Quảng Trị và "
        "Thừa Thiên Huế.",
        "Dự có Công an các tỉnh Thanh Hoá, Nghệ An, Hà Tĩnh, Quảng Bình, Quảng Trị, "
        "Thừa Thiên Huế.",
        "Lãnh đạo Công an 6 tỉnh: Thanh Hoá, Nghệ An, Hà Tĩnh, Quảng Bình, Quảng Trị và tỉnh "
        "Thừa Thiên Huế.",
    ],
)
def test_lists_of_provinces(records, sentence):
    _draft, suggestions = suggest(D(2020, 7, 17), sentence)
    assert unit_keys(records, suggestions) == [
        "thanh_hoa",
        "nghe_an",
        "ha_tinh",
        "quang_binh",
        "quang_tri_old",
        "thua_thien_hue",
    ]


def test_a_list_stops_where_the_places_stop(records):
    _draft, suggestions = suggest(
        D(2020, 7, 17), "Công an các tỉnh Thanh Hoá, Nghệ An trong cụm đã phối hợp với Hà Tĩnh."
    )
    assert unit_keys(records, suggestions) == ["thanh_hoa", "nghe_an"]


def test_the_2025_successions_follow_the_articles_date(records):
    sentence = "Lãnh đạo Công an tỉnh Quảng Trị phát biểu."
    _draft, before = suggest(D(2020, 7, 17), sentence)
    _draft, after = suggest(D(2025, 8, 10), sentence)
    assert unit_keys(records, before) == ["quang_tri_old"]
    assert unit_keys(records, after) == ["quang_tri"]
    assert before[0].note == after[0].note == ""


def test_a_unit_gone_by_the_articles_date_is_offered_with_a_note(records):
    _draft, suggestions = suggest(
        D(2025, 8, 10), "Trước đây Công an tỉnh Quảng Bình đã bàn giao hồ sơ."
    )
    (unit,) = of_kind(suggestions, UNIT)
    assert records.key_of(UNIT, unit.record_id) == "quang_binh"
    assert "không còn tồn tại" in unit.note
    assert "Công an tỉnh Quảng Trị" in unit.note


def test_two_units_with_one_name_on_one_day_are_left_to_the_reporter(records):
    UnitFactory(name="Công an tỉnh Nghệ An", valid_from=D(2000, 1, 1))
    _draft, suggestions = suggest(D(2020, 7, 17), "Công an tỉnh Nghệ An báo cáo.")
    (unit,) = of_kind(suggestions, UNIT)
    assert unit.record_id is None
    assert len(unit.candidates) == 2


def test_an_official_with_rank_and_position_as_written(records):
    sentence = "Đồng chí Đại tá Hồ Văn Tứ, PGĐ Công an tỉnh Nghệ An, trình bày báo cáo."
    _draft, suggestions = suggest(D(2020, 7, 17), sentence)
    (official,) = of_kind(suggestions, OFFICIAL)
    assert official.record_id == records.officials["Hồ Văn Tứ"]
    mention = official.mentions[0]
    assert (mention.text, mention.rank_text, mention.position_text) == (
        "Hồ Văn Tứ",
        "Đại tá",
        "PGĐ Công an tỉnh Nghệ An",
    )
    assert mention.phrase == "Đồng chí Đại tá Hồ Văn Tứ, PGĐ Công an tỉnh Nghệ An"
    assert mention.title == "Phó Giám đốc"
    assert mention.unit_id == records.units["nghe_an"]
    assert unit_keys(records, suggestions) == ["nghe_an"]


def test_a_position_written_before_the_name(records):
    _draft, suggestions = suggest(
        D(2020, 7, 17), "Phó Giám đốc Công an tỉnh Nghệ An, Đại tá Hồ Văn Tứ, dự hội nghị."
    )
    (official,) = of_kind(suggestions, OFFICIAL)
    assert (official.rank_text, official.position_text) == (
        "Đại tá",
        "Phó Giám đốc Công an tỉnh Nghệ An",
    )


def test_an_official_named_without_rank_or_position(records):
    _draft, suggestions = suggest(D(2020, 7, 17), "Đoàn do đồng chí Bùi Quang Thanh dẫn đầu.")
    (official,) = of_kind(suggestions, OFFICIAL)
    assert official.record_id == records.officials["Bùi Quang Thanh"]
    assert (official.rank_text, official.position_text) == ("", "")


def test_namesakes_are_told_apart_by_the_position_written(records):
    _draft, suggestions = suggest(
        D(2021, 6, 15),
        "Thượng tá Nguyễn Văn Minh, Trưởng phòng Tham mưu Công an tỉnh Nghệ An, phát biểu.",
    )
    (official,) = of_kind(suggestions, OFFICIAL)
    assert official.record_id == records.officials["Nguyễn Văn Minh"]
    _draft, bare = suggest(D(2021, 6, 15), "Anh Nguyễn Văn Minh kể lại.")
    (ambiguous,) = of_kind(bare, OFFICIAL)
    assert ambiguous.record_id is None
    assert len(ambiguous.candidates) == 2
    assert not ambiguous.accepted


def test_a_ranked_person_not_in_the_records_is_offered_for_records_staff(records):
    _draft, suggestions = suggest(
        D(2020, 9, 22),
        "Theo Thượng tá Lê Văn Hùng, Trưởng phòng Cảnh sát hình sự Công an tỉnh Hà Tĩnh, "
        "vụ án đã rõ.",
    )
    (unknown,) = of_kind(suggestions, UNKNOWN_OFFICIAL)
    assert unknown.name == "Lê Văn Hùng"
    assert unknown.record_id is None
    assert (unknown.rank_text, unknown.position_text) == (
        "Thượng tá",
        "Trưởng phòng Cảnh sát hình sự Công an tỉnh Hà Tĩnh",
    )
    assert not unknown.accepted
    assert of_kind(suggestions, OFFICIAL) == []


def test_a_rank_without_a_name_is_not_a_person(records):
    _draft, suggestions = suggest(
        D(2020, 9, 22), "Ông được thăng quân hàm Đại tá, Giám đốc phát biểu."
    )
    assert of_kind(suggestions, UNKNOWN_OFFICIAL) == []


def test_a_withheld_official_is_never_labelled_with_the_name(records):
    _draft, suggestions = suggest(D(2023, 9, 10), "Thượng úy Phạm Quốc Bảo tham gia chuyên án.")
    (official,) = of_kind(suggestions, OFFICIAL)
    assert official.withheld
    assert not official.accepted
    assert "Phạm Quốc Bảo" not in official.label
    assert "Phạm Quốc Bảo" not in official.note
    assert of_kind(suggestions, UNKNOWN_OFFICIAL) == []


def test_an_official_shown_by_initials_is_labelled_by_initials(records):
    _draft, suggestions = suggest(D(2023, 9, 10), "Thiếu tá Lê Đức Anh điều phối lực lượng.")
    (official,) = of_kind(suggestions, OFFICIAL)
    assert official.label == "L.Đ.A."
    assert "chữ cái đầu" in official.note


@pytest.mark.parametrize(
    "written",
    [
        "Cụm thi đua số 5-BCA",
        "cụm thi đua số 5",
        "Cụm thi đua số V",
        "cụm thu đua số 5",
        "Cụm thi đua 5",
    ],
)
def test_cluster_forms(records, written):
    _draft, suggestions = suggest(
        D(2020, 7, 17), f"Công an tỉnh Thanh Hoá là Cụm trưởng {written}."
    )
    (cluster,) = of_kind(suggestions, CLUSTER)
    assert records.key_of(CLUSTER, cluster.record_id) == "local:5"
    assert cluster.mentions[0].text == written


def test_the_block_of_a_cluster_is_read_from_its_members_that_year(records):
    _draft, suggestions = suggest(D(2025, 2, 20), "C08, C02 và C06 thuộc Cụm thi đua số 5.")
    (cluster,) = of_kind(suggestions, CLUSTER)
    assert records.key_of(CLUSTER, cluster.record_id) == "ministry:5"


def test_a_cluster_number_shared_by_blocks_without_context_is_left_to_the_reporter(records):
    _draft, suggestions = suggest(D(2025, 2, 20), "Cụm thi đua số 5 họp.")
    (cluster,) = of_kind(suggestions, CLUSTER)
    assert cluster.record_id is None
    assert {c.id for c in cluster.candidates} == {
        records.clusters["local:5"],
        records.clusters["ministry:5"],
    }


def test_a_movement_in_any_case(records):
    _draft, suggestions = suggest(
        D(2020, 7, 17), "Phong trào thi đua “Vì an ninh tổ quốc” năm 2020."
    )
    (movement,) = of_kind(suggestions, MOVEMENT)
    assert movement.mentions[0].text == "Vì an ninh tổ quốc"


def test_the_event_reported_and_not_the_one_planned(records):
    _draft, suggestions = suggest(
        D(2020, 7, 17),
        "Cụm thi đua số 5 sơ kết 6 tháng đầu năm 2020",
        "Hội nghị sơ kết của Cụm thi đua số 5 diễn ra tại Thanh Hoá. Cuối năm, cụm sẽ tổ chức "
        "Hội nghị tổng kết năm 2020 tại Nghệ An.",
    )
    events = of_kind(suggestions, EVENT)
    assert [records.key_of(EVENT, e.record_id) for e in events] == ["local:5:midyear:2020"]


def test_no_event_without_its_cluster(records):
    _draft, suggestions = suggest(D(2020, 7, 17), "Công an tỉnh Thanh Hoá sơ kết mô hình camera.")
    assert of_kind(suggestions, EVENT) == []


def test_mentions_point_into_title_lead_and_body(records):
    draft, suggestions = suggest(
        D(2020, 7, 17),
        "Công an tỉnh Nghệ An tổng kết",
        "Sáng nay, Công an tỉnh Nghệ An tổ chức hội nghị tổng kết công tác năm với nhiều nội dung.",
        "Toàn cảnh hội nghị ở Công an tỉnh Nghệ An.",
    )
    (unit,) = of_kind(suggestions, UNIT)
    texts = {"title": draft.title, "lead": draft.lead}
    for mention in unit.mentions:
        value = texts.get(mention.part) or draft.blocks[mention.index].text
        assert value[mention.start : mention.end] == mention.text == "Công an tỉnh Nghệ An"
    assert [m.part for m in unit.mentions] == ["title", "lead", "body"]


def test_the_catalogue_makes_the_same_few_queries_however_many_records(
    records, django_assert_num_queries
):
    with django_assert_num_queries(QUERIES):
        Catalogue.load(D(2020, 7, 17))
    for number in range(30):
        unit = UnitFactory()
        official = OfficialFactory(full_name=f"Nguyễn Văn Thử {number}")
        PositionFactory(official=official, unit=unit)
    with django_assert_num_queries(QUERIES):
        catalogue = Catalogue.load(D(2020, 7, 17))
    assert len(catalogue.units) == Unit.objects.count()
    assert len(catalogue.officials) == Official.objects.count()


def test_matching_makes_no_query(records, django_assert_num_queries):
    catalogue = Catalogue.load(D(2020, 7, 17))
    draft = detect_structure(
        sources.read_text(
            "Cụm thi đua số 5 sơ kết\nĐồng chí Đại tá Hồ Văn Tứ, PGĐ Công an tỉnh Nghệ An, "
            "phát biểu tại Cụm thi đua số 5."
        )
    )
    with django_assert_num_queries(0):
        find_entities(draft, catalogue)
