import unicodedata

import pytest

from newsroom import search, words


def test_document_is_folded_words_padded_with_spaces():
    assert search.document("Công an tỉnh Thanh Hoá,", "(CA Thanh Hóa)") == (
        " cong an tinh thanh hoa ca thanh hoa "
    )


def test_toned_document_makes_tone_placement_equal():
    assert search.toned_document("Thanh Hoá") == search.toned_document("Thanh Hóa")
    assert search.toned_document("Thanh Hoá") != search.toned_document("Thanh Hoa")


def test_empty_values_give_an_empty_document():
    assert search.document(None, "", " … ") == ""


@pytest.mark.parametrize("typed", ["thanh hoa", "THANH HÓA", "Thanh Hoá", "  thanh   hoá "])
def test_spellings_of_one_name_give_the_same_folded_phrase(typed):
    assert [word.folded for word in search.parse(typed).words] == ["thanh hoa"]


def test_nfd_input_is_read_like_nfc():
    nfd = unicodedata.normalize("NFD", "Hồ Văn Tứ")
    phrase = search.parse(nfd).whole
    assert phrase.folded == "ho van tu"
    assert phrase.toned == "hồ văn tứ"


def test_query_with_marks_says_so_and_without_does_not():
    assert search.parse("Thanh Hóa").has_marks
    assert not search.parse("thanh hoa").has_marks


def test_punctuation_and_quotes_split_phrases():
    query = search.parse('"thi đua", Nghệ An')
    assert [word.folded for word in query.words] == ["thi dua", "nghe an"]


@pytest.mark.parametrize(
    "typed",
    ["", "   ", "!!!", "%", "_", "\\", "%_\\'\"", "<>", "…", "\u200b"],
)
def test_queries_without_words_are_empty(typed):
    assert not search.parse(typed)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("50%", ["50"]),
        ("a_b", ["a", "b"]),
        ("c:\\windows", ["c", "windows"]),
        ("'; DROP TABLE articles_article; --", ["drop", "table", "articles", "article"]),
        ("<script>alert(1)</script>", ["script", "alert", "1"]),
    ],
)
def test_wildcards_and_code_fragments_are_only_separators(typed, expected):
    assert [word.folded for word in search.parse(typed).words] == expected


def test_very_long_query_is_cut_not_refused():
    query = search.parse("an ninh " * 500)
    assert len(query.raw) <= search.MAX_QUERY_LENGTH
    assert [word.folded for word in query.words] == ["an ninh"]


def test_number_of_words_is_bounded():
    query = search.parse(", ".join(f"từ{number}" for number in range(50)))
    assert len(query.words) == search.MAX_WORDS


def test_phrase_pattern_matches_whole_words_in_a_document():
    phrase = search.parse("thi đua").words[0]
    assert phrase.folded_pattern in search.document("Phong trào thi đua vì an ninh")
    assert phrase.folded_pattern not in search.document("đua xe rồi thi cử")
    assert phrase.folded_pattern not in search.document("thiết đua")


def test_highlight_marks_folded_matches_in_the_original_text():
    query = search.parse("thanh hoa")
    assert search.highlight("Công an Thanh Hóa và Thanh Hoá", query) == (
        "Công an <mark>Thanh Hóa</mark> và <mark>Thanh Hoá</mark>"
    )


def test_highlight_does_not_mark_inside_other_words():
    assert search.highlight("Thanh Hoang", search.parse("thanh hoa")) == "Thanh Hoang"


def test_highlight_escapes_html_in_text_and_in_matches():
    query = search.parse("script")
    assert search.highlight("<script>alert(1)</script>", query) == (
        "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;"
    )


def test_highlight_merges_overlapping_phrases():
    query = search.parse("văn tứ, hồ văn")
    assert search.highlight("Đại tá Hồ Văn Tứ", query) == "Đại tá <mark>Hồ Văn Tứ</mark>"


def test_snippet_shows_a_window_around_the_first_match():
    body = "Mở đầu. " * 60 + "Đại tá Dương Văn Tiến điều hành thảo luận. " + "Kết thúc. " * 60
    result = search.snippet(body, search.parse("duong van tien"), width=120)
    assert "<mark>Dương Văn Tiến</mark>" in result
    assert result.startswith("… ")
    assert result.endswith(" …")
    assert len(result) < 200


def test_snippet_of_short_text_is_the_whole_text():
    assert search.snippet("Tin ngắn về Nghệ An.", search.parse("nghe an")) == (
        "Tin ngắn về <mark>Nghệ An</mark>."
    )


# --- Words ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ha tinh quoc lo", ["ha tinh", "quoc lo"]),
        ("Công an Hà Tĩnh tuần tra", ["cong an", "ha tinh", "tuan tra"]),
        ("cong an tinh quang tri", ["cong an tinh", "quang tri"]),
        ("thi đua", ["thi dua"]),
        ("công an toàn tỉnh", ["cong an", "toan", "tinh"]),
        ("cong an ninh binh", ["cong an", "ninh binh"]),
        ("ho van tu", ["ho", "van", "tu"]),
    ],
)
def test_query_is_split_into_vietnamese_words(typed, expected):
    assert [word.folded for word in search.parse(typed).words] == expected


def test_the_whole_query_is_kept_as_a_phrase_when_it_has_several_words():
    query = search.parse("Hà Tĩnh quốc lộ")
    assert query.whole.folded == "ha tinh quoc lo"
    assert query.whole.toned == "hà tĩnh quốc lộ"
    assert search.parse("Hà Tĩnh").whole is None
    assert search.parse("Hà Tĩnh, quốc lộ").whole is None


def test_a_quoted_phrase_is_one_word_however_many_syllables():
    query = search.parse('"đua thuyền thi bơi" Hà Tĩnh')
    assert [word.folded for word in query.words] == ["dua thuyen thi boi", "ha tinh"]


def test_an_unclosed_quote_runs_to_the_end():
    assert [word.folded for word in search.parse('Hà Tĩnh "quốc lộ 1').words] == [
        "ha tinh",
        "quoc lo 1",
    ]


def test_a_dictionary_given_by_the_caller_joins_its_names():
    dictionary = words.Dictionary(["Hồ Văn Tứ"])
    assert [word.folded for word in search.parse("ho van tu", dictionary).words] == ["ho van tu"]


def test_highlight_marks_words_found_apart():
    query = search.parse("ha tinh quoc lo")
    assert search.highlight("Quốc lộ 1 qua Hà Tĩnh", query) == (
        "<mark>Quốc lộ</mark> 1 qua <mark>Hà Tĩnh</mark>"
    )
