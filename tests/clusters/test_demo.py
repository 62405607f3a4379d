import datetime

import pytest

from clusters import demo
from clusters.models import (
    Cluster,
    ClusterYear,
    Event,
    Membership,
    MovementYear,
    Official,
    Participant,
    Unit,
)

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def seeded():
    lines = []
    demo.seed(lines.append)
    return lines


def test_cluster_5_has_the_six_members_of_2020_with_thanh_hoa_leading(seeded):
    cluster_year = ClusterYear.objects.get(
        cluster__block__name="Khối Công an các địa phương", cluster__number=5, year=2020
    )
    assert {m.unit.name for m in cluster_year.memberships.all()} == {
        "Công an tỉnh Thanh Hóa",
        "Công an tỉnh Nghệ An",
        "Công an tỉnh Hà Tĩnh",
        "Công an tỉnh Quảng Bình",
        "Công an tỉnh Quảng Trị",
        "Công an tỉnh Thừa Thiên Huế",
    }
    assert cluster_year.leader.name == "Công an tỉnh Thanh Hóa"


def test_hue_upgrade_and_quang_tri_merge_are_recorded(seeded):
    thua_thien_hue = Unit.objects.get(name="Công an tỉnh Thừa Thiên Huế")
    assert thua_thien_hue.successor_on(D(2024, 12, 31)) == thua_thien_hue
    assert thua_thien_hue.successor_on(D(2025, 1, 1)).name == "Công an thành phố Huế"
    quang_binh = Unit.objects.get(name="Công an tỉnh Quảng Bình")
    new_quang_tri = quang_binh.successor_on(D(2025, 7, 1))
    assert new_quang_tri.name == "Công an tỉnh Quảng Trị"
    assert new_quang_tri.valid_from == D(2025, 7, 1)
    old_quang_tri = Unit.objects.get(name="Công an tỉnh Quảng Trị", valid_from=D(1989, 7, 1))
    assert old_quang_tri.successor_on(D(2025, 7, 1)) == new_quang_tri


def test_movement_slogan_of_2020(seeded):
    assert MovementYear.objects.get(movement__name="Vì an ninh Tổ quốc", year=2020).slogan == (
        "Chủ động, nêu gương, kỷ cương, trách nhiệm, hiệu quả"
    )


def test_mid_year_review_of_2020_has_the_three_speakers_of_the_article(seeded):
    event = Event.objects.get(kind=Event.Kind.MIDYEAR, year=2020)
    speakers = {
        (p.official.full_name, p.role, p.rank.name, p.held_position.short_text)
        for p in event.participants.filter(official__isnull=False)
    }
    assert speakers == {
        ("Dương Văn Tiến", Participant.Role.MODERATE, "Đại tá", "PGĐ Công an tỉnh Thanh Hóa"),
        ("Hồ Văn Tứ", Participant.Role.REPORT, "Đại tá", "PGĐ Công an tỉnh Nghệ An"),
        ("Bùi Quang Thanh", Participant.Role.SPEAK, "Đại tá", "PGĐ Công an tỉnh Quảng Bình"),
    }


def test_demo_has_variety_beyond_the_article(seeded):
    assert Cluster.objects.filter(number=5).count() == 2
    assert ClusterYear.objects.count() > 6
    assert Official.objects.filter(disclosure="initials").exists()
    assert Official.objects.filter(disclosure="withheld").exists()


def test_every_membership_is_valid_for_its_year(seeded):
    for membership in Membership.objects.select_related("unit", "cluster_year"):
        membership.full_clean()


def test_seed_is_idempotent(seeded):
    counts = [model.objects.count() for model in (Unit, ClusterYear, Membership, Event, Official)]
    demo.seed(lambda message: None)
    assert [
        model.objects.count() for model in (Unit, ClusterYear, Membership, Event, Official)
    ] == counts


def test_seed_logs_progress_indented(seeded):
    assert seeded
    assert all(line.startswith("  ") for line in seeded)
