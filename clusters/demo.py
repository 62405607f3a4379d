"""Demo records for ``manage.py seed_demo``: Cụm thi đua số 5 and its neighbours.

The 2020 facts (members, leader, the mid-year review and who spoke there, the
movement's slogan) come from the sample article; the 2025 reorganisation is
the real one. Other dates, decision numbers and the people beyond the three
named in the article are illustrative demo data.
"""

import datetime
from importlib import import_module

from django.apps import apps
from django.contrib.auth import get_user_model
from reversion.models import Version

from . import editing
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
# Demo records are saved through the write path (clusters.editing), signed by the records
# officer when that account exists: each record's history starts on day one.
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


class Seeder:
    """Writes each record that is missing or differs through the write path, once, with the
    related rows it lacks; a re-run that finds everything in place writes nothing."""

    def __init__(self, user):
        self.user = user
        self.written = 0

    def write(self, record, rows=(), *, changed=False):
        rows = list(rows)
        if record.pk is None or changed or rows:
            editing.save_record(record, self.user, rows=rows, comment=REVISION_COMMENT)
            self.written += 1
        return record


def _found(model, lookup, defaults, *, update=True):
    """The stored record matching lookup (defaults applied when ``update``) or a new one
    holding both; and whether it needs writing."""
    record = model.objects.filter(**lookup).first()
    if record is None:
        return model(**lookup, **defaults), True
    if not update:
        return record, False
    stale = {name: value for name, value in defaults.items() if getattr(record, name) != value}
    for name, value in stale.items():
        setattr(record, name, value)
    return record, bool(stale)


def _missing(record, relation, rows, *keys):
    """The rows not yet among the record's ``relation`` (compared on ``keys``)."""
    if record.pk is None or not rows:
        return rows
    attnames = [rows[0]._meta.get_field(key).attname for key in keys]
    held = set(getattr(record, relation).values_list(*attnames))
    return [row for row in rows if tuple(getattr(row, name) for name in attnames) not in held]


def seed(log):
    # The ranks and titles come from a data migration; a flushed database
    # (transactional tests) has lost them, so put them back first.
    import_module("clusters.migrations.0002_ranks_and_position_titles").seed(apps, None)
    seeder = Seeder(get_user_model().objects.filter(username=REVISION_USERNAME).first())
    _seed_first_versions(seeder)
    units = _seed_units(log, seeder)
    blocks = {}
    for key, (name, short, position) in BLOCKS.items():
        block, changed = _found(
            EmulationBlock, {"name": name}, {"short_name": short, "position": position}
        )
        blocks[key] = seeder.write(block, changed=changed)
    clusters = _seed_clusters(log, blocks, units, seeder)
    movement, _ = _found(
        Movement,
        {"name": MOVEMENT},
        {"description": "Phong trào thi đua của lực lượng Công an nhân dân."},
        update=False,
    )
    years = []
    for year, slogan in MOVEMENT_SLOGANS.items():
        found = movement.years.filter(year=year).first() if movement.pk else None
        if found is None or found.slogan != slogan:
            found = found or MovementYear(year=year)
            found.slogan = slogan
            years.append(found)
    seeder.write(movement, years)
    log(f"  phong trào «{movement}», khẩu hiệu {len(MOVEMENT_SLOGANS)} năm")
    officials = _seed_officials(log, units, seeder)
    _seed_events(log, clusters, units, officials, seeder)
    _seed_awards(log, units, officials, seeder)
    log(f"  lịch sử: {seeder.written} hồ sơ được ghi phiên bản «{REVISION_COMMENT}»")


def _seed_first_versions(seeder):
    """Ranks and position titles come from a migration, which keeps no history: those
    without a version get their first one, written as any record is."""
    for model in (Rank, PositionTitle):
        # Version.object_id is text: compare in Python, as PostgreSQL will not compare
        # it with an integer key.
        versioned = set(Version.objects.get_for_model(model).values_list("object_id", flat=True))
        for record in model.objects.all():
            if str(record.pk) not in versioned:
                seeder.write(record, changed=True)


def _seed_units(log, seeder):
    units = {}
    for key, (name, short, kind, locality, start, end, parent, aliases) in UNITS.items():
        unit, created = _found(
            Unit,
            {"name": name, "valid_from": start},
            {
                "short_name": short,
                "kind": kind,
                "locality": locality,
                "valid_to": end,
                "parent": units.get(parent),
            },
            update=False,
        )
        rows = _missing(unit, "aliases", [UnitAlias(name=alias) for alias in aliases], "name")
        units[key] = seeder.write(unit, rows)
        if created:
            log(f"  đơn vị: {unit} ({unit.period_text})")
    for old, new, kind, day, basis in SUCCESSIONS:
        # A unit's history shows what became of it (registered to follow successor_links).
        link = Succession(successor=units[new], kind=kind, effective_date=day, legal_basis=basis)
        seeder.write(units[old], _missing(units[old], "successor_links", [link], "successor"))
    log(f"  {len(UNITS)} đơn vị, {len(SUCCESSIONS)} quan hệ kế tục")
    return units


def _seed_clusters(log, blocks, units, seeder):
    clusters = {}
    for (block_key, number), years in CLUSTER_YEARS.items():
        cluster, _ = _found(Cluster, {"block": blocks[block_key], "number": number}, {})
        # A cluster's revision holds its years and their members (registered to follow).
        rows = []
        for year, (slogan, roles) in years.items():
            cluster_year, changed = (
                _found(ClusterYear, {"cluster": cluster, "year": year}, {"slogan": slogan})
                if cluster.pk
                else (ClusterYear(year=year, slogan=slogan), True)
            )
            members = MEMBERS_BY_YEAR[year] if block_key == LOCAL else list(roles)
            wanted = [
                Membership(cluster_year=cluster_year, unit=units[key], role=roles.get(key, MEMBER))
                for key in members
            ]
            missing = _missing(cluster_year, "memberships", wanted, "unit")
            if changed or missing:
                rows += [cluster_year, *missing]
        clusters[(block_key, number)] = seeder.write(cluster, rows)
        log(f"  {cluster} ({cluster.block}): {len(years)} năm")
    return clusters


def _seed_officials(log, units, seeder):
    officials = {}
    for full_name, (disclosure, ranks, positions) in OFFICIALS.items():
        official, _ = _found(
            Official, {"full_name": full_name}, {"disclosure": disclosure}, update=False
        )
        assignments = [
            RankAssignment(since=since, rank=Rank.objects.named(rank_name))
            for rank_name, since in ranks
        ]
        held = [
            Position(
                title=PositionTitle.objects.get(name=title),
                unit=units[unit_key],
                start=start,
                end=end,
                is_acting=acting,
            )
            for title, unit_key, start, end, acting in positions
        ]
        rows = [
            *_missing(official, "rank_assignments", assignments, "since"),
            *_missing(official, "positions", held, "title", "unit", "start"),
        ]
        officials[full_name] = seeder.write(official, rows)
    log(f"  {len(OFFICIALS)} cán bộ với cấp bậc hàm và chức vụ")
    return officials


def _seed_events(log, clusters, units, officials, seeder):
    for block_key, number, kind, year, day, host, venue, participants in EVENTS:
        event, _ = _found(
            Event,
            {"cluster": clusters[(block_key, number)], "kind": kind, "year": year},
            {"date": day, "host_unit": units[host], "venue": venue},
            update=False,
        )
        wanted = []
        for position, (who, role, written) in enumerate(participants, start=1):
            person = {"official": officials[who]} if who in officials else {"unit": units[who]}
            wanted.append(
                Participant(**person, role=role, text_as_written=written, position=position)
            )
        seeder.write(event, _missing(event, "participants", wanted, "official", "unit"))
    log(f"  {len(EVENTS)} sự kiện")


def _seed_awards(log, units, officials, seeder):
    for kind, year, who, status, number, day in AWARDS:
        person = {"official": officials[who]} if who in officials else {"unit": units[who]}
        award, _ = _found(
            Award,
            {"kind": kind, "year": year, **person},
            {"status": status, "decision_number": number, "decision_date": day},
            update=False,
        )
        seeder.write(award)
    log(f"  {len(AWARDS)} khen thưởng")
