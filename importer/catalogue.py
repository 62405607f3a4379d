"""The records as they stood on an article's date, loaded once per import.

``Catalogue.load(day)`` makes a fixed number of queries (``QUERIES``), whatever the
number of units, officials or clusters, and builds the phrase indexes the matcher reads.
Only the columns the matcher needs are read (``values()``), so no model instances and
no lazy relation can add a query later.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from clusters.models import (
    Cluster,
    Disclosure,
    Event,
    Membership,
    Movement,
    Official,
    Position,
    PositionTitle,
    Rank,
    RankAssignment,
    Succession,
    Unit,
    UnitAlias,
)
from newsroom import text

from .matching import PhraseIndex

QUERIES = 12
# Events reported on up to a year after they happened, or announced a month before.
EVENT_WINDOW_BEFORE = datetime.timedelta(days=400)
EVENT_WINDOW_AFTER = datetime.timedelta(days=31)

_PROVINCIAL_PREFIXES = ("Công an tỉnh ", "Công an thành phố ")


@dataclass
class UnitRecord:
    id: int
    name: str
    short_name: str
    kind: str
    locality: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    successors: list[int] = field(default_factory=list)

    def is_valid_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)

    @property
    def period_text(self) -> str:
        if self.valid_to is None:
            return f"từ {self.valid_from:%d/%m/%Y}"
        return f"từ {self.valid_from:%d/%m/%Y} đến {self.valid_to:%d/%m/%Y}"


@dataclass
class PositionRecord:
    title: str
    abbreviation: str
    unit_id: int
    is_acting: bool

    @property
    def text(self) -> str:
        return f"{'Quyền ' if self.is_acting else ''}{self.title}"


@dataclass
class OfficialRecord:
    id: int
    full_name: str
    disclosure: str
    initials: str
    rank: str = ""
    positions: list[PositionRecord] = field(default_factory=list)

    @property
    def is_withheld(self) -> bool:
        return not Disclosure(self.disclosure).shows_page

    @property
    def label(self) -> str:
        """What a reporter is shown: never the name of a withheld person."""
        return Disclosure(self.disclosure).public_name(self.full_name, self.initials)


@dataclass
class ClusterRecord:
    id: int
    number: int
    name: str
    block_id: int
    block_name: str
    block_short_name: str

    @property
    def label(self) -> str:
        return f"{self.name} ({self.block_name})"


@dataclass
class EventRecord:
    id: int
    kind: str
    title: str
    cluster_id: int
    year: int
    date: datetime.date


@dataclass
class Catalogue:
    day: datetime.date
    units: dict[int, UnitRecord] = field(default_factory=dict)
    officials: dict[int, OfficialRecord] = field(default_factory=dict)
    clusters: dict[int, ClusterRecord] = field(default_factory=dict)
    events: list[EventRecord] = field(default_factory=list)
    movements: dict[int, str] = field(default_factory=dict)
    # (cluster id) -> unit ids that were members in the article's year
    members: dict[int, set[int]] = field(default_factory=dict)
    unit_names: PhraseIndex = field(default_factory=PhraseIndex)
    localities: PhraseIndex = field(default_factory=PhraseIndex)
    official_names: PhraseIndex = field(default_factory=PhraseIndex)
    ranks: PhraseIndex = field(default_factory=PhraseIndex)
    titles: PhraseIndex = field(default_factory=PhraseIndex)
    movement_names: PhraseIndex = field(default_factory=PhraseIndex)

    @classmethod
    def load(cls, day: datetime.date) -> "Catalogue":
        catalogue = cls(day=day)
        catalogue._load_units()
        catalogue._load_officials()
        catalogue._load_clusters()
        for movement in Movement.objects.values("id", "name"):
            catalogue.movements[movement["id"]] = movement["name"]
            catalogue.movement_names.add(movement["name"], movement["id"])
        return catalogue

    def _load_units(self):
        for row in Unit.objects.values(
            "id", "name", "short_name", "kind", "locality", "valid_from", "valid_to"
        ):
            unit = UnitRecord(**row)
            self.units[unit.id] = unit
            for name in unit_variants(unit):
                self.unit_names.add(name, unit.id)
            if unit.kind == Unit.Kind.PROVINCIAL:
                for place in _localities(unit):
                    self.localities.add(place, unit.id)
        for alias in UnitAlias.objects.values("unit_id", "name"):
            self.unit_names.add(alias["name"], alias["unit_id"])
        for link in Succession.objects.filter(successor__isnull=False).values(
            "predecessor_id", "successor_id"
        ):
            self.units[link["predecessor_id"]].successors.append(link["successor_id"])

    def _load_officials(self):
        day = self.day
        for row in Official.objects.values(
            "id", "full_name", "disclosure", "family_name", "middle_name", "given_name"
        ):
            words = " ".join([row["family_name"], row["middle_name"], row["given_name"]]).split()
            official = OfficialRecord(
                id=row["id"],
                full_name=row["full_name"],
                disclosure=row["disclosure"],
                initials="".join(f"{word[0].upper()}." for word in words),
            )
            self.officials[official.id] = official
            self.official_names.add(official.full_name, official.id)
        ranks = (
            RankAssignment.objects.filter(since__lte=day)
            .order_by("official_id", "since")
            .values_list("official_id", "rank__name")
        )
        for official_id, rank in ranks:
            # Ordered by date: the last one seen is the rank held on the day.
            self.officials[official_id].rank = rank
        positions = (
            Position.objects.filter(start__lte=day)
            .filter(Q(end__isnull=True) | Q(end__gt=day))
            .order_by("title__order", "-start")
            .values_list(
                "official_id", "title__name", "title__abbreviation", "unit_id", "is_acting"
            )
        )
        for official_id, title, abbreviation, unit_id, acting in positions:
            self.officials[official_id].positions.append(
                PositionRecord(title, abbreviation, unit_id, acting)
            )
        for name in Rank.objects.values_list("name", flat=True):
            self.ranks.add(name, name)
            if "sĩ" in name:
                self.ranks.add(name.replace("sĩ", "sỹ"), name)
        for name, abbreviation in PositionTitle.objects.values_list("name", "abbreviation"):
            self.titles.add(name, name)
            if abbreviation and abbreviation.isupper():
                self.titles.add(abbreviation, name)

    def _load_clusters(self):
        for row in Cluster.objects.values(
            "id", "number", "name", "block_id", "block__name", "block__short_name"
        ):
            self.clusters[row["id"]] = ClusterRecord(
                id=row["id"],
                number=row["number"],
                name=row["name"],
                block_id=row["block_id"],
                block_name=row["block__name"],
                block_short_name=row["block__short_name"],
            )
        members = Membership.objects.filter(cluster_year__year=self.day.year).values_list(
            "cluster_year__cluster_id", "unit_id"
        )
        for cluster_id, unit_id in members:
            self.members.setdefault(cluster_id, set()).add(unit_id)
        events = Event.objects.filter(
            date__gte=self.day - EVENT_WINDOW_BEFORE, date__lte=self.day + EVENT_WINDOW_AFTER
        ).values("id", "kind", "title", "cluster_id", "year", "date")
        self.events = [EventRecord(**row) for row in events]

    def unit_label(self, unit_id: int) -> str:
        unit = self.units[unit_id]
        return f"{unit.name} ({unit.period_text})"


def _locality(unit: UnitRecord) -> str:
    for prefix in _PROVINCIAL_PREFIXES:
        if unit.name.startswith(prefix):
            return unit.name[len(prefix) :]
    return unit.locality


def _localities(unit: UnitRecord) -> set[str]:
    return {place for place in (_locality(unit), unit.locality) if place}


def unit_variants(unit: UnitRecord) -> set[str]:
    """The ways articles write a unit's name: official, short, and for provincial police
    "Công an Nghệ An", "CA tỉnh Nghệ An", "Công an TP Huế"…"""
    names = {unit.name, unit.short_name} - {""}
    if unit.kind == Unit.Kind.PROVINCIAL:
        city = unit.name.startswith("Công an thành phố ")
        for place in _localities(unit):
            names |= {f"Công an {place}", f"CA {place}"}
            if city:
                names |= {f"Công an TP {place}", f"CA TP {place}", f"CA thành phố {place}"}
            else:
                names |= {f"CA tỉnh {place}", f"Công an tỉnh {place}"}
    return names


def fold_key(value: str) -> str:
    return text.fold(value)
