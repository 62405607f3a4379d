"""Record endpoints: clusters by year with their leader and deputy, units with their history,
officials' ranks and positions, events, movements, awards, sections."""

import datetime as dt

import pytest

from clusters.models import ClusterYear, Membership, Movement, MovementYear, Succession, UnitAlias
from tests.api.conftest import collect
from tests.articles.factories import SectionFactory
from tests.clusters import factories as records

pytestmark = pytest.mark.django_db


def test_a_cluster_lists_each_year_with_leader_deputy_and_members(api, db):
    cluster = records.ClusterFactory(number=5)
    nghe_an = records.UnitFactory(name="Công an tỉnh Nghệ An")
    thanh_hoa = records.UnitFactory(name="Công an tỉnh Thanh Hoá")
    ha_tinh = records.UnitFactory(name="Công an tỉnh Hà Tĩnh")
    quang_binh = records.UnitFactory(name="Công an tỉnh Quảng Bình")
    year_2020 = ClusterYear.objects.create(cluster=cluster, year=2020, slogan="Đoàn kết")
    year_2021 = ClusterYear.objects.create(cluster=cluster, year=2021)
    for unit, role in [
        (quang_binh, "member"),
        (ha_tinh, "deputy"),
        (thanh_hoa, "member"),
        (nghe_an, "leader"),
    ]:
        Membership.objects.create(cluster_year=year_2020, unit=unit, role=role)
    Membership.objects.create(cluster_year=year_2021, unit=thanh_hoa, role="leader")

    found = api.json(f"/api/v1/clusters/{cluster.pk}/")
    assert found["name"] == "Cụm thi đua số 5"
    assert found["block"]["name"] == "Khối Công an các địa phương"
    assert found["url"] == f"http://127.0.0.1:8000/cum-thi-dua/{cluster.slug}/"
    assert [y["year"] for y in found["years"]] == [2021, 2020]
    latest, earlier = found["years"]
    assert latest["leader"]["name"] == "Công an tỉnh Thanh Hoá" and latest["deputy"] is None
    assert earlier["slogan"] == "Đoàn kết"
    assert earlier["leader"]["name"] == "Công an tỉnh Nghệ An"
    assert earlier["deputy"]["name"] == "Công an tỉnh Hà Tĩnh"
    assert [(m["unit"]["name"], m["role_label"]) for m in earlier["members"]] == [
        ("Công an tỉnh Nghệ An", "Cụm trưởng"),
        ("Công an tỉnh Hà Tĩnh", "Cụm phó"),
        ("Công an tỉnh Quảng Bình", "Thành viên"),  # Vietnamese order: Q before T
        ("Công an tỉnh Thanh Hoá", "Thành viên"),
    ]


def test_a_unit_carries_validity_aliases_and_successions(api, db):
    hue_province = records.UnitFactory(
        name="Công an tỉnh Thừa Thiên Huế", valid_to=dt.date(2025, 1, 1)
    )
    hue_city = records.UnitFactory(name="Công an thành phố Huế", valid_from=dt.date(2025, 1, 1))
    UnitAlias.objects.create(unit=hue_province, name="CA Thừa Thiên Huế")
    Succession.objects.create(
        predecessor=hue_province,
        successor=hue_city,
        kind="upgrade",
        effective_date=dt.date(2025, 1, 1),
        legal_basis="Nghị quyết số 1314/NQ-UBTVQH15",
    )
    old = api.json(f"/api/v1/units/{hue_province.pk}/")
    assert (old["valid_from"], old["valid_to"]) == ("1991-09-01", "2025-01-01")
    assert old["aliases"] == ["CA Thừa Thiên Huế"]
    assert old["predecessors"] == []
    [successor] = old["successors"]
    assert successor["unit"]["name"] == "Công an thành phố Huế"
    assert (successor["kind"], successor["kind_label"]) == ("upgrade", "Nâng cấp")
    assert successor["legal_basis"] == "Nghị quyết số 1314/NQ-UBTVQH15"
    new = api.json(f"/api/v1/units/{hue_city.pk}/")
    assert new["valid_to"] is None
    assert [p["unit"]["id"] for p in new["predecessors"]] == [hue_province.pk]
    names = [unit["name"] for unit in collect(api, "/api/v1/units/")]
    assert names == ["Công an thành phố Huế", "Công an tỉnh Thừa Thiên Huế"]


def test_an_official_carries_ranks_and_positions(api, db):
    official = records.OfficialFactory(full_name="Hồ Văn Tứ")
    records.RankAssignmentFactory(official=official, since=dt.date(2018, 9, 1))
    records.PositionFactory(
        official=official, unit__name="Công an tỉnh Nghệ An", start=dt.date(2018, 8, 1)
    )
    found = api.json(f"/api/v1/officials/{official.pk}/")
    assert found["name"] == "Hồ Văn Tứ"
    assert found["ranks"] == [{"rank": "Đại tá", "since": "2018-09-01"}]
    [position] = found["positions"]
    assert position["title"] == "Phó Giám đốc"
    assert position["unit"]["name"] == "Công an tỉnh Nghệ An"
    assert (position["start"], position["end"]) == ("2018-08-01", None)


def test_events_movements_and_sections(api, db):
    event = records.EventFactory(venue="Hà Tĩnh")
    records.ParticipantFactory(event=event, official=None, unit=records.UnitFactory(), role="chair")
    found = api.json(f"/api/v1/events/{event.pk}/")
    assert found["title"] == "Hội nghị sơ kết 6 tháng đầu năm 2020"
    assert found["kind_label"] == "Sơ kết 6 tháng"
    assert found["participants"][0]["role_label"] == "Chủ trì"
    assert "text_as_written" not in found["participants"][0]

    movement = Movement.objects.create(name="Vì an ninh Tổ quốc")
    MovementYear.objects.create(movement=movement, year=2020, slogan="Chủ động, nêu gương")
    MovementYear.objects.create(movement=movement, year=2021, slogan="Kỷ cương, trách nhiệm")
    [listed] = collect(api, "/api/v1/movements/")
    assert [y["year"] for y in listed["years"]] == [2021, 2020]

    parent = SectionFactory(name="Tin tức – Sự kiện", position=0)
    SectionFactory(name="An ninh trật tự", position=1, parent=parent)
    sections = collect(api, "/api/v1/sections/")
    assert [(s["name"], s["parent"]) for s in sections] == [
        ("Tin tức – Sự kiện", None),
        ("An ninh trật tự", parent.pk),
    ]
