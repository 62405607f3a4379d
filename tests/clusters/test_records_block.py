"""The front page's records block: clusters, their leader unit, their latest event."""

import datetime as dt

import pytest
import time_machine

from clusters.models import Event, Membership
from clusters.templatetags.records import clusters_with_leader_and_event
from tests.articles.factories import ArticleFactory
from tests.clusters.factories import (
    ClusterFactory,
    ClusterYearFactory,
    EventFactory,
    MembershipFactory,
    UnitFactory,
)
from tests.queries import count_queries

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 27)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2026, 11, 27, 3, 0, tzinfo=dt.UTC), tick=False):
        yield


def cluster_led_by(leader_name, years=(2025, 2026), number=None):
    cluster = ClusterFactory(**({"number": number} if number else {}))
    for year in years:
        MembershipFactory(
            cluster_year=ClusterYearFactory(cluster=cluster, year=year),
            unit=UnitFactory(name=f"{leader_name} {year}"),
            role=Membership.Role.LEADER,
        )
    return cluster


def test_each_cluster_shows_this_years_leader_and_latest_past_event():
    cluster = cluster_led_by("Công an tỉnh Nghệ An", years=(2025, 2026, 2027))
    EventFactory(cluster=cluster, year=2026, date=dt.date(2026, 7, 10), kind=Event.Kind.MIDYEAR)
    EventFactory(cluster=cluster, year=2026, date=dt.date(2026, 2, 20), kind=Event.Kind.COVENANT)
    EventFactory(cluster=cluster, year=2026, date=dt.date(2026, 12, 20), kind=Event.Kind.YEAREND)
    [(shown, leader, event)] = clusters_with_leader_and_event(TODAY)
    assert shown == cluster
    assert leader.name == "Công an tỉnh Nghệ An 2026"
    assert event.name == "Hội nghị sơ kết 6 tháng đầu năm 2026"
    assert event.url.startswith(f"{cluster.get_absolute_url()}?nam=2026#su-kien-")


def test_a_cluster_without_this_years_record_shows_its_latest_leader_with_the_year(client):
    cluster_led_by("Công an tỉnh Hà Tĩnh", years=(2024,))
    ArticleFactory(published=True)
    html = client.get("/").content.decode()
    block = html[html.index('class="home-records"') :]
    assert "Cụm trưởng năm 2024" in block
    assert "Công an tỉnh Hà Tĩnh 2024" in block


def test_the_block_costs_one_query_however_many_clusters():
    cluster_led_by("Công an tỉnh Mẫu")
    one = count_queries(lambda: clusters_with_leader_and_event(TODAY))
    for number in range(4):
        cluster = cluster_led_by(f"Công an tỉnh Thêm {number}")
        EventFactory(cluster=cluster, year=2026, date=dt.date(2026, 3, 1))
    assert count_queries(lambda: clusters_with_leader_and_event(TODAY)) == one == 1


def test_home_links_the_records(client):
    cluster = cluster_led_by("Công an tỉnh Quảng Trị")
    ArticleFactory(published=True)
    html = client.get("/").content.decode()
    block = html[html.index('class="home-records"') :]
    assert cluster.get_absolute_url() in block
    assert 'href="/cum-thi-dua/"' in block
