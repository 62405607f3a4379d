"""Emulation records: units, clusters and their yearly members, officials, events, awards.

Records are history. Every row that can change carries its dates, and the
questions "what was true on this day / in this year" are answered here, so a
2020 article keeps showing 2020's names after a reorganisation.
"""

from .awards import Award
from .common import MAX_YEAR, MIN_YEAR
from .emulation import (
    ROLE_ORDER,
    Cluster,
    ClusterQuerySet,
    ClusterYear,
    EmulationBlock,
    Membership,
    MembershipQuerySet,
    Movement,
    MovementYear,
    sorted_memberships,
    unit_absent_message,
)
from .events import Event, Participant
from .people import (
    WITHHELD_NAME,
    Disclosure,
    Official,
    OfficialQuerySet,
    Position,
    PositionTitle,
    Rank,
    RankAssignment,
    RankQuerySet,
    rank_key,
    shown_in_public,
)
from .units import Succession, Unit, UnitAlias, UnitQuerySet

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "ROLE_ORDER",
    "WITHHELD_NAME",
    "Award",
    "Cluster",
    "ClusterQuerySet",
    "ClusterYear",
    "Disclosure",
    "EmulationBlock",
    "Event",
    "Membership",
    "MembershipQuerySet",
    "Movement",
    "MovementYear",
    "Official",
    "OfficialQuerySet",
    "Participant",
    "Position",
    "PositionTitle",
    "Rank",
    "RankAssignment",
    "RankQuerySet",
    "Succession",
    "Unit",
    "UnitAlias",
    "UnitQuerySet",
    "rank_key",
    "shown_in_public",
    "sorted_memberships",
    "unit_absent_message",
]
