import datetime

import pytest
from reversion.models import Revision, Version

from clusters import demo
from clusters.models import (
    Award,
    Cluster,
    ClusterYear,
    EmulationBlock,
    Event,
    Membership,
    Movement,
    MovementYear,
    Official,
    Participant,
    Position,
    Rank,
    RankAssignment,
    Succession,
    Unit,
    UnitAlias,
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


SEEDED_MODELS = [
    Unit,
    UnitAlias,
    Succession,
    EmulationBlock,
    Cluster,
    ClusterYear,
    Membership,
    Movement,
    MovementYear,
    Official,
    RankAssignment,
    Position,
    Event,
    Participant,
    Award,
]


def test_seed_is_idempotent(seeded):
    counts = [model.objects.count() for model in SEEDED_MODELS]
    demo.seed(lambda message: None)
    assert [model.objects.count() for model in SEEDED_MODELS] == counts


# --- History: every demo record has its first version ---------------------------------


def history(record):
    return list(Version.objects.get_for_object(record).select_related("revision"))


@pytest.mark.parametrize("model", [Unit, Cluster, ClusterYear, Official, Event, Award, Rank])
def test_every_seeded_record_has_a_version(seeded, model):
    for record in model.objects.all():
        assert history(record), record


def test_demo_version_is_signed_by_the_records_officer_in_vietnamese(records_officer):
    demo.seed(lambda message: None)
    [version] = history(Unit.objects.get(name="Công an tỉnh Thanh Hóa"))
    assert version.revision.user == records_officer
    assert version.revision.comment == "Dữ liệu trình diễn"


def test_demo_versions_have_no_user_without_the_records_officer(seeded):
    assert not Revision.objects.filter(user__isnull=False).exists()
    assert Revision.objects.filter(comment="Dữ liệu trình diễn").exists()


def test_an_officials_version_holds_his_ranks_and_positions(seeded):
    official = Official.objects.get(full_name="Hồ Văn Tứ")
    [version] = history(official)
    held = {v.content_type.model for v in version.revision.version_set.all()}
    assert held == {"official", "rankassignment", "position"}


def test_a_cluster_year_is_in_its_clusters_revision_only(seeded):
    cluster_year = ClusterYear.objects.get(
        cluster__block__name="Khối các đơn vị thuộc Bộ", year=2025
    )
    [version] = history(cluster_year)
    assert history(cluster_year.cluster)[0].revision == version.revision


def test_a_rerun_that_changes_nothing_adds_no_revision(seeded):
    revisions = Revision.objects.count()
    demo.seed(lambda message: None)
    assert Revision.objects.count() == revisions


def test_a_rerun_records_a_new_version_of_the_record_it_repairs(seeded):
    unit = Unit.objects.get(name="Công an tỉnh Nghệ An")
    unit.aliases.all().delete()
    revisions = Revision.objects.count()
    demo.seed(lambda message: None)
    assert Revision.objects.count() == revisions + 1
    latest = history(unit)[0]
    assert {v.object_repr for v in latest.revision.version_set.all()} >= {"Công an Nghệ An"}


def test_a_rerun_restores_a_changed_slogan_in_a_new_version_of_that_year(seeded):
    cluster_year = ClusterYear.objects.get(
        cluster__block__name="Khối các đơn vị thuộc Bộ", year=2026
    )
    ClusterYear.objects.filter(pk=cluster_year.pk).update(slogan="Khác")
    demo.seed(lambda message: None)
    cluster_year.refresh_from_db()
    assert cluster_year.slogan == "Kỷ cương, an toàn, phục vụ nhân dân"
    assert len(history(cluster_year)) == 2


def test_seed_logs_progress_indented(seeded):
    assert seeded
    assert all(line.startswith("  ") for line in seeded)
