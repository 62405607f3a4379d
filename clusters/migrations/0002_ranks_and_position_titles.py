"""Seed the 17 ranks of the People's Public Security and the common position titles."""

from django.db import migrations

from newsroom import search, text

RANKS = [
    # order, name, tier
    (1, "Binh nhì", "private"),
    (2, "Binh nhất", "private"),
    (3, "Hạ sĩ", "nco"),
    (4, "Trung sĩ", "nco"),
    (5, "Thượng sĩ", "nco"),
    (6, "Thiếu úy", "junior"),
    (7, "Trung úy", "junior"),
    (8, "Thượng úy", "junior"),
    (9, "Đại úy", "junior"),
    (10, "Thiếu tá", "field"),
    (11, "Trung tá", "field"),
    (12, "Thượng tá", "field"),
    (13, "Đại tá", "field"),
    (14, "Thiếu tướng", "general"),
    (15, "Trung tướng", "general"),
    (16, "Thượng tướng", "general"),
    (17, "Đại tướng", "general"),
]

POSITION_TITLES = [
    # order, name, abbreviation
    (10, "Bộ trưởng", "BT"),
    (20, "Thứ trưởng", "TT"),
    (30, "Cục trưởng", "CT"),
    (40, "Phó Cục trưởng", "PCT"),
    (50, "Giám đốc", "GĐ"),
    (60, "Phó Giám đốc", "PGĐ"),
    (70, "Chánh Văn phòng", "CVP"),
    (80, "Phó Chánh Văn phòng", "PCVP"),
    (90, "Trưởng phòng", "TP"),
    (100, "Phó Trưởng phòng", "PTP"),
    (110, "Trưởng Công an", "Trưởng CA"),
    (120, "Phó Trưởng Công an", "Phó Trưởng CA"),
    (130, "Đội trưởng", "ĐT"),
    (140, "Phó Đội trưởng", "PĐT"),
    (150, "Cán bộ", ""),
]


def rank_key(name):
    # Kept here (not imported from models) so the migration never changes meaning.
    return " ".join("sĩ" if word == "sỹ" else word for word in text.tone_normalise(name).split())


def seed(apps, schema_editor):
    Rank = apps.get_model("clusters", "Rank")
    PositionTitle = apps.get_model("clusters", "PositionTitle")
    for order, name, tier in RANKS:
        Rank.objects.update_or_create(
            order=order,
            defaults={
                "name": name,
                "tier": tier,
                "name_key": rank_key(name),
                "search_text": search.document(name, name.replace("sĩ", "sỹ")),
            },
        )
    for order, name, abbreviation in POSITION_TITLES:
        PositionTitle.objects.update_or_create(
            name=name,
            defaults={
                "order": order,
                "abbreviation": abbreviation,
                "search_text": search.document(name, abbreviation),
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("clusters", "Rank").objects.filter(order__in=[r[0] for r in RANKS]).delete()
    apps.get_model("clusters", "PositionTitle").objects.filter(
        name__in=[t[1] for t in POSITION_TITLES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("clusters", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
