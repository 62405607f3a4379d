import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext

from clusters.models import Membership, Movement, MovementYear, Official, Succession
from tests.clusters import factories as f
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture(autouse=True)
def _late_2020():
    with time_machine.travel(datetime.datetime(2020, 11, 27, 10, 0, tzinfo=datetime.UTC)):
        yield


def shared_queries(rf, record):
    """Queries of the site shell and the related-news tag, which other apps own."""
    template = engines["django"].from_string(
        '{% extends "base.html" %}{% load discovery %}'
        "{% block content %}{% related_news record %}{% endblock %}"
    )
    with CaptureQueriesContext(connection) as queries:
        template.render({"record": record}, request=rf.get("/"))
    cache.clear()
    return len(queries)


def make_cluster_year(members, year=2020, cluster=None):
    cluster_year = f.ClusterYearFactory(year=year, **({"cluster": cluster} if cluster else {}))
    roles = ["leader", "deputy"] + ["member"] * (members - 2)
    for role in roles[:members]:
        f.MembershipFactory(cluster_year=cluster_year, role=role)
    return cluster_year


# --- /cum-thi-dua/ ------------------------------------------------------------------------


def test_cluster_list_shows_this_years_leader_and_deputy_by_block(client):
    cluster_year = make_cluster_year(3)
    make_cluster_year(3, year=2019, cluster=cluster_year.cluster)
    other_block = f.EmulationBlockFactory(name="Khối các đơn vị thuộc Bộ", position=2)
    f.ClusterFactory(block=other_block, number=5)
    response = client.get("/cum-thi-dua/")
    content = response.content.decode()
    assert "Khối Công an các địa phương" in content
    assert "Khối các đơn vị thuộc Bộ" in content
    assert (
        f'<a href="{cluster_year.leader.get_absolute_url()}">{cluster_year.leader}</a>' in content
    )
    assert str(cluster_year.deputy) in content
    assert "Chưa có hồ sơ năm 2020." in content


def test_cluster_list_falls_back_to_the_latest_earlier_year(client):
    make_cluster_year(2, year=2019)
    content = client.get("/cum-thi-dua/").content.decode()
    assert "Năm 2019 (năm gần nhất có hồ sơ)" in content


def test_cluster_list_ignores_future_years(client):
    future = make_cluster_year(2, year=2021)
    content = client.get("/cum-thi-dua/").content.decode()
    assert str(future.leader) not in content


@pytest.mark.parametrize("count", [1, 20])
def test_cluster_list_query_count_is_fixed(client, rf, django_assert_num_queries, count):
    for _ in range(count):
        make_cluster_year(3)
    with django_assert_num_queries(3 + shared_queries(rf, None)):
        assert client.get("/cum-thi-dua/").status_code == 200


# --- /cum-thi-dua/<slug>/ -------------------------------------------------------------------


@pytest.fixture
def cluster_5():
    cluster = f.ClusterFactory(number=5)
    for year, leader in [(2020, "Công an tỉnh Thanh Hóa"), (2021, "Công an tỉnh Nghệ An")]:
        cluster_year = f.ClusterYearFactory(cluster=cluster, year=year)
        f.MembershipFactory(cluster_year=cluster_year, role="leader", unit__name=leader)
    movement = Movement.objects.create(name="Vì an ninh Tổ quốc")
    MovementYear.objects.create(
        movement=movement, year=2020, slogan="Chủ động, nêu gương, kỷ cương, trách nhiệm, hiệu quả"
    )
    return cluster


def test_cluster_page_shows_the_latest_year_up_to_now_by_default(client, cluster_5):
    content = client.get(cluster_5.get_absolute_url()).content.decode()
    assert "Đơn vị thành viên năm 2020" in content
    assert "Công an tỉnh Thanh Hóa" in content
    assert "Chủ động, nêu gương, kỷ cương, trách nhiệm, hiệu quả" in content


def test_cluster_page_year_switcher_shows_another_year(client, cluster_5):
    response = client.get(cluster_5.get_absolute_url(), {"nam": "2021"})
    content = response.content.decode()
    assert "Đơn vị thành viên năm 2021" in content
    assert "Công an tỉnh Nghệ An" in content
    assert "Công an tỉnh Thanh Hóa" not in content
    assert 'href="/cum-thi-dua/cum-thi-dua-so-5/?nam=2020"' in content
    assert '?nam=2021" aria-current="page"' in content


@pytest.mark.parametrize("asked", ["1999", "abc", ""])
def test_cluster_page_year_without_records_is_404(client, cluster_5, asked):
    assert client.get(cluster_5.get_absolute_url(), {"nam": asked}).status_code == 404


def test_cluster_page_lists_events_with_participants_as_of_the_event(client, cluster_5):
    event = f.EventFactory(cluster=cluster_5, venue="Thành phố Thanh Hóa")
    official = f.OfficialFactory(full_name="Hồ Văn Tứ")
    f.RankAssignmentFactory(official=official, rank=f.rank("Đại tá"), since=D(2018, 9, 1))
    f.PositionFactory(official=official, unit__name="Công an tỉnh Nghệ An")
    f.ParticipantFactory(event=event, official=official, role="report")
    content = client.get(cluster_5.get_absolute_url()).content.decode()
    assert f'id="{event.anchor}"' in content
    assert "Thứ Sáu, 17/07/2020" in content
    assert (
        'Đại tá <a href="/can-bo/ho-van-tu/">Hồ Văn Tứ</a>, Phó Giám đốc Công an tỉnh Nghệ An'
        in content
    )
    assert "trình bày báo cáo" in content


def test_withheld_participant_is_never_named(client, cluster_5):
    event = f.EventFactory(cluster=cluster_5)
    hidden = f.OfficialFactory(full_name="Phạm Quốc Bảo", disclosure="withheld")
    f.ParticipantFactory(event=event, official=hidden)
    content = client.get(cluster_5.get_absolute_url()).content.decode()
    assert "Phạm Quốc Bảo" not in content
    assert hidden.slug not in content


def test_initials_participant_is_shown_by_initials(client, cluster_5):
    event = f.EventFactory(cluster=cluster_5)
    f.ParticipantFactory(
        event=event, official__full_name="Lê Đức Anh", official__disclosure="initials"
    )
    content = client.get(cluster_5.get_absolute_url()).content.decode()
    assert "L.Đ.A." in content
    assert "Lê Đức Anh" not in content


@pytest.mark.parametrize("count", [1, 20])
def test_cluster_page_query_count_is_fixed(client, rf, django_assert_num_queries, count):
    cluster_year = make_cluster_year(count)
    event = f.EventFactory(cluster=cluster_year.cluster)
    for _ in range(count):
        participant = f.ParticipantFactory(event=event, official__full_name="Nguyễn Văn An")
        f.RankAssignmentFactory(official=participant.official)
        f.PositionFactory(official=participant.official)
    cluster = cluster_year.cluster
    with django_assert_num_queries(9 + shared_queries(rf, cluster)):
        assert client.get(cluster.get_absolute_url()).status_code == 200


# --- /don-vi/<slug>/ --------------------------------------------------------------------------


@pytest.fixture
def quang_binh():
    unit = f.UnitFactory(
        name="Công an tỉnh Quảng Bình", valid_from=D(1989, 7, 1), valid_to=D(2025, 7, 1)
    )
    new = f.UnitFactory(name="Công an tỉnh Quảng Trị", valid_from=D(2025, 7, 1))
    Succession.objects.create(
        predecessor=unit,
        successor=new,
        kind="merge",
        effective_date=D(2025, 7, 1),
        legal_basis="Nghị quyết số 202/2025/QH15",
    )
    return unit


def test_unit_page_links_to_its_successor(client, quang_binh):
    content = client.get(quang_binh.get_absolute_url()).content.decode()
    assert (
        'hợp nhất, sáp nhập thành <a href="/don-vi/cong-an-tinh-quang-tri/" rel="next">' in content
    )
    assert "Nghị quyết số 202/2025/QH15" in content


def test_successor_page_links_back_to_its_predecessor(client, quang_binh):
    successor = quang_binh.successor_links.get().successor
    content = client.get(successor.get_absolute_url()).content.decode()
    assert f'<a href="{quang_binh.get_absolute_url()}" rel="prev">' in content


def test_unit_page_shows_cluster_memberships_by_year(client, quang_binh):
    membership = f.MembershipFactory(unit=quang_binh, role="deputy", cluster_year__year=2020)
    content = client.get(quang_binh.get_absolute_url()).content.decode()
    assert f'href="{membership.cluster_year.get_absolute_url()}"' in content
    assert "Cụm phó" in content


def test_unit_page_lists_officials_by_title_then_given_name(client, quang_binh):
    for name in ["Trần Văn Vũ", "Bùi Quang Thanh", "Nguyễn Thị An"]:
        f.PositionFactory(unit=quang_binh, official__full_name=name, start=D(2017, 1, 1))
    content = client.get(quang_binh.get_absolute_url()).content.decode()
    positions = [
        content.index(name) for name in ["Nguyễn Thị An", "Bùi Quang Thanh", "Trần Văn Vũ"]
    ]
    assert positions == sorted(positions)


def test_unit_page_hides_withheld_officials_and_abbreviates_initials(client, quang_binh):
    f.PositionFactory(
        unit=quang_binh, official__full_name="Phạm Quốc Bảo", official__disclosure="withheld"
    )
    f.PositionFactory(
        unit=quang_binh, official__full_name="Lê Đức Anh", official__disclosure="initials"
    )
    content = client.get(quang_binh.get_absolute_url()).content.decode()
    assert "Phạm Quốc Bảo" not in content
    assert "Lê Đức Anh" not in content
    assert "L.Đ.A." in content


def test_unit_page_shows_conferred_awards_only(client, quang_binh):
    f.AwardFactory(
        unit=quang_binh, status="conferred", decision_number="1/QĐ", decision_date=D(2021, 1, 1)
    )
    f.AwardFactory(unit=quang_binh, kind="government_flag", year=2021)
    content = client.get(quang_binh.get_absolute_url()).content.decode()
    assert "Cờ thi đua của Bộ Công an năm 2020" in content
    assert "Cờ thi đua của Chính phủ" not in content


def test_unknown_unit_is_404(client):
    assert client.get("/don-vi/khong-co/").status_code == 404


@pytest.mark.parametrize("count", [1, 20])
def test_unit_page_query_count_is_fixed(client, rf, django_assert_num_queries, count):
    unit = f.UnitFactory()
    for index in range(count):
        f.MembershipFactory(unit=unit, cluster_year__year=2000 + index)
        position = f.PositionFactory(unit=unit, official__full_name="Nguyễn Văn An")
        f.RankAssignmentFactory(official=position.official)
        f.UnitFactory(parent=unit)
        f.AwardFactory(
            unit=unit, status="conferred", decision_number="1", decision_date=D(2021, 1, 1)
        )
    with django_assert_num_queries(9 + shared_queries(rf, unit)):
        assert client.get(unit.get_absolute_url()).status_code == 200


# --- /can-bo/<slug>/ -------------------------------------------------------------------------


@pytest.fixture
def ho_van_tu():
    official = f.OfficialFactory(full_name="Hồ Văn Tứ", portrait=PhotoFactory())
    f.RankAssignmentFactory(official=official, rank=f.rank("Thượng tá"), since=D(2014, 9, 1))
    f.RankAssignmentFactory(official=official, rank=f.rank("Đại tá"), since=D(2018, 9, 1))
    f.PositionFactory(official=official, unit__name="Công an tỉnh Nghệ An", start=D(2018, 8, 1))
    return official


def test_official_page_shows_rank_and_position_history(client, ho_van_tu):
    content = client.get(ho_van_tu.get_absolute_url()).content.decode()
    assert "<h1>Hồ Văn Tứ</h1>" in content
    assert "<dd>Đại tá</dd>" in content
    assert "01/09/2014" in content
    assert "Thượng tá" in content
    assert "Phó Giám đốc" in content
    assert 'alt="Ảnh chân dung Hồ Văn Tứ"' in content


def test_rank_shown_is_todays(client, ho_van_tu):
    with time_machine.travel(datetime.datetime(2018, 8, 31, 12, tzinfo=datetime.UTC)):
        content = client.get(ho_van_tu.get_absolute_url()).content.decode()
    assert "<dd>Thượng tá</dd>" in content


def test_initials_official_page_never_shows_the_name_or_photo(client, ho_van_tu):
    ho_van_tu.disclosure = Official.Disclosure.INITIALS
    ho_van_tu.save()
    response = client.get("/can-bo/h-v-t/")
    content = response.content.decode()
    assert "<h1>H.V.T.</h1>" in content
    assert "Hồ Văn Tứ" not in content
    assert "<img" not in content.split("<main", 1)[1]


def test_withheld_official_has_no_page(client, ho_van_tu):
    slug = ho_van_tu.slug
    ho_van_tu.disclosure = Official.Disclosure.WITHHELD
    ho_van_tu.save()
    assert client.get(f"/can-bo/{slug}/").status_code == 404
    assert client.get(f"/can-bo/{ho_van_tu.slug}/").status_code == 404


def test_official_page_lists_events_with_links_to_the_cluster_year(client, ho_van_tu):
    participant = f.ParticipantFactory(official=ho_van_tu, role="report")
    content = client.get(ho_van_tu.get_absolute_url()).content.decode()
    assert participant.event.get_absolute_url() in content
    assert "trình bày báo cáo" in content


@pytest.mark.parametrize("count", [1, 20])
def test_official_page_query_count_is_fixed(client, rf, django_assert_num_queries, count):
    official = f.OfficialFactory(full_name="Nguyễn Văn An")
    for index in range(count):
        f.RankAssignmentFactory(official=official, since=D(2000 + index, 1, 1))
        f.PositionFactory(official=official, start=D(2000 + index, 1, 1))
        f.ParticipantFactory(official=official)
        f.AwardFactory(
            unit=None,
            official=official,
            status="conferred",
            decision_number="1",
            decision_date=D(2021, 1, 1),
        )
    with django_assert_num_queries(5 + shared_queries(rf, official)):
        assert client.get(official.get_absolute_url()).status_code == 200


def test_membership_role_label_is_vietnamese():
    assert Membership.Role.LEADER.label == "Cụm trưởng"
