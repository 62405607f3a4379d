import datetime

import factory

from clusters.models import (
    Award,
    Cluster,
    ClusterYear,
    EmulationBlock,
    Event,
    Membership,
    Official,
    Participant,
    Position,
    PositionTitle,
    Rank,
    RankAssignment,
    Succession,
    Unit,
)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Công an tỉnh Mẫu {n}")
    kind = Unit.Kind.PROVINCIAL
    valid_from = datetime.date(1991, 9, 1)


class EmulationBlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmulationBlock
        django_get_or_create = ["name"]

    name = "Khối Công an các địa phương"
    short_name = "Công an địa phương"


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    block = factory.SubFactory(EmulationBlockFactory)
    # Far from the small numbers tests ask for by name ("số 5"), so a sequence never meets them.
    number = factory.Sequence(lambda n: n + 101)


class ClusterYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClusterYear

    cluster = factory.SubFactory(ClusterFactory)
    year = 2020


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    cluster_year = factory.SubFactory(ClusterYearFactory)
    unit = factory.SubFactory(UnitFactory)
    role = Membership.Role.MEMBER


class SuccessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Succession

    predecessor = factory.SubFactory(UnitFactory, valid_to=datetime.date(2025, 1, 1))
    successor = factory.SubFactory(UnitFactory, valid_from=datetime.date(2025, 1, 1))
    kind = Succession.Kind.UPGRADE
    effective_date = datetime.date(2025, 1, 1)


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Official

    full_name = factory.Iterator(["Hồ Văn Tứ", "Dương Văn Tiến", "Bùi Quang Thanh"])


def rank(name):
    return Rank.objects.named(name)


def title(name):
    return PositionTitle.objects.get(name=name)


class RankAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RankAssignment

    official = factory.SubFactory(OfficialFactory)
    rank = factory.LazyFunction(lambda: rank("Đại tá"))
    since = datetime.date(2018, 9, 1)


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    official = factory.SubFactory(OfficialFactory)
    title = factory.LazyFunction(lambda: title("Phó Giám đốc"))
    unit = factory.SubFactory(UnitFactory)
    start = datetime.date(2018, 8, 1)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    kind = Event.Kind.MIDYEAR
    cluster = factory.SubFactory(ClusterFactory)
    year = 2020
    date = datetime.date(2020, 7, 17)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    event = factory.SubFactory(EventFactory)
    official = factory.SubFactory(OfficialFactory)
    role = Participant.Role.SPEAK


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award

    kind = Award.Kind.MINISTRY_FLAG
    year = 2020
    unit = factory.SubFactory(UnitFactory)
    status = Award.Status.PROPOSED
