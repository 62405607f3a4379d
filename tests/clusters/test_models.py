import datetime

import pytest
from django.core.exceptions import ValidationError

from clusters.models import (
    Cluster,
    Event,
    Membership,
    Official,
    PositionTitle,
    Rank,
    Succession,
    Unit,
    UnitAlias,
    sorted_memberships,
)
from newsroom import search
from photos.models import Photo
from tests.clusters import factories as f

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def hue():
    """Công an tỉnh Thừa Thiên Huế became Công an thành phố Huế on 2025-01-01."""
    old = f.UnitFactory(
        name="Công an tỉnh Thừa Thiên Huế", valid_from=D(1989, 7, 1), valid_to=D(2025, 1, 1)
    )
    new = f.UnitFactory(name="Công an thành phố Huế", valid_from=D(2025, 1, 1))
    Succession.objects.create(
        predecessor=old, successor=new, kind="upgrade", effective_date=D(2025, 1, 1)
    )
    return old, new


@pytest.fixture
def quang_tri_merge():
    """Quảng Bình and the old Quảng Trị merged into a new Quảng Trị on 2025-07-01."""
    quang_binh = f.UnitFactory(
        name="Công an tỉnh Quảng Bình", valid_from=D(1989, 7, 1), valid_to=D(2025, 7, 1)
    )
    old = f.UnitFactory(
        name="Công an tỉnh Quảng Trị", valid_from=D(1989, 7, 1), valid_to=D(2025, 7, 1)
    )
    new = f.UnitFactory(name="Công an tỉnh Quảng Trị", valid_from=D(2025, 7, 1))
    for unit in (quang_binh, old):
        Succession.objects.create(
            predecessor=unit, successor=new, kind="merge", effective_date=D(2025, 7, 1)
        )
    return quang_binh, old, new


# --- Units on a date -------------------------------------------------------------------


def test_units_valid_on_start_day_but_not_the_day_before(hue):
    old, new = hue
    assert list(Unit.objects.valid_on(D(2024, 12, 31))) == [old]
    assert list(Unit.objects.valid_on(D(2025, 1, 1))) == [new]


def test_units_valid_in_a_year_include_any_unit_alive_on_one_of_its_days(quang_tri_merge):
    quang_binh, old, new = quang_tri_merge
    assert set(Unit.objects.valid_in_year(2025)) == {quang_binh, old, new}
    assert set(Unit.objects.valid_in_year(2024)) == {quang_binh, old}
    assert set(Unit.objects.valid_in_year(2026)) == {new}


def test_unit_ending_on_new_year_did_not_exist_that_year(hue):
    old, new = hue
    assert old.existed_in_year(2024)
    assert not old.existed_in_year(2025)
    assert not new.existed_in_year(2024)


def test_name_on_the_day_before_and_the_day_of_an_upgrade(hue):
    old, new = hue
    assert old.name_on(D(2024, 12, 31)) == "Công an tỉnh Thừa Thiên Huế"
    assert old.name_on(D(2025, 1, 1)) == "Công an thành phố Huế"
    assert new.name_on(D(2024, 12, 31)) == "Công an tỉnh Thừa Thiên Huế"
    assert new.name_on(D(2025, 1, 1)) == "Công an thành phố Huế"


def test_successor_on_the_day_before_and_the_day_of_a_merge(quang_tri_merge):
    quang_binh, _, new = quang_tri_merge
    assert quang_binh.successor_on(D(2025, 6, 30)) == quang_binh
    assert quang_binh.successor_on(D(2025, 7, 1)) == new


def test_merged_unit_has_no_single_earlier_name(quang_tri_merge):
    _, _, new = quang_tri_merge
    assert new.name_on(D(2025, 6, 30)) == ""


def test_unit_has_no_name_before_it_existed():
    unit = f.UnitFactory(valid_from=D(2025, 1, 1))
    assert unit.successor_on(D(2024, 12, 31)) is None
    assert unit.name_on(D(2024, 12, 31)) == ""


def test_dissolved_unit_has_no_successor():
    unit = f.UnitFactory(valid_to=D(2020, 1, 1))
    Succession.objects.create(predecessor=unit, kind="dissolve", effective_date=D(2020, 1, 1))
    assert unit.successor_on(D(2019, 12, 31)) == unit
    assert unit.successor_on(D(2020, 1, 1)) is None


def test_split_unit_has_several_successors_and_no_single_one():
    unit = f.UnitFactory(valid_to=D(1991, 9, 1), valid_from=D(1976, 1, 1))
    halves = [f.UnitFactory(valid_from=D(1991, 9, 1)) for _ in range(2)]
    for half in halves:
        Succession.objects.create(
            predecessor=unit, successor=half, kind="split", effective_date=D(1991, 9, 1)
        )
    assert unit.successors_on(D(1991, 9, 1)) == halves
    assert unit.successor_on(D(1991, 9, 1)) is None


def test_successor_chain_is_followed_through_two_changes(hue):
    old, new = hue
    newest = f.UnitFactory(name="Công an thành phố Huế mới", valid_from=D(2030, 1, 1))
    new.valid_to = D(2030, 1, 1)
    new.save()
    Succession.objects.create(
        predecessor=new, successor=newest, kind="rename", effective_date=D(2030, 1, 1)
    )
    assert old.successor_on(D(2030, 1, 1)) == newest


def test_unit_found_by_alias_whatever_the_tone_placement():
    unit = f.UnitFactory(name="Công an tỉnh Thanh Hóa", short_name="CA Thanh Hóa")
    UnitAlias.objects.create(unit=unit, name="Công an Thanh Hoá")
    assert list(Unit.objects.matching("công an thanh hóa")) == [unit]
    assert list(Unit.objects.matching("Công an tỉnh Thanh Hoá")) == [unit]
    assert list(Unit.objects.matching("CA Thanh Hoá")) == [unit]
    assert list(Unit.objects.matching("Công an Thanh Hà")) == []


def test_succession_date_must_match_both_units():
    old = f.UnitFactory(valid_to=D(2025, 1, 1))
    new = f.UnitFactory(valid_from=D(2025, 2, 1))
    link = Succession(predecessor=old, successor=new, kind="rename", effective_date=D(2025, 1, 1))
    with pytest.raises(ValidationError) as caught:
        link.full_clean()
    assert "không khớp ngày kế tục" in str(caught.value)


# --- Slugs ---------------------------------------------------------------------------


def test_unit_slug_is_ascii_with_d_for_dj():
    assert f.UnitFactory(name="Công an tỉnh Đắk Lắk").slug == "cong-an-tinh-dak-lak"


def test_new_unit_with_an_old_name_gets_its_founding_year_in_the_slug(quang_tri_merge):
    _, old, new = quang_tri_merge
    assert old.slug == "cong-an-tinh-quang-tri"
    assert new.slug == "cong-an-tinh-quang-tri-2025"


def test_unit_slug_survives_a_correction_of_its_name():
    unit = f.UnitFactory(name="Công an tỉnh Nghệ An")
    unit.name = "Công an tỉnh Nghệ  An"
    unit.save()
    assert (unit.slug, unit.name) == ("cong-an-tinh-nghe-an", "Công an tỉnh Nghệ An")


def test_cluster_gets_default_name_and_slug():
    cluster = f.ClusterFactory(number=5)
    assert (cluster.name, cluster.slug) == ("Cụm thi đua số 5", "cum-thi-dua-so-5")


def test_same_cluster_number_in_another_block_gets_the_block_in_its_slug():
    f.ClusterFactory(number=5)
    block = f.EmulationBlockFactory(name="Khối các đơn vị thuộc Bộ", short_name="đơn vị thuộc Bộ")
    assert Cluster.objects.create(block=block, number=5).slug == "cum-thi-dua-so-5-don-vi-thuoc-bo"


# --- Clusters in a year ------------------------------------------------------------------


def test_cluster_members_and_roles_in_a_year():
    year = f.ClusterYearFactory(year=2020)
    next_year = f.ClusterYearFactory(cluster=year.cluster, year=2021)
    nghe_an = f.UnitFactory(name="Công an tỉnh Nghệ An")
    thanh_hoa = f.UnitFactory(name="Công an tỉnh Thanh Hóa")
    ha_tinh = f.UnitFactory(name="Công an tỉnh Hà Tĩnh")
    f.MembershipFactory(cluster_year=year, unit=nghe_an, role="deputy")
    f.MembershipFactory(cluster_year=year, unit=thanh_hoa, role="leader")
    f.MembershipFactory(cluster_year=year, unit=ha_tinh)
    f.MembershipFactory(cluster_year=next_year, unit=nghe_an, role="leader")

    in_2020 = Membership.objects.in_year(2020).select_related("unit")
    assert [(m.unit.name, m.role) for m in sorted_memberships(in_2020)] == [
        ("Công an tỉnh Thanh Hóa", "leader"),
        ("Công an tỉnh Nghệ An", "deputy"),
        ("Công an tỉnh Hà Tĩnh", "member"),
    ]
    assert (year.leader, year.deputy) == (thanh_hoa, nghe_an)
    assert (next_year.leader, next_year.deputy) == (nghe_an, None)


def test_members_sort_in_vietnamese_order():
    year = f.ClusterYearFactory()
    for name in ["Công an tỉnh Đồng Nai", "Công an tỉnh Điện Biên", "Công an tỉnh Yên Bái"]:
        f.MembershipFactory(cluster_year=year, unit=f.UnitFactory(name=name))
    assert [m.unit.name for m in sorted_memberships(year.memberships.all())] == [
        "Công an tỉnh Điện Biên",
        "Công an tỉnh Đồng Nai",
        "Công an tỉnh Yên Bái",
    ]


def test_unit_that_ended_before_the_year_cannot_be_a_member():
    year = f.ClusterYearFactory(year=2025)
    gone = f.UnitFactory(name="Công an tỉnh Thừa Thiên Huế", valid_to=D(2025, 1, 1))
    with pytest.raises(ValidationError) as caught:
        Membership(cluster_year=year, unit=gone).full_clean()
    message = caught.value.message_dict["unit"][0]
    assert "Công an tỉnh Thừa Thiên Huế không tồn tại trong năm 2025" in message


def test_unit_alive_on_the_last_day_of_the_year_can_be_a_member():
    year = f.ClusterYearFactory(year=2024)
    Membership(cluster_year=year, unit=f.UnitFactory(valid_to=D(2025, 1, 1))).full_clean()


def test_unit_founded_after_the_year_cannot_be_a_member():
    year = f.ClusterYearFactory(year=2024)
    with pytest.raises(ValidationError):
        Membership(cluster_year=year, unit=f.UnitFactory(valid_from=D(2025, 1, 1))).full_clean()


# --- Ranks and positions --------------------------------------------------------------


def test_seventeen_ranks_are_seeded_in_order():
    names = list(Rank.objects.values_list("name", flat=True))
    assert len(names) == 17
    assert (names[0], names[12], names[16]) == ("Binh nhì", "Đại tá", "Đại tướng")
    assert Rank.objects.get(name="Đại tá").tier == Rank.Tier.FIELD


@pytest.mark.parametrize(
    ("written", "rank"),
    [
        ("Đại uý", "Đại úy"),
        ("Đại úy", "Đại úy"),
        ("đại uý", "Đại úy"),
        ("Thượng sỹ", "Thượng sĩ"),
        ("Trung sỹ", "Trung sĩ"),
        ("Thượng úy", "Thượng úy"),
    ],
)
def test_rank_spelling_variants_are_accepted(written, rank):
    assert Rank.objects.named(written).name == rank


def test_unknown_rank_is_none():
    assert Rank.objects.named("Đại sỹ") is None


def test_position_titles_are_seeded_with_abbreviations():
    titles = dict(PositionTitle.objects.values_list("name", "abbreviation"))
    assert titles["Giám đốc"] == "GĐ"
    assert titles["Phó Giám đốc"] == "PGĐ"
    assert {"Trưởng phòng", "Phó Trưởng phòng", "Đội trưởng"} <= set(titles)


def test_rank_on_the_day_before_and_the_day_of_a_promotion():
    official = f.OfficialFactory()
    f.RankAssignmentFactory(official=official, rank=f.rank("Thượng tá"), since=D(2014, 9, 1))
    f.RankAssignmentFactory(official=official, rank=f.rank("Đại tá"), since=D(2018, 9, 1))
    assert official.rank_on(D(2014, 8, 31)) is None
    assert official.rank_on(D(2018, 8, 31)).name == "Thượng tá"
    assert official.rank_on(D(2018, 9, 1)).name == "Đại tá"


def test_position_on_the_day_before_start_and_on_its_end_day():
    position = f.PositionFactory(start=D(2018, 8, 1), end=D(2025, 7, 1))
    official = position.official
    assert official.position_on(D(2018, 7, 31)) is None
    assert official.position_on(D(2018, 8, 1)) == position
    assert official.position_on(D(2025, 6, 30)) == position
    assert official.position_on(D(2025, 7, 1)) is None


def test_acting_position_reads_quyen():
    position = f.PositionFactory(is_acting=True, title=f.title("Giám đốc"))
    assert position.title_text == "Quyền Giám đốc"
    assert position.short_text.startswith("Q.GĐ ")


def test_position_short_text_is_as_articles_write_it():
    unit = f.UnitFactory(name="Công an tỉnh Nghệ An")
    assert f.PositionFactory(unit=unit).short_text == "PGĐ Công an tỉnh Nghệ An"


# --- Officials --------------------------------------------------------------------------


def test_name_parts_are_suggested_from_the_full_name():
    official = Official.objects.create(full_name="Dương  Văn Tiến")
    assert (official.family_name, official.middle_name, official.given_name) == (
        "Dương",
        "Văn",
        "Tiến",
    )


def test_edited_name_parts_are_kept():
    official = Official.objects.create(
        full_name="Tôn Nữ Thị Ninh", family_name="Tôn Nữ", middle_name="Thị", given_name="Ninh"
    )
    official.save()
    assert (official.family_name, official.middle_name) == ("Tôn Nữ", "Thị")


def test_officials_sort_by_given_name():
    names = ["Dương Văn Tiến", "Hồ Văn Tứ", "Bùi Quang Thanh", "Nguyễn Văn An"]
    officials = [Official.objects.create(full_name=name) for name in names]
    ordered = sorted(officials, key=lambda o: o.name_sort_key)
    assert [o.given_name for o in ordered] == ["An", "Thanh", "Tiến", "Tứ"]


@pytest.mark.parametrize(
    ("disclosure", "public_name", "slug"),
    [
        ("public", "Hồ Văn Tứ", "ho-van-tu"),
        ("initials", "H.V.T.", "h-v-t"),
        ("withheld", "Cán bộ (không công bố danh tính)", "can-bo"),
    ],
)
def test_public_name_and_slug_honour_disclosure(disclosure, public_name, slug):
    official = Official.objects.create(full_name="Hồ Văn Tứ", disclosure=disclosure)
    assert official.public_name == public_name
    assert official.slug == slug


def test_hiding_a_name_later_takes_it_out_of_the_slug():
    official = Official.objects.create(full_name="Hồ Văn Tứ")
    official.disclosure = Official.Disclosure.INITIALS
    official.save()
    assert official.slug == "h-v-t"


def test_slug_is_stable_across_saves():
    first = Official.objects.create(full_name="Hồ Văn Tứ")
    second = Official.objects.create(full_name="Hồ Văn Tứ")
    second.save()
    assert (first.slug, second.slug) == ("ho-van-tu", "ho-van-tu-2")


def test_only_public_and_initials_officials_have_pages():
    public = Official.objects.create(full_name="A Văn B")
    initials = Official.objects.create(full_name="C Văn D", disclosure="initials")
    Official.objects.create(full_name="E Văn G", disclosure="withheld")
    assert set(Official.objects.public()) == {public, initials}


def test_portrait_is_public_only_for_named_officials():
    portrait = Photo(pk=1, image="anh/2020/tu.jpg")
    official = Official(full_name="Hồ Văn Tứ", portrait=portrait, disclosure="initials")
    assert official.public_portrait is None
    official.disclosure = "public"
    assert official.public_portrait == portrait


# --- Events ------------------------------------------------------------------------------


def test_event_gets_a_title_slug_and_an_anchor_on_its_cluster_year():
    event = f.EventFactory(cluster=f.ClusterFactory(number=5))
    assert event.title == "Hội nghị sơ kết 6 tháng đầu năm 2020"
    assert event.get_absolute_url() == (
        "/cum-thi-dua/cum-thi-dua-so-5/?nam=2020"
        "#su-kien-hoi-nghi-so-ket-6-thang-dau-nam-2020-cum-thi-dua-so-5"
    )


def test_year_end_review_may_be_held_early_the_next_year():
    event = f.EventFactory.build(
        kind=Event.Kind.YEAREND, year=2020, date=D(2021, 1, 8), cluster=f.ClusterFactory()
    )
    event.full_clean(exclude=["slug"])


def test_event_two_years_after_its_year_is_refused():
    event = f.EventFactory.build(year=2020, date=D(2022, 1, 8), cluster=f.ClusterFactory())
    with pytest.raises(ValidationError) as caught:
        event.full_clean(exclude=["slug"])
    assert "Ngày tổ chức phải trong năm 2020" in str(caught.value)


def test_participant_rank_and_position_are_those_of_the_event_day():
    official = f.OfficialFactory()
    f.RankAssignmentFactory(official=official, rank=f.rank("Thượng tá"), since=D(2014, 9, 1))
    f.RankAssignmentFactory(official=official, rank=f.rank("Đại tá"), since=D(2021, 9, 1))
    position = f.PositionFactory(official=official, start=D(2018, 8, 1))
    participant = f.ParticipantFactory(official=official)
    assert participant.rank.name == "Thượng tá"
    assert participant.held_position == position


def test_search_text_is_the_search_document_articles_use():
    unit = f.UnitFactory(name="Công an tỉnh Thanh Hoá", short_name="CA Thanh Hoá", locality="")
    assert unit.search_text == " cong an tinh thanh hoa ca thanh hoa "
    assert unit.search_text == search.document(unit.name, unit.short_name)
