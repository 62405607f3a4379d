"""The records admin, exercised the way a records officer uses it: posting its forms."""

import datetime
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from reversion.models import Version

from clusters.models import (
    Cluster,
    ClusterYear,
    Membership,
    Movement,
    MovementYear,
    Official,
    Unit,
    UnitAlias,
)
from tests.clusters import factories as f
from tests.clusters.admin_forms import membership_post, official_post, unit_post

pytestmark = pytest.mark.django_db

D = datetime.date


ADD_URL = reverse("admin:clusters_clusteryear_add")


def test_records_officer_creates_a_cluster_year_with_members_and_roles(officer_client, six_units):
    cluster = f.ClusterFactory(number=5)
    roles = ["leader", "deputy", "member", "member", "member", "member"]
    response = officer_client.post(
        ADD_URL,
        membership_post(
            cluster, 2020, list(zip(six_units, roles, strict=True)), slogan="Đoàn kết, kỷ cương"
        ),
    )
    assert response.status_code == 302, response.context["errors"]
    cluster_year = ClusterYear.objects.get(cluster=cluster, year=2020)
    assert cluster_year.slogan == "Đoàn kết, kỷ cương"
    assert cluster_year.leader.name == "Công an tỉnh Thanh Hóa"
    assert cluster_year.deputy.name == "Công an tỉnh Nghệ An"
    assert cluster_year.memberships.count() == 6


def assert_refused_keeping_input(response, message, slogan):
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    # Nothing typed is lost: the slogan and the chosen units come back filled in.
    assert f'value="{slogan}"' in content
    assert ClusterYear.objects.count() == 0
    assert Membership.objects.count() == 0


def test_second_leader_is_refused_with_a_clear_message(officer_client, six_units):
    cluster = f.ClusterFactory(number=5)
    rows = [(six_units[0], "leader"), (six_units[1], "leader"), (six_units[2], "member")]
    response = officer_client.post(ADD_URL, membership_post(cluster, 2020, rows, slogan="Kỷ cương"))
    assert_refused_keeping_input(
        response,
        "Năm 2020 cụm đã có cụm trưởng là Công an tỉnh Thanh Hóa; mỗi năm chỉ có một cụm trưởng.",
        "Kỷ cương",
    )
    assert f'<option value="{six_units[1].pk}" selected>' in response.content.decode()


def test_second_deputy_is_refused(officer_client, six_units):
    cluster = f.ClusterFactory(number=5)
    rows = [(six_units[0], "deputy"), (six_units[1], "deputy")]
    response = officer_client.post(ADD_URL, membership_post(cluster, 2020, rows, slogan="A"))
    assert_refused_keeping_input(response, "mỗi năm chỉ có một cụm phó", "A")


def test_unit_that_no_longer_existed_is_refused(officer_client, six_units):
    cluster = f.ClusterFactory(number=5)
    hue_province = six_units[5]
    rows = [(six_units[0], "leader"), (hue_province, "member")]
    response = officer_client.post(ADD_URL, membership_post(cluster, 2025, rows, slogan="B"))
    assert_refused_keeping_input(
        response,
        "Công an tỉnh Thừa Thiên Huế không tồn tại trong năm 2025 (hiệu lực từ 01/07/1989 đến "
        "01/01/2025), nên không thể là thành viên của cụm năm đó.",
        "B",
    )


def test_same_unit_twice_is_refused(officer_client, six_units):
    cluster = f.ClusterFactory(number=5)
    rows = [(six_units[0], "leader"), (six_units[0], "member")]
    response = officer_client.post(ADD_URL, membership_post(cluster, 2020, rows, slogan="C"))
    assert_refused_keeping_input(
        response,
        "Công an tỉnh Thanh Hóa đã có ở dòng trên; mỗi đơn vị chỉ có mặt một lần",
        "C",
    )


def test_second_leader_added_to_an_existing_year_is_refused(officer_client, six_units):
    leader = f.MembershipFactory(unit=six_units[0], role="leader")
    cluster_year = leader.cluster_year
    url = reverse("admin:clusters_clusteryear_change", args=[cluster_year.pk])
    rows = [(six_units[0], "leader"), (six_units[1], "leader")]
    response = officer_client.post(
        url, membership_post(cluster_year.cluster, 2020, rows, initial=[leader])
    )
    assert response.status_code == 200
    assert "mỗi năm chỉ có một cụm trưởng" in response.content.decode()
    assert cluster_year.memberships.count() == 1


def test_leader_and_member_swap_roles_in_one_save(officer_client, six_units):
    cluster_year = f.ClusterYearFactory(year=2020)
    leader = f.MembershipFactory(cluster_year=cluster_year, unit=six_units[0], role="leader")
    member = f.MembershipFactory(cluster_year=cluster_year, unit=six_units[1], role="member")
    url = reverse("admin:clusters_clusteryear_change", args=[cluster_year.pk])
    # The new leader comes first, so a naive save would meet two leaders half-way.
    rows = [(six_units[1], "leader"), (six_units[0], "member")]
    response = officer_client.post(
        url, membership_post(cluster_year.cluster, 2020, rows, initial=[member, leader])
    )
    assert response.status_code == 302
    assert cluster_year.leader == six_units[1]


def test_deleting_the_leader_and_naming_another_in_one_save(officer_client, six_units):
    cluster_year = f.ClusterYearFactory(year=2020)
    leader = f.MembershipFactory(cluster_year=cluster_year, unit=six_units[0], role="leader")
    url = reverse("admin:clusters_clusteryear_change", args=[cluster_year.pk])
    data = membership_post(
        cluster_year.cluster,
        2020,
        [(six_units[0], "leader"), (six_units[1], "leader")],
        initial=[leader],
    )
    data["memberships-0-DELETE"] = "on"
    response = officer_client.post(url, data)
    assert response.status_code == 302
    assert list(cluster_year.memberships.values_list("unit", "role")) == [
        (six_units[1].pk, "leader")
    ]


def test_unit_dates_are_read_day_first(officer_client):
    response = officer_client.post(
        reverse("admin:clusters_unit_add"),
        unit_post("Công an thành phố Huế", "01/01/2025", aliases=["Công an TP Huế"]),
    )
    assert response.status_code == 302
    unit = Unit.objects.get()
    assert unit.valid_from == D(2025, 1, 1)
    assert UnitAlias.objects.get().unit == unit


def test_unit_date_05_11_is_the_fifth_of_november(officer_client):
    officer_client.post(reverse("admin:clusters_unit_add"), unit_post("Công an xã A", "05/11/2026"))
    assert Unit.objects.get().valid_from == D(2026, 11, 5)


def test_impossible_date_is_refused_keeping_the_name(officer_client):
    response = officer_client.post(
        reverse("admin:clusters_unit_add"), unit_post("Công an tỉnh Quảng Trị", "31/02/2025")
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Nhập một ngày hợp lệ" in content or "ngày hợp lệ" in content
    assert 'value="Công an tỉnh Quảng Trị"' in content
    assert not Unit.objects.exists()


def test_unit_ending_before_it_starts_is_refused_in_vietnamese(officer_client):
    response = officer_client.post(
        reverse("admin:clusters_unit_add"),
        unit_post("Công an tỉnh A", "01/07/2025", valid_to="01/07/2020"),
    )
    assert "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực." in response.content.decode()
    assert 'value="01/07/2020"' in response.content.decode()


def test_cluster_number_in_roman_numerals(officer_client):
    block = f.EmulationBlockFactory()
    response = officer_client.post(
        reverse("admin:clusters_cluster_add"),
        {
            "block": block.pk,
            "number": "số II",
            "name": "",
            "description": "",
            "years-TOTAL_FORMS": 0,
            "years-INITIAL_FORMS": 0,
            "years-MIN_NUM_FORMS": 0,
            "years-MAX_NUM_FORMS": 1000,
        },
    )
    assert response.status_code == 302
    assert Cluster.objects.get().name == "Cụm thi đua số 2"


def test_duplicate_cluster_number_in_a_block_gets_a_message(officer_client):
    cluster = f.ClusterFactory(number=2)
    response = officer_client.post(
        reverse("admin:clusters_cluster_add"),
        {
            "block": cluster.block.pk,
            "number": "II",
            "years-TOTAL_FORMS": 0,
            "years-INITIAL_FORMS": 0,
            "years-MIN_NUM_FORMS": 0,
            "years-MAX_NUM_FORMS": 1000,
        },
    )
    assert "Khối thi đua này đã có cụm mang số này." in response.content.decode()


def test_official_with_rank_and_position_in_one_form(officer_client):
    unit = f.UnitFactory(name="Công an tỉnh Nghệ An")
    data = official_post(
        "Hồ Văn Tứ",
        **{
            "rank_assignments-TOTAL_FORMS": 1,
            "rank_assignments-0-rank": f.rank("Đại tá").pk,
            "rank_assignments-0-since": "01/09/2018",
            "rank_assignments-0-decision": "",
            "positions-TOTAL_FORMS": 1,
            "positions-0-title": f.title("Phó Giám đốc").pk,
            "positions-0-unit": unit.pk,
            "positions-0-start": "01/08/2018",
            "positions-0-end": "",
        },
    )
    response = officer_client.post(reverse("admin:clusters_official_add"), data)
    assert response.status_code == 302
    official = Official.objects.get()
    assert official.given_name == "Tứ"
    assert official.rank_on(D(2018, 9, 1)).name == "Đại tá"
    assert official.position_on(D(2020, 7, 17)).short_text == "PGĐ Công an tỉnh Nghệ An"


# --- Permissions -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_reporters_and_editors_may_view_records(client, request, role):
    client.force_login(request.getfixturevalue(role))
    unit = f.UnitFactory()
    assert client.get(reverse("admin:clusters_unit_changelist")).status_code == 200
    assert client.get(reverse("admin:clusters_unit_change", args=[unit.pk])).status_code == 200


@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_reporters_and_editors_may_not_change_records(client, request, role):
    client.force_login(request.getfixturevalue(role))
    unit = f.UnitFactory(name="Công an tỉnh Hà Tĩnh")
    assert client.get(reverse("admin:clusters_unit_add")).status_code == 403
    response = client.post(
        reverse("admin:clusters_unit_change", args=[unit.pk]), unit_post("Đổi tên", "01/01/2000")
    )
    assert response.status_code == 403
    unit.refresh_from_db()
    assert unit.name == "Công an tỉnh Hà Tĩnh"


def test_records_officer_may_add_change_and_delete(officer_client):
    unit = f.UnitFactory()
    assert officer_client.get(reverse("admin:clusters_unit_add")).status_code == 200
    delete = reverse("admin:clusters_unit_delete", args=[unit.pk])
    assert officer_client.post(delete, {"post": "yes"}).status_code == 302
    assert not Unit.objects.exists()


def test_records_officer_may_not_publish_articles(records_officer):
    assert not records_officer.has_perm("articles.change_article")
    assert records_officer.has_perm("clusters.change_clusteryear")


# --- Search, autocomplete, history ----------------------------------------------------------


@pytest.mark.parametrize("query", ["thanh hoa", "Thanh Hoá", "THANH HÓA", "ca thanh"])
def test_unit_search_ignores_diacritics_and_tone_placement(officer_client, query):
    f.UnitFactory(name="Công an tỉnh Thanh Hóa", short_name="CA Thanh Hóa")
    f.UnitFactory(name="Công an tỉnh Nghệ An")
    response = officer_client.get(reverse("admin:clusters_unit_changelist"), {"q": query})
    assert [u.name for u in response.context["cl"].result_list] == ["Công an tỉnh Thanh Hóa"]


def test_unit_search_finds_aliases_once(officer_client):
    unit = f.UnitFactory(name="Công an thành phố Huế")
    UnitAlias.objects.create(unit=unit, name="Công an TP Huế")
    UnitAlias.objects.create(unit=unit, name="CA TP Huế")
    response = officer_client.get(reverse("admin:clusters_unit_changelist"), {"q": "tp hue"})
    assert list(response.context["cl"].result_list) == [unit]


def test_unit_autocomplete_for_the_membership_inline(officer_client):
    unit = f.UnitFactory(name="Công an tỉnh Nghệ An")
    f.UnitFactory(name="Công an tỉnh Hà Tĩnh")
    response = officer_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "clusters", "model_name": "membership", "field_name": "unit", "term": "nghe"},
    )
    assert response.json()["results"] == [
        {"id": str(unit.pk), "text": "Công an tỉnh Nghệ An (từ 1991)"}
    ]


def test_official_autocomplete_finds_by_name_without_diacritics(officer_client):
    official = f.OfficialFactory(full_name="Dương Văn Tiến")
    response = officer_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "clusters",
            "model_name": "participant",
            "field_name": "official",
            "term": "duong van tien",
        },
    )
    assert [r["id"] for r in response.json()["results"]] == [str(official.pk)]


def test_rank_autocomplete_accepts_sy_for_si(officer_client):
    response = officer_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "clusters",
            "model_name": "rankassignment",
            "field_name": "rank",
            "term": "thuong sy",
        },
    )
    assert [r["text"] for r in response.json()["results"]] == ["Thượng sĩ"]


def test_admin_changes_are_kept_in_history(officer_client):
    officer_client.post(
        reverse("admin:clusters_unit_add"), unit_post("Công an tỉnh Nghệ An", "01/09/1991")
    )
    unit = Unit.objects.get()
    officer_client.post(
        reverse("admin:clusters_unit_change", args=[unit.pk]),
        unit_post("Công an tỉnh Nghệ An (sửa)", "01/09/1991"),
    )
    assert Version.objects.get_for_object(unit).count() == 2
    assert LogEntry.objects.filter(object_id=str(unit.pk)).count() == 2
    history = officer_client.get(reverse("admin:clusters_unit_history", args=[unit.pk]))
    assert history.status_code == 200


def test_earlier_version_can_be_restored(officer_client):
    officer_client.post(
        reverse("admin:clusters_unit_add"), unit_post("Công an tỉnh Nghệ An", "01/09/1991")
    )
    unit = Unit.objects.get()
    officer_client.post(
        reverse("admin:clusters_unit_change", args=[unit.pk]),
        unit_post("Tên nhập nhầm", "01/09/1991"),
    )
    first = Version.objects.get_for_object(unit).order_by("pk").first()
    url = reverse("admin:clusters_unit_revision", args=[unit.pk, first.pk])
    response = officer_client.post(url, unit_post("Công an tỉnh Nghệ An", "01/09/1991"))
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.name == "Công an tỉnh Nghệ An"


MODELS = [
    "unit",
    "emulationblock",
    "cluster",
    "clusteryear",
    "movement",
    "official",
    "rank",
    "positiontitle",
    "event",
    "award",
]


@pytest.mark.parametrize("model", MODELS)
def test_admin_pages_render_for_the_records_officer(officer_client, model):
    assert officer_client.get(reverse(f"admin:clusters_{model}_changelist")).status_code == 200
    assert officer_client.get(reverse(f"admin:clusters_{model}_add")).status_code == 200


def test_filled_change_pages_render(officer_client):
    from django.apps import apps

    from clusters.demo import seed

    seed(lambda message: None)
    for model in MODELS:
        obj = apps.get_model("clusters", model).objects.first()
        url = reverse(f"admin:clusters_{model}_change", args=[obj.pk])
        assert officer_client.get(url).status_code == 200, model
        changelist = officer_client.get(reverse(f"admin:clusters_{model}_changelist"))
        assert changelist.status_code == 200, model


def test_restoring_a_cluster_year_brings_back_its_members(officer_client, six_units):
    cluster = f.ClusterFactory(number=5)
    rows = [(six_units[0], "leader"), (six_units[1], "deputy")]
    officer_client.post(ADD_URL, membership_post(cluster, 2020, rows, slogan="Năm đầu"))
    cluster_year = ClusterYear.objects.get()
    initial = list(cluster_year.memberships.order_by("pk"))
    change = reverse("admin:clusters_clusteryear_change", args=[cluster_year.pk])
    rows = [*rows, (six_units[2], "member")]
    data = membership_post(cluster, 2020, rows, slogan="Sửa lại", initial=initial)
    assert officer_client.post(change, data).status_code == 302
    assert cluster_year.memberships.count() == 3

    first = Version.objects.get_for_object(cluster_year).order_by("pk").first()
    revision = reverse("admin:clusters_clusteryear_revision", args=[cluster_year.pk, first.pk])
    form = officer_client.get(revision)
    assert form.status_code == 200
    restored = membership_post(cluster, 2020, rows[:2], slogan="Năm đầu", initial=initial)
    assert officer_client.post(revision, restored).status_code == 302
    cluster_year.refresh_from_db()
    assert cluster_year.slogan == "Năm đầu"
    assert set(cluster_year.memberships.values_list("unit", flat=True)) == {
        six_units[0].pk,
        six_units[1].pk,
    }


# --- Change forms make the same queries for one inline row or twenty --------------------


def official_with(rows):
    official = f.OfficialFactory(full_name="Hồ Văn Tứ")
    for index in range(rows):
        f.RankAssignmentFactory(official=official, since=D(2000 + index, 9, 1))
        f.PositionFactory(official=official, start=D(2000 + index, 8, 1))
    return reverse("admin:clusters_official_change", args=[official.pk])


def cluster_year_with(rows):
    cluster_year = f.ClusterYearFactory()
    for _ in range(rows):
        f.MembershipFactory(cluster_year=cluster_year)
    return reverse("admin:clusters_clusteryear_change", args=[cluster_year.pk])


def event_with(rows):
    event = f.EventFactory()
    for index in range(rows):
        f.ParticipantFactory(
            event=event, official=f.OfficialFactory(full_name=f"Nguyễn Văn {index}")
        )
        f.ParticipantFactory(event=event, official=None, unit=f.UnitFactory())
    return reverse("admin:clusters_event_change", args=[event.pk])


def unit_with(rows):
    unit = f.UnitFactory(valid_to=D(2025, 1, 1))
    for index in range(rows):
        UnitAlias.objects.create(unit=unit, name=f"Công an Mẫu {index}")
        f.SuccessionFactory(predecessor=unit)
    return reverse("admin:clusters_unit_change", args=[unit.pk])


def cluster_with(rows):
    cluster = f.ClusterFactory()
    for index in range(rows):
        f.ClusterYearFactory(cluster=cluster, year=2000 + index)
    return reverse("admin:clusters_cluster_change", args=[cluster.pk])


def movement_with(rows):
    movement = Movement.objects.create(name=f"Phong trào thi đua {rows}")
    for index in range(rows):
        MovementYear.objects.create(movement=movement, year=2000 + index, slogan="Kỷ cương")
    return reverse("admin:clusters_movement_change", args=[movement.pk])


# The queries of each change form: session, user, permissions (2), the record (with the
# cluster its title names), a query per inline (rows with their chosen records joined),
# the chosen cluster's or the blocks' options, the savepoint pair. The same for one row
# or a hundred; the list's columns (seats, current rank) are not fetched for the form.
CHANGE_FORM_BUDGET = {
    official_with: 9,
    cluster_year_with: 9,
    event_with: 9,
    unit_with: 9,
    cluster_with: 9,
    movement_with: 8,
}


@pytest.mark.parametrize("build", list(CHANGE_FORM_BUDGET))
def test_change_form_queries_do_not_grow_with_inline_rows(
    officer_client, build, django_assert_num_queries
):
    one_row = build(1)
    officer_client.get(one_row)  # warm up session and content types
    with django_assert_num_queries(CHANGE_FORM_BUDGET[build]):
        officer_client.get(one_row)
    hundred_rows = build(100)
    with django_assert_num_queries(CHANGE_FORM_BUDGET[build]):
        response = officer_client.get(hundred_rows)
    assert response.status_code == 200


def test_inline_autocomplete_shows_each_rows_chosen_unit_and_title(officer_client):
    official = f.OfficialFactory(full_name="Hồ Văn Tứ")
    units = [f.UnitFactory(name=name) for name in ("Công an tỉnh Nghệ An", "Công an tỉnh Hà Tĩnh")]
    for index, unit in enumerate(units):
        f.PositionFactory(official=official, unit=unit, start=D(2018 + index, 8, 1))
    page = officer_client.get(
        reverse("admin:clusters_official_change", args=[official.pk])
    ).content.decode()
    for unit in units:
        assert f'<option value="{unit.pk}" selected>{unit.name} (từ 1991)</option>' in page
    title = f.title("Phó Giám đốc")
    assert page.count(f'<option value="{title.pk}" selected>Phó Giám đốc</option>') == 2


def test_refused_membership_form_shows_the_unit_chosen_not_the_saved_one(officer_client, six_units):
    cluster_year = f.ClusterYearFactory(year=2020)
    saved = [
        f.MembershipFactory(cluster_year=cluster_year, unit=six_units[0], role="leader"),
        f.MembershipFactory(cluster_year=cluster_year, unit=six_units[1], role="member"),
    ]
    rows = [(six_units[0], "leader"), (six_units[2], "leader")]
    response = officer_client.post(
        reverse("admin:clusters_clusteryear_change", args=[cluster_year.pk]),
        membership_post(cluster_year.cluster, 2020, rows, initial=saved),
    )
    page = response.content.decode()
    assert "mỗi năm chỉ có một cụm trưởng" in page
    assert f'<option value="{six_units[2].pk}" selected>' in page
    assert f'<option value="{six_units[1].pk}" selected>' not in page


# --- No tone-placement duplicates ---------------------------------------------------------


def test_an_alias_another_unit_of_the_time_has_is_refused_with_a_link(officer_client):
    from tests.clusters.admin_forms import unit_post

    thanh_hoa = f.UnitFactory(name="Công an tỉnh Thanh Hóa")
    thanh_hoa.aliases.create(name="Công an Thanh Hoá")
    response = officer_client.post(
        reverse("admin:clusters_unit_add"),
        unit_post("Công an tỉnh Thanh Hóa mới", "01/01/2020", aliases=["công an thanh hóa"]),
    )
    html = response.content.decode()
    assert "Đã có đơn vị “Công an tỉnh Thanh Hóa”" in html
    assert reverse("admin:clusters_unit_change", args=[thanh_hoa.pk]) in html
    assert not Unit.objects.filter(name="Công an tỉnh Thanh Hóa mới").exists()


def test_a_unit_named_like_another_units_alias_is_refused(officer_client):
    from tests.clusters.admin_forms import unit_post

    thanh_hoa = f.UnitFactory(name="Công an tỉnh Thanh Hóa")
    thanh_hoa.aliases.create(name="Công an Thanh Hoá")
    response = officer_client.post(
        reverse("admin:clusters_unit_add"), unit_post("Công an Thanh Hóa", "01/01/2020")
    )
    assert "Đã có đơn vị “Công an tỉnh Thanh Hóa”" in response.content.decode()


def test_a_successor_may_share_its_predecessors_name(officer_client):
    from tests.clusters.admin_forms import unit_post

    f.UnitFactory(
        name="Công an tỉnh Quảng Trị",
        valid_from=datetime.date(1989, 7, 1),
        valid_to=datetime.date(2025, 7, 1),
    ).aliases.create(name="CA Quảng Trị")
    response = officer_client.post(
        reverse("admin:clusters_unit_add"),
        unit_post("Công an tỉnh Quảng Trị", "01/07/2025", aliases=["CA Quảng Trị"]),
    )
    assert response.status_code == 302
    assert Unit.objects.filter(name="Công an tỉnh Quảng Trị").count() == 2


def test_a_rank_spelt_with_the_tone_elsewhere_is_refused(officer_client):
    from clusters.models import Rank

    existing = Rank.objects.first()
    respelt = existing.name.upper()
    response = officer_client.post(
        reverse("admin:clusters_rank_add"), {"order": 99, "name": respelt, "tier": existing.tier}
    )
    assert f"Đã có {Rank._meta.verbose_name} “{existing.name}”" in response.content.decode()


# --- Chosen options carry the pickers' labels, as the search results do ----------------


def quang_tri_units():
    """The two legal units named "Công an tỉnh Quảng Trị", before and after the 2025 merger."""
    before = f.UnitFactory(
        name="Công an tỉnh Quảng Trị", valid_from=D(1989, 7, 1), valid_to=D(2025, 7, 1)
    )
    after = f.UnitFactory(name="Công an tỉnh Quảng Trị", valid_from=D(2025, 7, 1))
    return before, after


def selected_labels(html, name):
    """The labels of the selected options of the select called ``name``."""
    select = re.search(rf'<select name="{re.escape(name)}"[^>]*>(.*?)</select>', html, re.DOTALL)
    assert select, name
    return re.findall(r"<option [^>]*selected[^>]*>([^<]*)</option>", select[1])


def test_chosen_parent_unit_shows_its_years(officer_client):
    before, _after = quang_tri_units()
    unit = f.UnitFactory(name="Phòng Cảnh sát giao thông", parent=before)
    html = officer_client.get(
        reverse("admin:clusters_unit_change", args=[unit.pk])
    ).content.decode()
    assert selected_labels(html, "parent") == ["Công an tỉnh Quảng Trị (1989–2025)"]


def test_chosen_successor_shows_its_years(officer_client):
    before, after = quang_tri_units()
    f.SuccessionFactory(predecessor=before, successor=after, effective_date=D(2025, 7, 1))
    html = officer_client.get(
        reverse("admin:clusters_unit_change", args=[before.pk])
    ).content.decode()
    assert selected_labels(html, "successor_links-0-successor") == [
        "Công an tỉnh Quảng Trị (từ 2025)"
    ]


def test_chosen_cluster_and_member_units_show_block_and_years(officer_client):
    _before, after = quang_tri_units()
    block = f.EmulationBlockFactory(name="Khối Công an các địa phương")
    cluster_year = f.ClusterYearFactory(cluster=f.ClusterFactory(block=block, number=5), year=2025)
    f.MembershipFactory(cluster_year=cluster_year, unit=after)
    url = reverse("admin:clusters_clusteryear_change", args=[cluster_year.pk])
    html = officer_client.get(url).content.decode()
    assert selected_labels(html, "cluster") == ["Cụm thi đua số 5 – Khối Công an các địa phương"]
    assert selected_labels(html, "memberships-0-unit") == ["Công an tỉnh Quảng Trị (từ 2025)"]


def test_chosen_event_cluster_host_and_participant_units_show_block_and_years(officer_client):
    before, after = quang_tri_units()
    block = f.EmulationBlockFactory(name="Khối Công an các địa phương")
    event = f.EventFactory(cluster=f.ClusterFactory(block=block, number=5), host_unit=before)
    f.ParticipantFactory(event=event, official=None, unit=after)
    html = officer_client.get(
        reverse("admin:clusters_event_change", args=[event.pk])
    ).content.decode()
    assert selected_labels(html, "cluster") == ["Cụm thi đua số 5 – Khối Công an các địa phương"]
    assert selected_labels(html, "host_unit") == ["Công an tỉnh Quảng Trị (1989–2025)"]
    assert selected_labels(html, "participants-0-unit") == ["Công an tỉnh Quảng Trị (từ 2025)"]


def test_chosen_position_and_award_units_show_their_years(officer_client):
    before, _after = quang_tri_units()
    position = f.PositionFactory(unit=before)
    award = f.AwardFactory(unit=before)
    official_html = officer_client.get(
        reverse("admin:clusters_official_change", args=[position.official.pk])
    ).content.decode()
    award_html = officer_client.get(
        reverse("admin:clusters_award_change", args=[award.pk])
    ).content.decode()
    assert selected_labels(official_html, "positions-0-unit") == [
        "Công an tỉnh Quảng Trị (1989–2025)"
    ]
    assert selected_labels(award_html, "unit") == ["Công an tỉnh Quảng Trị (1989–2025)"]
