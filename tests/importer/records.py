"""The records the corpus articles are checked against: the demo records (Cụm thi đua số 5,
its neighbours, the 2025 successions, the officials of the sample article) plus a few made
with factories, each reachable by the key the corpus files use."""

import datetime
from dataclasses import dataclass

from clusters import demo
from clusters.models import Cluster, Event, Movement, Official, Unit
from tests.clusters.factories import PositionFactory, RankAssignmentFactory, rank, title

SECOND_MINH = "Nguyễn Văn Minh (Hà Tĩnh)"


@dataclass
class Records:
    units: dict
    officials: dict
    clusters: dict
    events: dict
    movements: dict

    def key_of(self, kind, record_id):
        table = {
            "unit": self.units,
            "official": self.officials,
            "cluster": self.clusters,
            "event": self.events,
            "movement": self.movements,
        }[kind]
        return next((key for key, pk in table.items() if pk == record_id), f"#{record_id}")


def build():
    demo.seed(lambda *args: None)
    units = {
        key: Unit.objects.get(name=spec[0], valid_from=spec[4]).pk
        for key, spec in demo.UNITS.items()
    }
    officials = {official.full_name: official.pk for official in Official.objects.all()}
    # A namesake in another province: the position written beside the name tells them apart.
    namesake = Official.objects.create(full_name="Nguyễn Văn Minh")
    RankAssignmentFactory(
        official=namesake, rank=rank("Thượng tá"), since=datetime.date(2019, 1, 1)
    )
    PositionFactory(
        official=namesake,
        title=title("Trưởng phòng"),
        unit=Unit.objects.get(pk=units["ha_tinh"]),
        start=datetime.date(2019, 1, 1),
    )
    officials[SECOND_MINH] = namesake.pk
    blocks = {demo.BLOCKS[key][0]: key for key in demo.BLOCKS}
    clusters = {
        f"{blocks[cluster.block.name]}:{cluster.number}": cluster.pk
        for cluster in Cluster.objects.select_related("block")
    }
    events = {
        f"{blocks[event.cluster.block.name]}:{event.cluster.number}:{event.kind}:{event.year}": (
            event.pk
        )
        for event in Event.objects.select_related("cluster__block")
    }
    movements = {movement.name: movement.pk for movement in Movement.objects.all()}
    return Records(units, officials, clusters, events, movements)
