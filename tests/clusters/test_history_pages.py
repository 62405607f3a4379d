"""Record pages read as history: a unit that is gone says so, an official's timeline."""

import datetime

import pytest
import time_machine

from clusters.models import Succession
from tests.clusters import factories as f
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture(autouse=True)
def _late_2026():
    with time_machine.travel(datetime.datetime(2026, 11, 27, 3, 0, tzinfo=datetime.UTC)):
        yield


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


def page(client, record):
    response = client.get(record.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main") :]


def test_a_merged_unit_says_so_first_with_its_successor_and_date(client, quang_binh):
    html = page(client, quang_binh)
    notice = html[html.index('class="records-ended"') :]
    notice = notice[: notice.index("</div>")]
    assert html.index('class="records-ended"') < html.index("Qua các thời kỳ")
    assert "Đơn vị không còn tồn tại từ ngày 01/07/2025" in notice
    assert "hợp nhất, sáp nhập thành" in notice
    assert 'href="/don-vi/cong-an-tinh-quang-tri/"' in notice
    assert "Nghị quyết số 202/2025/QH15" in notice


def test_a_dissolved_unit_says_so(client):
    unit = f.UnitFactory(name="Phòng Mẫu", valid_to=D(2025, 3, 1))
    Succession.objects.create(
        predecessor=unit, successor=None, kind="dissolve", effective_date=D(2025, 3, 1)
    )
    notice = page(client, unit)
    assert "Đơn vị không còn tồn tại từ ngày 01/03/2025" in notice
    assert "Phòng Mẫu giải thể" in notice


def test_a_gone_unit_shows_the_officials_it_had_with_their_rank_then(client, quang_binh):
    position = f.PositionFactory(
        unit=quang_binh, official__full_name="Bùi Quang Thanh", start=D(2019, 5, 1)
    )  # left open: the records were never closed
    f.RankAssignmentFactory(official=position.official, rank=f.rank("Đại tá"), since=D(2020, 1, 1))
    f.RankAssignmentFactory(
        official=position.official, rank=f.rank("Thiếu tướng"), since=D(2025, 9, 1)
    )
    html = page(client, quang_binh)
    assert "Chưa cập nhật cán bộ đang công tác" not in html
    assert "Lãnh đạo, cán bộ của đơn vị (đến 01/07/2025)" in html
    assert 'Đại tá <a href="/can-bo/bui-quang-thanh/">Bùi Quang Thanh</a>' in html
    assert "Thiếu tướng" not in html
    assert "từ 01/05/2019 đến 01/07/2025" in html


def test_a_unit_still_in_place_keeps_current_and_former_officials(client):
    unit = f.UnitFactory(name="Công an tỉnh Nghệ An")
    f.PositionFactory(unit=unit, official__full_name="Hồ Văn Tứ", start=D(2018, 8, 1))
    html = page(client, unit)
    assert 'class="records-ended"' not in html
    assert '<h2 id="can-bo">Lãnh đạo, cán bộ</h2>' in html
    assert "Hồ Văn Tứ" in html


@pytest.fixture
def ho_van_tu():
    official = f.OfficialFactory(full_name="Hồ Văn Tứ")
    for rank, since in [("Trung tá", D(2010, 9, 1)), ("Đại tá", D(2018, 9, 1))]:
        f.RankAssignmentFactory(official=official, rank=f.rank(rank), since=since)
    f.RankAssignmentFactory(official=official, rank=f.rank("Thượng tá"), since=D(2014, 9, 1))
    f.PositionFactory(
        official=official,
        unit__name="Công an huyện Mẫu",
        start=D(2012, 1, 1),
        end=D(2018, 8, 1),
        title=f.title("Phó Giám đốc"),
    )
    f.PositionFactory(official=official, unit__name="Công an tỉnh Nghệ An", start=D(2018, 8, 1))
    return official


def test_official_ranks_and_positions_read_newest_first_alike(client, ho_van_tu):
    html = page(client, ho_van_tu)
    ranks = [html.index(f"<td>{name}</td>") for name in ("Đại tá", "Thượng tá", "Trung tá")]
    assert ranks == sorted(ranks)
    positions = [
        html.index(name) for name in ("Công an tỉnh Nghệ An</a></td>", "Công an huyện Mẫu")
    ]
    assert positions == sorted(positions)


def test_official_portrait_is_shown_when_disclosed(client, ho_van_tu):
    # A portrait is a library photo (records); the page shows its renditions, named.
    ho_van_tu.portrait = PhotoFactory()
    ho_van_tu.save()
    html = page(client, ho_van_tu)
    assert 'alt="Ảnh chân dung Hồ Văn Tứ"' in html
    assert f'src="{ho_van_tu.portrait.thumbnail_url}"' in html
    assert "img/portrait.svg" not in html


def test_official_without_portrait_gets_a_neutral_silhouette(client, ho_van_tu):
    html = page(client, ho_van_tu)
    assert "img/portrait.svg" in html
    assert "Chưa có ảnh chân dung công khai" in html
