"""Seed the abbreviations and typos every newsroom of the police press meets."""

from django.db import migrations

from newsroom import text

ABBREVIATIONS = [
    # letters, expansion, context words (for letters with several meanings)
    ("ANTT", "an ninh trật tự", ""),
    ("ANTQ", "an ninh Tổ quốc", ""),
    ("ANQG", "an ninh quốc gia", ""),
    ("ANCT", "an ninh chính trị", ""),
    ("TTATXH", "trật tự an toàn xã hội", ""),
    ("TTATGT", "trật tự an toàn giao thông", ""),
    ("TNGT", "tai nạn giao thông", ""),
    ("XDLL", "xây dựng lực lượng", ""),
    ("CBCS", "cán bộ, chiến sĩ", ""),
    ("CCHC", "cải cách hành chính", ""),
    ("GĐ", "Giám đốc", ""),
    ("PGĐ", "Phó Giám đốc", ""),
    ("CAND", "Công an nhân dân", ""),
    ("BCA", "Bộ Công an", ""),
    ("PCCC", "phòng cháy, chữa cháy", ""),
    ("CNCH", "cứu nạn, cứu hộ", ""),
    ("CSGT", "Cảnh sát giao thông", ""),
    ("CSHS", "Cảnh sát hình sự", ""),
    ("CSKT", "Cảnh sát kinh tế", ""),
    ("CSCĐ", "Cảnh sát cơ động", ""),
    ("UBND", "Ủy ban nhân dân", ""),
    ("HĐND", "Hội đồng nhân dân", ""),
    ("TW", "Trung ương", ""),
    ("TP", "thành phố", ""),
    ("TP", "Trưởng phòng", "phòng, Tham mưu, đồng chí, Đại tá, Thượng tá, Trung tá, Thiếu tá"),
    ("TT", "Thứ trưởng", "Bộ Công an, đồng chí, Thượng tướng, Trung tướng, Thiếu tướng"),
    ("TT", "Thông tư", "số, ban hành, quy định, hướng dẫn, hiệu lực"),
    ("PV", "phóng viên", ""),
]

STYLE_RULES = [
    # wrong, right, note, case sensitive
    ("thu đua", "thi đua", "", False),
    ("xẩy ra", "xảy ra", "", False),
    ("sát nhập", "sáp nhập", "", False),
    ("chuẩn đoán", "chẩn đoán", "", False),
    ("sơ xuất", "sơ suất", "", False),
    ("năng xuất", "năng suất", "", False),
    ("xác xuất", "xác suất", "", False),
    ("tựu chung", "tựu trung", "", False),
    ("chặt chẻ", "chặt chẽ", "", False),
    ("cơ nhiều", "có nhiều", "gõ sai dấu", False),
    ("bộ Công an", "Bộ Công an", "viết hoa tên cơ quan", True),
    ("Bộ chính trị", "Bộ Chính trị", "viết hoa tên cơ quan", True),
    ("an ninh tổ quốc", "an ninh Tổ quốc", "viết hoa «Tổ quốc»", True),
]


def seed(apps, schema_editor):
    Abbreviation = apps.get_model("importer", "Abbreviation")
    StyleRule = apps.get_model("importer", "StyleRule")
    for letters, expansion, context in ABBREVIATIONS:
        Abbreviation.objects.get_or_create(
            letters=letters, expansion=expansion, defaults={"context": context}
        )
    for wrong, right, note, case_sensitive in STYLE_RULES:
        StyleRule.objects.get_or_create(
            wrong_key=text.tone_normalise(wrong),
            case_sensitive=case_sensitive,
            defaults={"wrong": wrong, "right": right, "note": note},
        )


def unseed(apps, schema_editor):
    Abbreviation = apps.get_model("importer", "Abbreviation")
    StyleRule = apps.get_model("importer", "StyleRule")
    for letters, expansion, _context in ABBREVIATIONS:
        Abbreviation.objects.filter(letters=letters, expansion=expansion).delete()
    for wrong, _right, _note, case_sensitive in STYLE_RULES:
        StyleRule.objects.filter(
            wrong_key=text.tone_normalise(wrong), case_sensitive=case_sensitive
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("importer", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
