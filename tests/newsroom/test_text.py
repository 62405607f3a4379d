import unicodedata
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from newsroom.text import (
    WEEKDAYS,
    clean,
    clean_line,
    collation_key,
    fold,
    format_date,
    format_datetime,
    format_moment,
    name_collation_key,
    name_sort_key,
    slugify,
    sort_key,
    split_name,
    tone_normalise,
    unique_slug,
)


def nfd(value):
    return unicodedata.normalize("NFD", value)


def by_name(full_name):
    return name_sort_key(*split_name(full_name))


# --- clean ---------------------------------------------------------------------


def test_clean_none_is_empty():
    assert clean(None) == ""


def test_clean_composes_nfd_input():
    result = clean(nfd("Đại tá Hồ Văn Tứ"))
    assert result == "Đại tá Hồ Văn Tứ"
    assert unicodedata.is_normalized("NFC", result)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\ufeffCông an", "Công an"),
        ("Công\u200b an", "Công an"),
        ("Công\u200c\u200d\u2060 an", "Công an"),
        ("cảnh\u00adsát", "cảnhsát"),
    ],
    ids=["bom", "zwsp", "zero-width-joiners", "soft-hyphen"],
)
def test_clean_removes_invisible_characters(raw, expected):
    assert clean(raw) == expected


@pytest.mark.parametrize(
    "space",
    ["\u00a0", "\u202f", "\u2003", "\u3000", "\t"],
    ids=["nbsp", "nnbsp", "em", "ideo", "tab"],
)
def test_clean_turns_unicode_spaces_into_plain_spaces(space):
    assert clean(f"Thanh{space}Hóa") == "Thanh Hóa"


def test_clean_collapses_space_runs_within_a_line():
    assert clean("Bộ  \u00a0 Công\t\tan") == "Bộ Công an"


def test_clean_strips_each_line():
    assert clean("  dòng một  \n\t dòng hai ") == "dòng một\ndòng hai"


def test_clean_keeps_single_and_double_newlines():
    assert clean("a\nb\n\nc") == "a\nb\n\nc"


def test_clean_collapses_three_or_more_newlines_to_two():
    assert clean("a\n\n\n\n  \n\nb") == "a\n\nb"


def test_clean_normalises_carriage_returns():
    assert clean("a\r\nb\rc") == "a\nb\nc"


def test_clean_strips_whole_string():
    assert clean("\n\n  Tin tức \n\n") == "Tin tức"


def test_clean_leaves_nothing_of_only_invisible_characters():
    assert clean("\ufeff\u200b \u00a0\n\u00ad") == ""


# --- clean_line ----------------------------------------------------------------


def test_clean_line_none_is_empty():
    assert clean_line(None) == ""


def test_clean_line_collapses_newlines_to_one_space():
    assert clean_line("Công an\n\n\ntỉnh\r\n  Quảng Trị ") == "Công an tỉnh Quảng Trị"


def test_clean_line_applies_clean_rules():
    assert clean_line("\ufeffĐại\u00a0uý\u200b") == "Đại uý"


# --- fold ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Đại tá Hồ Văn Tứ", "dai ta ho van tu"),
        ("THANH HÓA", "thanh hoa"),
        ("Thanh Hoá", "thanh hoa"),
        ("Quảng Trị", "quang tri"),
        ("người được", "nguoi duoc"),
        ("ĐẠI ÚY", "dai uy"),
    ],
)
def test_fold_removes_case_and_diacritics(raw, expected):
    assert fold(raw) == expected


def test_fold_handles_nfd_input():
    assert fold(nfd("Đại tá Hồ Văn Tứ")) == "dai ta ho van tu"


def test_fold_cleans_first():
    assert fold("\ufeffThanh\u00a0\u00a0Hóa ") == "thanh hoa"


def test_fold_none_is_empty():
    assert fold(None) == ""


# --- tone_normalise ------------------------------------------------------------


@pytest.mark.parametrize(
    ("old_style", "new_style"),
    [
        ("Thanh Hóa", "Thanh Hoá"),
        ("thủy", "thuỷ"),
        ("Đại úy", "Đại uý"),
        ("khỏe", "khoẻ"),
        ("hòa bình", "hoà bình"),
        ("qúy", "quý"),
    ],
)
def test_tone_normalise_makes_placement_variants_equal(old_style, new_style):
    assert tone_normalise(old_style) == tone_normalise(new_style)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Thanh Hóa", "thanh hoá"),
        ("thủy", "thuỷ"),
        ("Đại úy", "đại uý"),
        ("khỏe", "khoẻ"),
        ("qúy", "quý"),
    ],
)
def test_tone_normalise_uses_new_style_placement(raw, expected):
    assert tone_normalise(raw) == expected


@pytest.mark.parametrize(
    "word",
    [
        "quảng trị",
        "người",
        "rượu",
        "muốn",
        "biết",
        "cửa",
        "của",
        "múa",
        "ngoài",
        "xoáy",
        "khuỷu",
        "thuở",
        "toán",
        "huých",
        "giá",
        "giữa",
        "giếng",
        "gì",
        "gìn",
        "quốc",
        "yến",
    ],
)
def test_tone_normalise_keeps_correctly_placed_tones(word):
    assert tone_normalise(word) == word


def test_tone_normalise_keeps_diacritics():
    assert tone_normalise("Quảng Trị") == "quảng trị"
    assert tone_normalise("Quảng Trị") != fold("Quảng Trị")


def test_tone_normalise_lowercases_upper_case():
    assert tone_normalise("THANH HÓA") == "thanh hoá"


def test_tone_normalise_handles_nfd_input():
    assert tone_normalise(nfd("Thanh Hóa")) == "thanh hoá"
    assert tone_normalise(nfd("Thanh Hoá")) == "thanh hoá"


def test_tone_normalise_output_is_nfc():
    assert unicodedata.is_normalized("NFC", tone_normalise(nfd("Đại úy thủy")))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("Café", "café"), ("COVID-19", "covid-19"), ("Señor", "señor"), ("Zürich", "zürich")],
)
def test_tone_normalise_passes_non_vietnamese_through_lowercased(raw, expected):
    assert tone_normalise(raw) == expected


def test_tone_normalise_none_is_empty():
    assert tone_normalise(None) == ""


# --- slugify -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Đại tá Hồ Văn Tứ", "dai-ta-ho-van-tu"),
        ("Cụm thi đua số 5", "cum-thi-dua-so-5"),
        ("Thông tư số 12/2019/TT-BCA", "thong-tu-so-12-2019-tt-bca"),
        ("Cụm thi đua số 5-BCA", "cum-thi-dua-so-5-bca"),
        ("Tin tức – Sự kiện", "tin-tuc-su-kien"),
        ("“Lá chắn” thép, 2026.", "la-chan-thep-2026"),
        ("  --Đà Nẵng--  ", "da-nang"),
    ],
)
def test_slugify_examples(raw, expected):
    assert slugify(raw) == expected


def test_slugify_nfd_input_gives_same_slug():
    assert slugify(nfd("Đại tá Hồ Văn Tứ")) == "dai-ta-ho-van-tu"


def test_slugify_ignores_invisible_characters():
    assert slugify("\ufeffCông\u00adan\u00a0tỉnh") == "congan-tinh"


@pytest.mark.parametrize("raw", ["", "   ", "---", "…/–/“”", None])
def test_slugify_empty_or_punctuation_only_is_empty(raw):
    assert slugify(raw) == ""


def test_slugify_truncates_at_hyphen_boundary():
    assert slugify("Công an tỉnh Quảng Trị", max_length=15) == "cong-an-tinh"


def test_slugify_truncation_at_exact_word_end_keeps_word():
    assert slugify("Công an tỉnh Quảng Trị", max_length=12) == "cong-an-tinh"


def test_slugify_hard_cuts_a_single_long_word():
    assert slugify("Abcdefghij", max_length=4) == "abcd"


def test_slugify_truncated_never_ends_with_hyphen():
    slug = slugify("a b c d e f g h", max_length=6)
    assert slug == "a-b-c"


# --- unique_slug (fake queryset; the model-backed tests live elsewhere) --------


class FakeQuerySet:
    def __init__(self, rows):
        self.rows = list(rows)

    def filter(self, **lookups):
        return FakeQuerySet(r for r in self.rows if all(r[k] == v for k, v in lookups.items()))

    def exclude(self, **lookups):
        return FakeQuerySet(r for r in self.rows if not all(r[k] == v for k, v in lookups.items()))

    def exists(self):
        return bool(self.rows)


def rows(*slugs, field="slug"):
    return FakeQuerySet({"pk": pk, field: slug} for pk, slug in enumerate(slugs, start=1))


def test_unique_slug_free_slug_is_used_as_is():
    assert unique_slug("Tin tức – Sự kiện", rows("khac")) == "tin-tuc-su-kien"


def test_unique_slug_taken_slug_gets_suffix_2():
    assert unique_slug("Tin tức", rows("tin-tuc")) == "tin-tuc-2"


def test_unique_slug_counts_up_past_taken_suffixes():
    assert unique_slug("Tin tức", rows("tin-tuc", "tin-tuc-2", "tin-tuc-3")) == "tin-tuc-4"


def test_unique_slug_excludes_own_row():
    assert unique_slug("Tin tức", rows("tin-tuc"), exclude_pk=1) == "tin-tuc"


def test_unique_slug_uses_given_slug_field():
    queryset = rows("tin-tuc", field="code")
    assert unique_slug("Tin tức", queryset, slug_field="code") == "tin-tuc-2"


def test_unique_slug_uses_fallback_for_empty_slug():
    assert unique_slug("…", rows()) == "muc"
    assert unique_slug("", rows(), fallback="bai") == "bai"


def test_unique_slug_fallback_also_made_unique():
    assert unique_slug("", rows("muc")) == "muc-2"


def test_unique_slug_suffix_stays_within_max_length():
    slug = unique_slug("Công an tỉnh", rows("cong-an-tinh"), max_length=12)
    assert slug == "cong-an-2"
    assert len(slug) <= 12


def test_unique_slug_suffix_stays_within_max_length_for_one_long_word():
    slug = unique_slug("abcdefghij", rows("abcdefghij"), max_length=10)
    assert slug == "abcdefgh-2"


# --- sort_key ------------------------------------------------------------------

ALPHABET = list("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")


def test_sort_key_follows_vietnamese_alphabet():
    shuffled = sorted(ALPHABET, key=lambda c: (ord(c) * 7919) % 101)
    assert sorted(shuffled, key=sort_key) == ALPHABET


def test_sort_key_tone_order():
    shuffled = ["bạ", "bã", "ba", "bá", "bả", "bà"]
    assert sorted(shuffled, key=sort_key) == ["ba", "bà", "bả", "bã", "bá", "bạ"]


def test_sort_key_letters_before_tones():
    words = ["bạ", "ân", "bà", "ăn", "ba", "an", "bá", "bac"]
    assert sorted(words, key=sort_key) == ["an", "ăn", "ân", "ba", "bà", "bá", "bạ", "bac"]


def test_sort_key_d_stroke_after_all_d_words():
    assert sorted(["Đà Nẵng", "Dũng", "Dương", "Đa"], key=sort_key) == [
        "Dũng",
        "Dương",
        "Đa",
        "Đà Nẵng",
    ]


def test_sort_key_is_case_insensitive():
    assert sorted(["Bình", "an", "Ăn", "bảo"], key=sort_key) == ["an", "Ăn", "bảo", "Bình"]
    assert sort_key("THANH HÓA")[0] == sort_key("thanh hóa")[0]


def test_sort_key_ignores_tone_placement():
    assert sort_key("Thanh Hoá")[0] == sort_key("Thanh Hóa")[0]
    assert sort_key("thuỷ")[0] == sort_key("thủy")[0]


def test_sort_key_ignores_normalisation_form():
    assert sort_key(nfd("Quảng Trị"))[0] == sort_key("Quảng Trị")[0]


def test_sort_key_ties_break_on_the_string():
    assert sort_key("Thanh Hoá") != sort_key("Thanh Hóa")
    assert sorted(["Thanh Hóa", "Thanh Hoá"], key=sort_key) == sorted(
        ["Thanh Hoá", "Thanh Hóa"], key=sort_key
    )


def test_sort_key_digits_before_letters():
    assert sorted(["a", "5", "Ă", "1"], key=sort_key) == ["1", "5", "a", "Ă"]


def test_sort_key_compares_numbers_by_value():
    titles = ["Cụm thi đua số 10", "Cụm thi đua số 2", "Cụm thi đua số 5"]
    assert sorted(titles, key=sort_key) == [
        "Cụm thi đua số 2",
        "Cụm thi đua số 5",
        "Cụm thi đua số 10",
    ]


def test_sort_key_shorter_word_first():
    assert sorted(["anh", "an b", "an"], key=sort_key) == ["an", "an b", "anh"]


def test_sort_key_accepts_none():
    assert sort_key(None) == sort_key("")


# --- names ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("full_name", "parts"),
    [
        ("Dương Văn Tiến", ("Dương", "Văn", "Tiến")),
        ("Bùi Quang Thanh", ("Bùi", "Quang", "Thanh")),
        ("Hồ Văn Tứ", ("Hồ", "Văn", "Tứ")),
        ("Hồ Tứ", ("Hồ", "", "Tứ")),
        ("Tôn Nữ Thị Ninh", ("Tôn", "Nữ Thị", "Ninh")),
        ("Tứ", ("", "", "Tứ")),
        ("", ("", "", "")),
    ],
)
def test_split_name(full_name, parts):
    assert split_name(full_name) == parts


def test_split_name_cleans_whitespace():
    assert split_name("  Hồ\u00a0 Văn\n Tứ ") == ("Hồ", "Văn", "Tứ")


def test_name_sort_key_orders_by_given_name():
    names = ["Dương Văn Tiến", "Bùi Quang Thanh", "Hồ Văn Tứ", "Nguyễn Văn An", "Lê Thị Ánh"]
    assert sorted(names, key=by_name) == [
        "Nguyễn Văn An",
        "Lê Thị Ánh",
        "Bùi Quang Thanh",
        "Dương Văn Tiến",
        "Hồ Văn Tứ",
    ]


def test_name_sort_key_then_middle_then_family():
    names = ["Trần Văn An", "Lê Văn An", "Nguyễn Bá An"]
    assert sorted(names, key=by_name) == ["Nguyễn Bá An", "Lê Văn An", "Trần Văn An"]


# --- dates ---------------------------------------------------------------------


@pytest.fixture
def hanoi_time(settings):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    settings.USE_TZ = True


def test_weekdays_indexed_by_weekday():
    assert WEEKDAYS[date(2026, 11, 23).weekday()] == "Thứ Hai"
    assert WEEKDAYS[date(2026, 11, 29).weekday()] == "Chủ Nhật"


def test_format_date_of_a_date():
    assert format_date(date(2026, 11, 27)) == "Thứ Sáu, 27/11/2026"


def test_format_date_pads_day_and_month():
    assert format_date(date(2026, 3, 1)) == "Chủ Nhật, 01/03/2026"


def test_format_date_none_is_empty():
    assert format_date(None) == ""


def test_format_date_of_local_aware_datetime(hanoi_time):
    moment = datetime(2026, 11, 27, 10, 5, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert format_date(moment) == "Thứ Sáu, 27/11/2026"


def test_format_date_converts_utc_to_local_day(hanoi_time):
    # 20:00 UTC on Thursday is already 03:00 Friday in Vietnam.
    assert format_date(datetime(2026, 11, 26, 20, 0, tzinfo=UTC)) == "Thứ Sáu, 27/11/2026"


def test_format_datetime_of_local_aware_datetime(hanoi_time):
    moment = datetime(2026, 11, 27, 10, 5, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert format_datetime(moment) == "Thứ Sáu, 27/11/2026, 10:05 (GMT+7)"


def test_format_datetime_converts_utc_to_local(hanoi_time):
    moment = datetime(2026, 11, 27, 3, 5, tzinfo=UTC)
    assert format_datetime(moment) == "Thứ Sáu, 27/11/2026, 10:05 (GMT+7)"


def test_format_datetime_naive_is_taken_as_local(hanoi_time):
    assert format_datetime(datetime(2026, 11, 27, 10, 5)) == "Thứ Sáu, 27/11/2026, 10:05 (GMT+7)"


def test_format_datetime_offset_label_follows_time_zone(settings):
    settings.TIME_ZONE = "Asia/Kolkata"
    settings.USE_TZ = True
    moment = datetime(2026, 11, 27, 3, 5, tzinfo=UTC)
    assert format_datetime(moment) == "Thứ Sáu, 27/11/2026, 08:35 (GMT+5:30)"


def test_format_datetime_none_is_empty():
    assert format_datetime(None) == ""


COLLATION_WORDS = [
    "",
    "1",
    "2",
    "10",
    "a",
    "an",
    "an b",
    "anh",
    "ăn",
    "ân",
    "ba",
    "bà",
    "bả",
    "bã",
    "bá",
    "bạ",
    "Cải cách hành chính",
    "Công an xã",
    "Dũng",
    "Đà Nẵng",
    "Đại hội Đảng",
    "Đền ơn đáp nghĩa",
    "Xây dựng Đảng",
    "Yên",
    "Zalo",
]


def test_collation_key_orders_like_sort_key():
    shuffled = sorted(COLLATION_WORDS, key=lambda word: word[::-1])
    assert sorted(shuffled, key=collation_key) == sorted(shuffled, key=sort_key)
    assert sorted(shuffled, key=collation_key) == COLLATION_WORDS


def test_collation_key_is_only_digits_so_every_database_compares_it_alike():
    for word in [*COLLATION_WORDS, "Thanh Hoá", "café", "Trung tâm 113", "😀"]:
        assert collation_key(word).isdigit()


def test_collation_key_ignores_tone_placement():
    assert collation_key("Thanh Hoá") == collation_key("Thanh Hóa")


def test_name_collation_key_orders_people_by_given_name():
    people = ["Dương Văn Tiến", "Hồ Văn Tứ", "Bùi Quang Thanh", "Nguyễn Văn An", "Lê Thị Ánh"]
    ordered = sorted(people, key=lambda name: name_collation_key(*split_name(name)))
    assert ordered == [
        "Nguyễn Văn An",
        "Lê Thị Ánh",
        "Bùi Quang Thanh",
        "Dương Văn Tiến",
        "Hồ Văn Tứ",
    ]


def test_format_moment_is_time_then_date_in_hanoi(settings):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    moment = datetime(2026, 11, 27, 3, 5, 9, tzinfo=UTC)
    assert format_moment(moment) == "10:05 ngày 27/11/2026"
    assert format_moment(moment, seconds=True) == "10:05:09 ngày 27/11/2026"
    assert format_moment(None) == ""
