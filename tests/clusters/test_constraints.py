"""Each database constraint of the records, broken on purpose (SQLite and PostgreSQL alike).

The raw ``objects.create`` goes straight to the database (IntegrityError);
``full_clean`` is what forms and the admin run (ValidationError in Vietnamese).
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from clusters.models import (
    Award,
    Cluster,
    ClusterYear,
    Event,
    Membership,
    Movement,
    MovementYear,
    Participant,
    Position,
    Rank,
    RankAssignment,
    Succession,
    Unit,
    UnitAlias,
)
from tests.clusters import factories as f

pytestmark = pytest.mark.django_db

D = datetime.date
JAN_2025 = D(2025, 1, 1)


def refused_by_database(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def refused_by_validation(instance, message):
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    assert message in str(caught.value)


# --- Unit -----------------------------------------------------------------------------


@pytest.mark.parametrize("valid_to", [D(2020, 1, 1), D(2019, 12, 31)])
def test_unit_must_end_after_it_starts(valid_to):
    refused_by_database(
        lambda: Unit.objects.create(
            name="Công an tỉnh A", valid_from=D(2020, 1, 1), valid_to=valid_to
        )
    )
    refused_by_validation(
        Unit(name="Công an tỉnh A", valid_from=D(2020, 1, 1), valid_to=valid_to),
        "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.",
    )


def test_unit_ending_the_next_day_is_accepted():
    unit = Unit(name="Công an tỉnh A", valid_from=D(2020, 1, 1), valid_to=D(2020, 1, 2))
    unit.full_clean()
    unit.save()


def test_unit_cannot_be_its_own_parent():
    unit = f.UnitFactory()
    unit.parent = unit
    refused_by_database(unit.save)
    refused_by_validation(unit, "không thể là cấp trên của chính nó")


def test_alias_is_unique_per_unit_whatever_the_tone_placement():
    unit = f.UnitFactory()
    UnitAlias.objects.create(unit=unit, name="Công an Thanh Hóa")
    refused_by_database(lambda: UnitAlias.objects.create(unit=unit, name="Công an Thanh Hoá"))
    refused_by_validation(UnitAlias(unit=unit, name="công an thanh hoá"), "đã có tên gọi khác")


def test_same_alias_on_two_units_is_accepted():
    UnitAlias.objects.create(unit=f.UnitFactory(), name="Công an Quảng Trị")
    UnitAlias.objects.create(unit=f.UnitFactory(), name="Công an Quảng Trị")


# --- Succession ------------------------------------------------------------------------


def test_succession_pair_is_unique():
    link = f.SuccessionFactory()
    refused_by_database(
        lambda: Succession.objects.create(
            predecessor=link.predecessor,
            successor=link.successor,
            kind=Succession.Kind.RENAME,
            effective_date=link.effective_date,
        )
    )


def test_unit_cannot_succeed_itself():
    unit = f.UnitFactory(valid_from=D(2025, 1, 1))
    make = {
        "predecessor": unit,
        "successor": unit,
        "kind": "rename",
        "effective_date": D(2025, 1, 1),
    }
    refused_by_database(lambda: Succession.objects.create(**make))
    refused_by_validation(Succession(**make), "không thể kế tục chính nó")


def test_dissolution_has_no_successor():
    old, new = f.UnitFactory(), f.UnitFactory(valid_from=D(2025, 1, 1))
    make = {
        "predecessor": old,
        "successor": new,
        "kind": "dissolve",
        "effective_date": D(2025, 1, 1),
    }
    refused_by_database(lambda: Succession.objects.create(**make))
    refused_by_validation(Succession(**make), "Giải thể thì không có đơn vị kế tục")


def test_merge_needs_a_successor():
    make = {"predecessor": f.UnitFactory(), "kind": "merge", "effective_date": D(2025, 1, 1)}
    refused_by_database(lambda: Succession.objects.create(**make))


def test_dissolution_without_successor_is_accepted():
    Succession.objects.create(
        predecessor=f.UnitFactory(), kind="dissolve", effective_date=D(2025, 1, 1)
    )


# --- Cluster, year, membership ---------------------------------------------------------


def test_cluster_number_is_unique_inside_its_block():
    cluster = f.ClusterFactory(number=5)
    refused_by_database(lambda: Cluster.objects.create(block=cluster.block, number=5))
    refused_by_validation(
        Cluster(block=cluster.block, number=5), "Khối thi đua này đã có cụm mang số này."
    )


def test_same_cluster_number_in_another_block_is_accepted():
    f.ClusterFactory(number=5)
    other = f.EmulationBlockFactory(name="Khối các đơn vị thuộc Bộ")
    Cluster.objects.create(block=other, number=5)


def test_cluster_number_starts_at_one():
    block = f.EmulationBlockFactory()
    refused_by_database(lambda: Cluster.objects.create(block=block, number=0))


def test_cluster_year_is_unique():
    year = f.ClusterYearFactory(year=2020)
    refused_by_database(lambda: ClusterYear.objects.create(cluster=year.cluster, year=2020))


@pytest.mark.parametrize("year", [1944, 2101])
def test_cluster_year_outside_range_is_refused(year):
    cluster = f.ClusterFactory()
    refused_by_database(lambda: ClusterYear.objects.create(cluster=cluster, year=year))


def test_unit_only_once_per_cluster_year():
    membership = f.MembershipFactory()
    refused_by_database(
        lambda: Membership.objects.create(
            cluster_year=membership.cluster_year, unit=membership.unit, role="deputy"
        )
    )
    refused_by_validation(
        Membership(cluster_year=membership.cluster_year, unit=membership.unit),
        "Đơn vị này đã có trong cụm năm nay.",
    )


@pytest.mark.parametrize(
    ("role", "message"),
    [("leader", "một đơn vị cụm trưởng"), ("deputy", "một đơn vị cụm phó")],
)
def test_one_leader_and_one_deputy_per_cluster_year(role, message):
    first = f.MembershipFactory(role=role)
    second_unit = f.UnitFactory()
    refused_by_database(
        lambda: Membership.objects.create(
            cluster_year=first.cluster_year, unit=second_unit, role=role
        )
    )
    refused_by_validation(
        Membership(cluster_year=first.cluster_year, unit=second_unit, role=role), message
    )


def test_leader_deputy_and_many_members_share_a_cluster_year():
    year = f.ClusterYearFactory()
    for role in ["leader", "deputy", "member", "member"]:
        Membership.objects.create(cluster_year=year, unit=f.UnitFactory(), role=role)
    assert year.memberships.count() == 4


def test_leaders_of_two_years_do_not_clash():
    leader = f.MembershipFactory(role="leader")
    next_year = ClusterYear.objects.create(cluster=leader.cluster_year.cluster, year=2021)
    Membership.objects.create(cluster_year=next_year, unit=leader.unit, role="leader")


# --- Movements, ranks, positions ---------------------------------------------------------


def test_movement_has_one_slogan_per_year():
    movement = Movement.objects.create(name="Vì an ninh Tổ quốc")
    MovementYear.objects.create(movement=movement, year=2020, slogan="Chủ động")
    refused_by_database(
        lambda: MovementYear.objects.create(movement=movement, year=2020, slogan="Khác")
    )


def test_rank_order_is_unique():
    refused_by_database(
        lambda: Rank.objects.create(name="Đại tá mới", order=13, tier=Rank.Tier.FIELD)
    )


def test_official_has_one_rank_per_day():
    assignment = f.RankAssignmentFactory()
    refused_by_database(
        lambda: RankAssignment.objects.create(
            official=assignment.official, rank=f.rank("Thiếu tướng"), since=assignment.since
        )
    )


@pytest.mark.parametrize("end", [D(2018, 8, 1), D(2018, 7, 31)])
def test_position_must_end_after_it_starts(end):
    position = f.PositionFactory.build(start=D(2018, 8, 1), end=end)
    position.official.save()
    position.unit.save()
    position.official_id, position.unit_id = position.official.pk, position.unit.pk
    refused_by_database(lambda: Position.objects.create(**_fields(position)))
    refused_by_validation(position, "Ngày thôi giữ chức vụ phải sau ngày bắt đầu.")


def _fields(position):
    return {
        "official": position.official,
        "title": position.title,
        "unit": position.unit,
        "start": position.start,
        "end": position.end,
    }


def test_same_position_twice_from_the_same_day_is_refused():
    position = f.PositionFactory()
    refused_by_database(lambda: Position.objects.create(**_fields(position)))


# --- Events and awards ---------------------------------------------------------------


@pytest.mark.parametrize("who", ["both", "neither"])
def test_participant_is_an_official_or_a_unit(who):
    event = f.EventFactory()
    official = f.OfficialFactory() if who == "both" else None
    unit = f.UnitFactory() if who == "both" else None
    refused_by_database(
        lambda: Participant.objects.create(event=event, official=official, unit=unit)
    )
    refused_by_validation(
        Participant(event=event, official=official, unit=unit), "đúng một trong hai"
    )


def test_event_year_outside_range_is_refused():
    cluster = f.ClusterFactory()
    refused_by_database(
        lambda: Event.objects.create(kind="other", cluster=cluster, year=3000, date=D(2020, 1, 1))
    )


@pytest.mark.parametrize("who", ["both", "neither"])
def test_award_goes_to_a_unit_or_a_person(who):
    official = f.OfficialFactory() if who == "both" else None
    unit = f.UnitFactory() if who == "both" else None
    make = {"kind": "ministry_flag", "year": 2020, "unit": unit, "official": official}
    refused_by_database(lambda: Award.objects.create(**make))
    refused_by_validation(Award(**make), "Khen thưởng cho một đơn vị hoặc một cán bộ")


def test_award_to_a_person_alone_is_accepted():
    Award.objects.create(kind="minister_merit", year=2020, official=f.OfficialFactory())


@pytest.mark.parametrize(
    ("number", "day"), [("", D(2021, 2, 1)), ("123/QĐ-BCA", None)], ids=["no-number", "no-date"]
)
def test_conferred_award_needs_its_decision(number, day):
    make = {
        "kind": "ministry_flag",
        "year": 2020,
        "unit": f.UnitFactory(),
        "status": "conferred",
        "decision_number": number,
        "decision_date": day,
    }
    refused_by_database(lambda: Award.objects.create(**make))
    refused_by_validation(Award(**make), "Đã trao tặng thì phải có số và ngày quyết định.")


def test_other_award_needs_a_title():
    make = {"kind": "other", "year": 2020, "unit": f.UnitFactory()}
    refused_by_database(lambda: Award.objects.create(**make))
    Award.objects.create(**make, title="Giấy khen của Giám đốc")
