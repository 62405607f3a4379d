"""Demo records for ``manage.py seed_demo``: Cụm thi đua số 5 and its neighbours.

The 2020 facts (members, leader, the mid-year review and who spoke there, the
movement's slogan) come from the sample article; the 2025 reorganisation is
the real one. Other dates, decision numbers and the people beyond the three
named in the article are illustrative demo data.
"""

import datetime
from importlib import import_module

import reversion
from django.apps import apps
from django.contrib.auth import get_user_model
from reversion.models import Version

from .models import (
    Award,
    Cluster,
    ClusterYear,
    EmulationBlock,
    Event,
    Membership,
    Movement,
    MovementYear,
    Official,
    Participant,
    Position,
    PositionTitle,
    Rank,
    RankAssignment,
    Succession,
    Unit,
    UnitAlias,
)

D = datetime.date
# Demo records are saved with a revision, so each record's history starts on day one.
REVISION_COMMENT = "Dữ liệu trình diễn"
REVISION_USERNAME = "hoso"
LEADER, DEPUTY, MEMBER = Membership.Role.LEADER, Membership.Role.DEPUTY, Membership.Role.MEMBER

# key: (name, short name, kind, locality, valid_from, valid_to, parent key, aliases)
UNITS = {
    "bca": ("Bộ Công an", "BCA", "ministry", "", D(1945, 8, 19), None, None, []),
    "thanh_hoa": (
        "Công an tỉnh Thanh Hóa",
        "CA Thanh Hóa",
        "provincial",
        "Thanh Hóa",
        D(1945, 8, 19),
        None,
        "bca",
        ["Công an tỉnh Thanh Hoá", "Công an Thanh Hoá"],
    ),
    "nghe_an": (
        "Công an tỉnh Nghệ An",
        "CA Nghệ An",
        "provincial",
        "Nghệ An",
        D(1991, 9, 1),
        None,
        "bca",
        ["Công an Nghệ An"],
    ),
    "ha_tinh": (
        "Công an tỉnh Hà Tĩnh",
        "CA Hà Tĩnh",
        "provincial",
        "Hà Tĩnh",
        D(1991, 9, 1),
        None,
        "bca",
        ["Công an Hà Tĩnh"],
    ),
    "quang_binh": (
        "Công an tỉnh Quảng Bình",
        "CA Quảng Bình",
        "provincial",
        "Quảng Bình",
        D(1989, 7, 1),
        D(2025, 7, 1),
        "bca",
        ["Công an Quảng Bình"],
    ),
    "quang_tri_old": (
        "Công an tỉnh Quảng Trị",
        "CA Quảng Trị",
        "provincial",
        "Quảng Trị",
        D(1989, 7, 1),
        D(2025, 7, 1),
        "bca",
        [],
    ),
    "thua_thien_hue": (
        "Công an tỉnh Thừa Thiên Huế",
        "CA Thừa Thiên Huế",
        "provincial",
        "Thừa Thiên Huế",
        D(1989, 7, 1),
        D(2025, 1, 1),
        "bca",
        ["Công an Thừa Thiên - Huế", "Công an tỉnh TT-Huế"],
    ),
    "hue": (
        "Công an thành phố Huế",
        "CA Huế",
        "provincial",
        "Huế",
        D(2025, 1, 1),
        None,
        "bca",
        ["Công an TP Huế"],
    ),
    "quang_tri": (
        "Công an tỉnh Quảng Trị",
        "CA Quảng Trị",
        "provincial",
        "Quảng Trị",
        D(2025, 7, 1),
        None,
        "bca",
        [],
    ),
    "nghe_an_tham_muu": (
        "Phòng Tham mưu Công an tỉnh Nghệ An",
        "PV01 Nghệ An",
        "other",
        "Nghệ An",
        D(2018, 8, 1),
        None,
        "nghe_an",
        [],
    ),
    "c08": (
        "Cục Cảnh sát giao thông",
        "C08",
        "department",
        "",
        D(2018, 8, 1),
        None,
        "bca",
        [],
    ),
    "c02": ("Cục Cảnh sát hình sự", "C02", "department", "", D(2018, 8, 1), None, "bca", []),
    "c06": (
        "Cục Cảnh sát quản lý hành chính về trật tự xã hội",
        "C06",
        "department",
        "",
        D(2018, 8, 1),
        None,
        "bca",
        [],
    ),
}

SUCCESSIONS = [
    (
        "thua_thien_hue",
        "hue",
        Succession.Kind.UPGRADE,
        D(2025, 1, 1),
        "Nghị quyết số 175/2024/QH15 ngày 30/11/2024 của Quốc hội",
    ),
    (
        "quang_binh",
        "quang_tri",
        Succession.Kind.MERGE,
        D(2025, 7, 1),
        "Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội",
    ),
    (
        "quang_tri_old",
        "quang_tri",
        Succession.Kind.MERGE,
        D(2025, 7, 1),
        "Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội",
    ),
]

LOCAL, MINISTRY = "local", "ministry"
BLOCKS = {
    LOCAL: ("Khối Công an các địa phương", "Công an địa phương", 1),
    MINISTRY: ("Khối các đơn vị thuộc Bộ", "đơn vị thuộc Bộ", 2),
}

OLD_SIX = ["thanh_hoa", "nghe_an", "ha_tinh", "quang_binh", "quang_tri_old", "thua_thien_hue"]

# (block, number): {year: (slogan, {unit key: role})}
CLUSTER_YEARS = {
    (LOCAL, 5): {
        2020: ("", {"thanh_hoa": LEADER, "nghe_an": DEPUTY}),
        2021: ("", {"nghe_an": LEADER, "ha_tinh": DEPUTY}),
        2022: ("", {"ha_tinh": LEADER, "quang_binh": DEPUTY}),
        2023: ("", {"quang_binh": LEADER, "quang_tri_old": DEPUTY}),
        2024: ("", {"quang_tri_old": LEADER, "thua_thien_hue": DEPUTY}),
        2025: ("", {"hue": LEADER, "thanh_hoa": DEPUTY}),
        2026: ("", {"thanh_hoa": LEADER, "nghe_an": DEPUTY}),
    },
    (MINISTRY, 5): {
        2025: (
            "Kỷ cương, an toàn, phục vụ nhân dân",
            {"c08": LEADER, "c06": DEPUTY, "c02": MEMBER},
        ),
        2026: (
            "Kỷ cương, an toàn, phục vụ nhân dân",
            {"c06": LEADER, "c02": DEPUTY, "c08": MEMBER},
        ),
    },
}
MEMBERS_BY_YEAR = {
    2020: OLD_SIX,
    2021: OLD_SIX,
    2022: OLD_SIX,
    2023: OLD_SIX,
    2024: OLD_SIX,
    2025: ["thanh_hoa", "nghe_an", "ha_tinh", "quang_binh", "quang_tri_old", "hue"],
    2026: ["thanh_hoa", "nghe_an", "ha_tinh", "quang_tri", "hue"],
}

MOVEMENT = "Vì an ninh Tổ quốc"
MOVEMENT_SLOGANS = {2020: "Chủ động, nêu gương, kỷ cương, trách nhiệm, hiệu quả"}

# full name: (disclosure, [(rank, since)], [(title, unit key, start, end, acting)])
OFFICIALS = {
    "Dương Văn Tiến": (
        Official.Disclosure.PUBLIC,
        [("Thượng tá", D(2015, 6, 1)), ("Đại tá", D(2019, 6, 1))],
        [("Phó Giám đốc", "thanh_hoa", D(2018, 9, 1), None, False)],
    ),
    "Hồ Văn Tứ": (
        Official.Disclosure.PUBLIC,
        [("Thượng tá", D(2014, 9, 1)), ("Đại tá", D(2018, 9, 1))],
        [
            ("Trưởng phòng", "nghe_an_tham_muu", D(2014, 3, 1), D(2018, 8, 1), False),
            ("Phó Giám đốc", "nghe_an", D(2018, 8, 1), None, False),
        ],
    ),
    "Bùi Quang Thanh": (
        Official.Disclosure.PUBLIC,
        [("Đại tá", D(2017, 12, 1))],
        [("Phó Giám đốc", "quang_binh", D(2017, 1, 1), D(2025, 7, 1), False)],
    ),
    "Nguyễn Văn Minh": (
        Official.Disclosure.PUBLIC,
        [("Trung tá", D(2016, 4, 1)), ("Thượng tá", D(2020, 4, 1))],
        [
            ("Trưởng phòng", "nghe_an_tham_muu", D(2018, 8, 1), D(2021, 1, 1), True),
            ("Trưởng phòng", "nghe_an_tham_muu", D(2021, 1, 1), None, False),
        ],
    ),
    "Trần Thị Thu Hà": (
        Official.Disclosure.PUBLIC,
        [("Thiếu tá", D(2017, 5, 1)), ("Trung tá", D(2021, 5, 1))],
        [("Phó Trưởng phòng", "nghe_an_tham_muu", D(2019, 10, 1), None, False)],
    ),
    "Lê Đức Anh": (
        Official.Disclosure.INITIALS,
        [("Đại uý", D(2019, 1, 1)), ("Thiếu tá", D(2023, 1, 1))],
        [("Phó Trưởng phòng", "nghe_an_tham_muu", D(2022, 6, 1), None, False)],
    ),
    "Phạm Quốc Bảo": (
        Official.Disclosure.WITHHELD,
        [("Thượng úy", D(2021, 1, 1))],
        [("Cán bộ", "nghe_an_tham_muu", D(2020, 1, 1), None, False)],
    ),
    "Hoàng Minh Châu": (
        Official.Disclosure.PUBLIC,
        [("Đại tá", D(2020, 1, 1))],
        [("Phó Giám đốc", "quang_tri", D(2025, 7, 1), None, False)],
    ),
}

# (block, number, kind, year, date, host, venue, [(official or unit key, role, as written)])
EVENTS = [
    (
        LOCAL,
        5,
        Event.Kind.COVENANT,
        2020,
        D(2020, 3, 6),
        "thanh_hoa",
        "Thành phố Thanh Hóa",
        [("thanh_hoa", Participant.Role.CHAIR, "Công an tỉnh Thanh Hóa, đơn vị Cụm trưởng")],
    ),
    (
        LOCAL,
        5,
        Event.Kind.MIDYEAR,
        2020,
        D(2020, 7, 17),
        "thanh_hoa",
        "Thành phố Thanh Hóa",
        [
            ("bca", Participant.Role.GUIDE, "Đại diện Bộ Công an"),
            (
                "Dương Văn Tiến",
                Participant.Role.MODERATE,
                "Đồng chí Đại tá Dương Văn Tiến, PGĐ Công an tỉnh Thanh Hóa",
            ),
            (
                "Hồ Văn Tứ",
                Participant.Role.REPORT,
                "Đồng chí Đại tá Hồ Văn Tứ, PGĐ Công an tỉnh Nghệ An",
            ),
            (
                "Bùi Quang Thanh",
                Participant.Role.SPEAK,
                "Đồng chí Đại tá Bùi Quang Thanh, PGĐ Công an tỉnh Quảng Bình",
            ),
        ],
    ),
    (
        LOCAL,
        5,
        Event.Kind.YEAREND,
        2020,
        D(2020, 12, 18),
        "nghe_an",
        "Thành phố Vinh",
        [
            (
                "Hồ Văn Tứ",
                Participant.Role.REPORT,
                "Đồng chí Đại tá Hồ Văn Tứ, PGĐ Công an tỉnh Nghệ An",
            )
        ],
    ),
    (
        LOCAL,
        5,
        Event.Kind.COVENANT,
        2021,
        D(2021, 3, 12),
        "nghe_an",
        "Thành phố Vinh",
        [("nghe_an", Participant.Role.CHAIR, "Công an tỉnh Nghệ An, đơn vị Cụm trưởng")],
    ),
    (
        LOCAL,
        5,
        Event.Kind.MIDYEAR,
        2025,
        D(2025, 7, 25),
        "hue",
        "Thành phố Huế",
        [
            ("hue", Participant.Role.CHAIR, "Công an thành phố Huế, đơn vị Cụm trưởng"),
            (
                "Hoàng Minh Châu",
                Participant.Role.SPEAK,
                "Đồng chí Đại tá Hoàng Minh Châu, PGĐ Công an tỉnh Quảng Trị",
            ),
        ],
    ),
    (
        MINISTRY,
        5,
        Event.Kind.COVENANT,
        2025,
        D(2025, 2, 20),
        "c08",
        "Hà Nội",
        [("c08", Participant.Role.CHAIR, "Cục Cảnh sát giao thông")],
    ),
]

# (kind, year, unit key or official name, status, decision number, decision date)
AWARDS = [
    (
        Award.Kind.MINISTRY_FLAG,
        2020,
        "thanh_hoa",
        Award.Status.CONFERRED,
        "1234/QĐ-BCA (mẫu)",
        D(2021, 2, 1),
    ),
    (
        Award.Kind.MINISTRY_FLAG,
        2021,
        "nghe_an",
        Award.Status.CONFERRED,
        "1456/QĐ-BCA (mẫu)",
        D(2022, 2, 8),
    ),
    (Award.Kind.GOVERNMENT_FLAG, 2025, "hue", Award.Status.PROPOSED, "", None),
    (
        Award.Kind.MINISTER_MERIT,
        2020,
        "Hồ Văn Tứ",
        Award.Status.CONFERRED,
        "2345/QĐ-BCA (mẫu)",
        D(2021, 1, 15),
    ),
]


class Changes:
    """The records a run created or changed: each gets one revision, as an admin save would."""

    def __init__(self):
        self.records = {}

    def mark(self, record, changed=True):
        if changed:
            self.records[(type(record), record.pk)] = record
        return record

    def __contains__(self, record):
        return (type(record), record.pk) in self.records

    def __iter__(self):
        return iter(list(self.records.values()))


def _update_or_create(model, defaults, **lookup):
    """Like update_or_create, but saves only when a value differs; returns (record, changed)."""
    record, created = model.objects.get_or_create(**lookup, defaults=defaults)
    if created:
        return record, True
    stale = {name: value for name, value in defaults.items() if getattr(record, name) != value}
    for name, value in stale.items():
        setattr(record, name, value)
    if stale:
        record.save()
    return record, bool(stale)


def seed(log):
    # The ranks and titles come from a data migration; a flushed database
    # (transactional tests) has lost them, so put them back first.
    import_module("clusters.migrations.0002_ranks_and_position_titles").seed(apps, None)
    changes = Changes()
    units = _seed_units(log, changes)
    blocks = {}
    for key, (name, short, position) in BLOCKS.items():
        block, changed = _update_or_create(
            EmulationBlock, {"short_name": short, "position": position}, name=name
        )
        blocks[key] = changes.mark(block, changed)
    clusters = _seed_clusters(log, blocks, units, changes)
    movement, created = Movement.objects.get_or_create(
        name=MOVEMENT,
        defaults={"description": "Phong trào thi đua của lực lượng Công an nhân dân."},
    )
    changes.mark(movement, created)
    for year, slogan in MOVEMENT_SLOGANS.items():
        _, changed = _update_or_create(
            MovementYear, {"slogan": slogan}, movement=movement, year=year
        )
        changes.mark(movement, changed)
    log(f"  phong trào «{movement}», khẩu hiệu {len(MOVEMENT_SLOGANS)} năm")
    officials = _seed_officials(log, units, changes)
    _seed_events(log, clusters, units, officials, changes)
    _seed_awards(log, units, officials, changes)
    _save_revisions(log, changes)


def _save_revisions(log, changes):
    """One revision per created or changed record (its inline rows included, as registered).

    Ranks and position titles come from a migration, which keeps no history: those
    without a version get their first one here. A re-run that changes nothing adds none.
    """
    unversioned = []
    for model in (Rank, PositionTitle):
        # Version.object_id is text: compare in Python, as PostgreSQL will not compare
        # it with an integer key.
        versioned = set(Version.objects.get_for_model(model).values_list("object_id", flat=True))
        unversioned += [record for record in model.objects.all() if str(record.pk) not in versioned]
    records = [*changes, *unversioned]
    # A cluster's revision holds its years (and their members): no second one for them.
    records = [
        record
        for record in records
        if not (isinstance(record, ClusterYear) and record.cluster in changes)
    ]
    user = get_user_model().objects.filter(username=REVISION_USERNAME).first()
    for record in records:
        with reversion.create_revision(manage_manually=True):
            reversion.add_to_revision(record)
            reversion.set_user(user)
            reversion.set_comment(REVISION_COMMENT)
    log(f"  lịch sử: {len(records)} hồ sơ được ghi phiên bản «{REVISION_COMMENT}»")


def _seed_units(log, changes):
    units = {}
    for key, (name, short, kind, locality, start, end, parent, aliases) in UNITS.items():
        unit, created = Unit.objects.get_or_create(
            name=name,
            valid_from=start,
            defaults={
                "short_name": short,
                "kind": kind,
                "locality": locality,
                "valid_to": end,
                "parent": units.get(parent),
            },
        )
        units[key] = changes.mark(unit, created)
        for alias in aliases:
            changes.mark(unit, UnitAlias.objects.get_or_create(unit=unit, name=alias)[1])
        if created:
            log(f"  đơn vị: {unit} ({unit.period_text})")
    for old, new, kind, day, basis in SUCCESSIONS:
        _, created = Succession.objects.get_or_create(
            predecessor=units[old],
            successor=units[new],
            defaults={"kind": kind, "effective_date": day, "legal_basis": basis},
        )
        # A unit's history shows what became of it (registered to follow successor_links).
        changes.mark(units[old], created)
    log(f"  {len(UNITS)} đơn vị, {len(SUCCESSIONS)} quan hệ kế tục")
    return units


def _seed_clusters(log, blocks, units, changes):
    clusters = {}
    for (block_key, number), years in CLUSTER_YEARS.items():
        cluster, created = Cluster.objects.get_or_create(block=blocks[block_key], number=number)
        clusters[(block_key, number)] = changes.mark(cluster, created)
        for year, (slogan, roles) in years.items():
            cluster_year, changed = _update_or_create(
                ClusterYear, {"slogan": slogan}, cluster=cluster, year=year
            )
            changes.mark(cluster_year, changed)
            members = MEMBERS_BY_YEAR[year] if block_key == LOCAL else list(roles)
            for key in members:
                _, created = Membership.objects.get_or_create(
                    cluster_year=cluster_year,
                    unit=units[key],
                    defaults={"role": roles.get(key, MEMBER)},
                )
                changes.mark(cluster_year, created)
        log(f"  {cluster} ({cluster.block}): {len(years)} năm")
    return clusters


def _seed_officials(log, units, changes):
    officials = {}
    for full_name, (disclosure, ranks, positions) in OFFICIALS.items():
        official, created = Official.objects.get_or_create(
            full_name=full_name, defaults={"disclosure": disclosure}
        )
        officials[full_name] = changes.mark(official, created)
        for rank_name, since in ranks:
            _, created = RankAssignment.objects.get_or_create(
                official=official, since=since, defaults={"rank": Rank.objects.named(rank_name)}
            )
            changes.mark(official, created)
        for title, unit_key, start, end, acting in positions:
            _, created = Position.objects.get_or_create(
                official=official,
                title=PositionTitle.objects.get(name=title),
                unit=units[unit_key],
                start=start,
                defaults={"end": end, "is_acting": acting},
            )
            changes.mark(official, created)
    log(f"  {len(OFFICIALS)} cán bộ với cấp bậc hàm và chức vụ")
    return officials


def _seed_events(log, clusters, units, officials, changes):
    for block_key, number, kind, year, day, host, venue, participants in EVENTS:
        event, created = Event.objects.get_or_create(
            cluster=clusters[(block_key, number)],
            kind=kind,
            year=year,
            defaults={"date": day, "host_unit": units[host], "venue": venue},
        )
        changes.mark(event, created)
        for position, (who, role, written) in enumerate(participants, start=1):
            person = {"official": officials[who]} if who in officials else {"unit": units[who]}
            _, created = Participant.objects.get_or_create(
                event=event,
                **person,
                defaults={"role": role, "text_as_written": written, "position": position},
            )
            changes.mark(event, created)
    log(f"  {len(EVENTS)} sự kiện")


def _seed_awards(log, units, officials, changes):
    for kind, year, who, status, number, day in AWARDS:
        person = {"official": officials[who]} if who in officials else {"unit": units[who]}
        award, created = Award.objects.get_or_create(
            kind=kind,
            year=year,
            **person,
            defaults={"status": status, "decision_number": number, "decision_date": day},
        )
        changes.mark(award, created)
    log(f"  {len(AWARDS)} khen thưởng")
