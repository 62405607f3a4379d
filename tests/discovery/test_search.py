"""Reader search (/tim-kiem/): Vietnamese matching, ranking in SQL, filters, safety."""

import datetime as dt
import unicodedata

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from articles.models import Article, Author
from clusters.models import Official
from discovery import search
from discovery.search import parse
from tests.articles.factories import ArticleFactory, AuthorFactory, SectionFactory
from tests.clusters.factories import ClusterFactory, OfficialFactory, UnitFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 27, 3, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def publish(title, lead="", body="", hours_ago=1, **kwargs):
    return ArticleFactory(
        title=title,
        lead=lead,
        body=f"<p>{body}</p>" if body else "",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - dt.timedelta(hours=hours_ago),
        **kwargs,
    )


def found(typed, **filters):
    return [article.title for article in search.articles(parse(typed), **filters)]


# --- Matching Vietnamese -------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["thanh hoa", "THANH HÓA", "Thanh Hoá", "Thanh Hóa", "thanh  hoá"]
)
def test_case_marks_and_tone_placement_find_the_same_article(typed):
    publish("Công an tỉnh Thanh Hoá sơ kết 6 tháng")
    publish("Công an tỉnh Nghệ An sơ kết 6 tháng")
    assert found(typed) == ["Công an tỉnh Thanh Hoá sơ kết 6 tháng"]


def test_da_nang_without_marks_finds_da_nang_with_d_stroke():
    publish("Đà Nẵng triển khai cao điểm")
    assert found("da nang") == ["Đà Nẵng triển khai cao điểm"]


def test_ho_van_tu_finds_the_official_in_the_body():
    publish("Hội nghị sơ kết Cụm thi đua số 5", body="Đại tá Hồ Văn Tứ trình bày báo cáo.")
    assert found("ho van tu") == ["Hội nghị sơ kết Cụm thi đua số 5"]


def test_nfd_input_finds_nfc_text():
    publish("Đại tá Hồ Văn Tứ dự hội nghị")
    assert found(unicodedata.normalize("NFD", "Hồ Văn Tứ")) == ["Đại tá Hồ Văn Tứ dự hội nghị"]


def test_lead_and_bylines_are_searched():
    publish("Tin thứ nhất", lead="Lực lượng Công an Hà Tĩnh ra quân.")
    author = AuthorFactory(name="Trọng Tuấn")
    publish("Tin thứ hai", authors=[author])
    assert found("ha tinh") == ["Tin thứ nhất"]
    assert found("trong tuan") == ["Tin thứ hai"]


def test_renamed_byline_is_found_after_refresh():
    author = AuthorFactory(name="Xuân Bắc")
    publish("Tin có ảnh", authors=[author])
    Author.objects.filter(pk=author.pk).update(name="Lê Xuân Bắc")
    Article.objects.filter(authorships__author=author).refresh_search_documents()
    assert found("le xuan bac") == ["Tin có ảnh"]


def test_multi_syllable_words_match_as_phrases():
    publish("Phong trào thi đua vì an ninh Tổ quốc")
    publish("Giải đua thuyền, thi bơi")
    assert found("thi đua") == ["Phong trào thi đua vì an ninh Tổ quốc"]


def test_a_phrase_matches_whole_words_only():
    publish("Hoàng Văn An nhận bằng khen")
    assert found("an") == ["Hoàng Văn An nhận bằng khen"]
    assert found("hoa") == []


def test_every_phrase_must_match():
    publish("Thanh Hoá và Nghệ An ký kết giao ước")
    publish("Thanh Hoá tổng kết năm")
    assert found("thanh hoa, nghe an") == ["Thanh Hoá và Nghệ An ký kết giao ước"]


# --- Words found apart -------------------------------------------------------------


def test_words_apart_are_all_found_in_any_order():
    publish(
        "Công an Hà Tĩnh ra quân",
        lead="Lực lượng chức năng tăng cường tuần tra trên các tuyến đường.",
        body="Trên quốc lộ 1, các tổ công tác làm việc xuyên đêm.",
    )
    publish("Hà Tĩnh: tổng kết năm", body="Không nhắc tới đường lớn.")
    assert found("ha tinh quoc lo") == ["Công an Hà Tĩnh ra quân"]
    assert found("cong an ha tinh tuan tra") == ["Công an Hà Tĩnh ra quân"]
    assert found("tuần tra Hà Tĩnh") == ["Công an Hà Tĩnh ra quân"]


def test_long_documents_and_huge_tokens_are_saved_and_found():
    publish("Tin rất dài", body="Hà Tĩnh " + "x" * 5000 + " " + "quốc lộ " * 7000)
    assert found("ha tinh quoc lo") == ["Tin rất dài"]
    assert found("x" * 40) == []


def test_every_word_must_be_found():
    publish("Hà Tĩnh ra quân", body="Tuần tra ban đêm.")
    assert found("ha tinh quoc lo") == []


def test_a_word_may_be_in_the_bylines_and_another_in_the_body():
    author = AuthorFactory(name="Trọng Tuấn")
    publish("Tin ngắn", body="Quốc lộ 8 thông xe.", authors=[author])
    assert found("trong tuan quoc lo") == ["Tin ngắn"]


def test_a_words_syllables_stay_together_and_in_order():
    publish("Tĩnh lặng ở Hà Nội, quốc lộ vắng")
    publish("Giải đua thuyền, thi bơi")
    assert found("ha tinh quoc lo") == []
    assert found("thi đua") == []


def test_a_quoted_phrase_must_be_found_as_typed():
    publish("Quốc lộ qua Hà Tĩnh", hours_ago=1)
    publish("Hà Tĩnh: quốc lộ thông xe", hours_ago=2)
    assert found('"ha tinh quoc lo"') == ["Hà Tĩnh: quốc lộ thông xe"]


def test_a_public_officials_name_is_one_word():
    OfficialFactory(full_name="Hồ Văn Tứ")
    publish("Hồ sơ văn bản số tư", body="Tin về Hồ Văn Tứ.", hours_ago=2)
    publish("Ông Tứ ở hồ văn", hours_ago=1)
    assert [word.folded for word in parse("ho van tu").words] == ["ho van tu"]
    assert found("ho van tu") == ["Hồ sơ văn bản số tư"]


def test_a_withheld_officials_name_is_not_a_word():
    OfficialFactory(full_name="Nguyễn Văn Kín", disclosure=Official.Disclosure.WITHHELD)
    assert [word.folded for word in parse("nguyen van kin").words] == ["nguyen", "van", "kin"]


def test_a_place_from_our_records_is_one_word():
    UnitFactory(name="Công an tỉnh Điện Biên Đông", locality="Điện Biên Đông")
    assert [word.folded for word in parse("dien bien dong").words] == ["dien bien dong"]


def test_names_saved_after_a_search_are_known_to_the_next():
    assert [word.folded for word in parse("hoang van thu").words] == ["hoang", "van", "thu"]
    OfficialFactory(full_name="Hoàng Văn Thụ")
    assert [word.folded for word in parse("hoang van thu").words] == ["hoang van thu"]


def test_a_renamed_official_leaves_the_records_found():
    official = OfficialFactory(full_name="Lê Văn Cũ")
    assert search.records(parse("le van cu")).officials == [official]
    official.full_name = "Lê Văn Mới"
    official.save()
    assert search.records(parse("le van cu")).officials == []
    assert search.records(parse("le van moi")).officials == [official]


def test_an_official_withheld_after_a_search_is_no_longer_found():
    official = OfficialFactory(full_name="Trần Văn Ẩn")
    assert search.records(parse("tran van an")).officials == [official]
    official.disclosure = Official.Disclosure.WITHHELD
    official.save()
    assert search.records(parse("tran van an")).officials == []


# --- Ranking -------------------------------------------------------------------------


def test_title_match_ranks_above_body_match_even_when_older():
    publish("Tin mới nhắc trong bài", body="Đoàn công tác đến Quảng Bình.", hours_ago=1)
    publish("Quảng Bình tổng kết năm", hours_ago=48)
    assert found("quang binh") == ["Quảng Bình tổng kết năm", "Tin mới nhắc trong bài"]


def test_typed_marks_rank_agreeing_text_above_folded_only_matches():
    publish("Đồng chí Nguyễn Thanh Hoa nhận bằng khen", hours_ago=1)
    publish("Công an Thanh Hoá ra quân", hours_ago=5)
    assert found("Thanh Hóa") == [
        "Công an Thanh Hoá ra quân",
        "Đồng chí Nguyễn Thanh Hoa nhận bằng khen",
    ]


def test_without_marks_recency_decides_between_equal_matches():
    publish("Đồng chí Nguyễn Thanh Hoa nhận bằng khen", hours_ago=1)
    publish("Công an Thanh Hoá ra quân", hours_ago=5)
    assert found("thanh hoa") == [
        "Đồng chí Nguyễn Thanh Hoa nhận bằng khen",
        "Công an Thanh Hoá ra quân",
    ]


def test_recency_breaks_ties():
    publish("Nghệ An: tin cũ", hours_ago=30)
    publish("Nghệ An: tin mới", hours_ago=2)
    assert found("nghe an") == ["Nghệ An: tin mới", "Nghệ An: tin cũ"]


def test_the_whole_query_as_typed_ranks_above_its_words_apart_even_when_older():
    publish("Quốc lộ mới", body="Xe qua Hà Tĩnh an toàn.", hours_ago=1)
    publish("Tin cũ", body="Đoạn Hà Tĩnh quốc lộ 1 được sửa.", hours_ago=72)
    assert found("ha tinh quoc lo") == ["Tin cũ", "Quốc lộ mới"]


def test_words_in_the_title_rank_above_words_in_the_body():
    publish("Tin mới", body="Hà Tĩnh, tuần tra trên quốc lộ.", hours_ago=1)
    publish("Hà Tĩnh tuần tra", body="Trên quốc lộ.", hours_ago=30)
    assert found("ha tinh quoc lo") == ["Hà Tĩnh tuần tra", "Tin mới"]


def test_words_agreeing_with_the_typed_marks_rank_first_among_words_apart():
    publish("Tin một", body="Nguyễn Thanh Hoa dự lễ ở quốc lộ 1.", hours_ago=1)
    publish("Tin hai", body="Thanh Hoá mở rộng quốc lộ 1.", hours_ago=5)
    assert found("Thanh Hóa, quốc lộ") == ["Tin hai", "Tin một"]


def test_the_whole_query_score_is_added_to_the_words_score():
    publish("Hà Tĩnh quốc lộ")
    article = search.articles(parse("ha tinh quoc lo")).get()
    assert article.score == search.WHOLE_WEIGHT + 2 * search.TITLE_WEIGHT


def test_score_is_computed_in_the_database():
    publish("Công an Thanh Hoá ra quân")
    article = search.articles(parse("Thanh Hóa")).get()
    assert article.score == search.TITLE_WEIGHT + search.TONE_WEIGHT + search.TONED_TITLE_WEIGHT


# --- What never appears --------------------------------------------------------------


@pytest.mark.parametrize("state", ["in_review", "scheduled", "expired", "unpublished"])
def test_articles_the_public_may_not_see_are_never_found(state):
    ArticleFactory(title="Thanh Hoá: bài không công khai", **{state: True})
    assert found("thanh hoa") == []


def test_drafts_are_never_found():
    ArticleFactory(title="Thanh Hoá: bản nháp")
    assert found("thanh hoa") == []


def test_scheduled_article_is_found_once_its_time_comes():
    ArticleFactory(title="Thanh Hoá: bài lên lịch", scheduled=True)
    with time_machine.travel(NOW + dt.timedelta(days=2), tick=False):
        assert found("thanh hoa") == ["Thanh Hoá: bài lên lịch"]


# --- Bad queries ---------------------------------------------------------------------


BAD_QUERIES = [
    "",
    "   ",
    "x" * 1000,
    "an ninh " * 125,
    "!!! ??? ...",
    '"',
    "'",
    "%",
    "_",
    "\\",
    "%_\\",
    "50%",
    "a_b",
    "c:\\windows\\",
    "'; DROP TABLE articles_article; --",
    "1' OR '1'='1",
    "<script>alert('XSS')</script>",
    '"><img src=x onerror=alert(1)>',
    unicodedata.normalize("NFD", "Thanh Hoá"),
    "\u200b\ufeff",
]


@pytest.mark.parametrize("typed", BAD_QUERIES)
def test_bad_queries_are_answered(client, typed):
    publish("Thanh Hoá: an ninh trật tự bảo đảm")
    response = client.get("/tim-kiem/", {"q": typed})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")


def test_wildcards_match_themselves_not_everything():
    publish("Giảm 50 vụ so với cùng kỳ")
    publish("Tin không liên quan")
    assert found("%") == []
    assert found("_") == []
    assert found("50%") == ["Giảm 50 vụ so với cùng kỳ"]


def test_sql_fragment_is_only_words():
    publish("Tin không liên quan")
    assert found("'; DROP TABLE articles_article; --") == []
    assert Article.objects.count() == 1


def test_empty_query_says_what_to_type(client):
    html = client.get("/tim-kiem/").content.decode()
    assert "Nhập từ khoá để tìm" in html


def test_punctuation_only_query_is_explained(client):
    html = client.get("/tim-kiem/", {"q": "!!!"}).content.decode()
    assert "Từ khoá cần có ít nhất một chữ hoặc số." in html


def test_long_query_is_cut_and_answered(client):
    publish("An ninh trật tự được bảo đảm")
    response = client.get("/tim-kiem/", {"q": "an ninh, " + "x" * 1000})
    html = response.content.decode()
    assert "<mark>An ninh</mark> trật tự" not in html  # "xxx…" must match too: every phrase
    assert "Không tìm thấy bài viết nào" in html
    assert len(parse("x" * 1000).raw) == 200


# --- Highlighting --------------------------------------------------------------------


def test_results_highlight_the_match_in_title_and_snippet(client):
    publish("Công an Thanh Hoá ra quân", lead="Sáng nay, Công an tỉnh Thanh Hóa tổ chức lễ.")
    html = client.get("/tim-kiem/", {"q": "thanh hoa"}).content.decode()
    assert "<mark>Thanh Hoá</mark> ra quân" in html
    assert "Công an tỉnh <mark>Thanh Hóa</mark> tổ chức lễ." in html


def test_snippet_comes_from_the_body_when_the_lead_does_not_match(client):
    publish("Tin hội nghị", lead="Sapo chung chung.", body="Đại tá Hồ Văn Tứ trình bày báo cáo.")
    html = client.get("/tim-kiem/", {"q": "ho van tu"}).content.decode()
    assert "Đại tá <mark>Hồ Văn Tứ</mark> trình bày báo cáo." in html


def test_text_around_the_highlight_is_escaped(client):
    publish("Tin <b>in đậm</b> Thanh Hoá", lead="Sapo <script>alert(1)</script> Thanh Hoá")
    html = client.get("/tim-kiem/", {"q": "thanh hoa"}).content.decode()
    assert "Tin &lt;b&gt;in đậm&lt;/b&gt; <mark>Thanh Hoá</mark>" in html
    assert "<script>alert(1)</script>" not in html


def test_the_query_is_escaped_where_it_is_repeated(client):
    html = client.get("/tim-kiem/", {"q": '"><b>thử</b>'}).content.decode()
    assert "<b>thử</b>" not in html
    assert "&lt;b&gt;thử&lt;/b&gt;" in html


# --- Filters and pagination ----------------------------------------------------------


def test_section_filter_includes_its_child_sections(client):
    security = SectionFactory(name="An ninh trật tự")
    child = SectionFactory(name="Phòng chống ma tuý", parent=security)
    publish("Thanh Hoá: tin an ninh", section=child)
    publish("Thanh Hoá: tin xây dựng lực lượng", section=SectionFactory(name="Xây dựng lực lượng"))
    assert found("thanh hoa", section=security) == ["Thanh Hoá: tin an ninh"]
    html = client.get("/tim-kiem/", {"q": "thanh hoa", "muc": security.slug}).content.decode()
    assert "tin an ninh" in html
    assert "tin xây dựng lực lượng" not in html


def test_date_range_is_read_day_first_and_includes_both_days(client):
    for day, month in [(4, 11), (5, 11), (11, 5), (11, 11), (12, 11)]:
        ArticleFactory(
            title=f"Nghệ An ngày {day}/{month}",
            status=Article.Status.PUBLISHED,
            published_at=timezone.make_aware(dt.datetime(2026, month, day, 23, 30)),
        )
    html = client.get(
        "/tim-kiem/", {"q": "nghe an", "tu": "05/11/2026", "den": "11/11/2026"}
    ).content.decode()
    assert "</mark> ngày 5/11" in html
    assert "</mark> ngày 11/11" in html
    for absent in ("ngày 4/11", "ngày 11/5", "ngày 12/11"):
        assert absent not in html


def test_bad_dates_are_explained_in_vietnamese_and_kept(client):
    publish("Nghệ An ra quân")
    html = client.get("/tim-kiem/", {"q": "nghe an", "tu": "31/02/2026"}).content.decode()
    assert "Nhập ngày theo dạng dd/mm/yyyy" in html
    assert 'value="31/02/2026"' in html
    assert "<mark>Nghệ An</mark> ra quân" in html


def test_end_before_start_is_refused(client):
    html = client.get(
        "/tim-kiem/", {"q": "nghe an", "tu": "10/11/2026", "den": "01/11/2026"}
    ).content.decode()
    assert "Ngày kết thúc phải từ ngày bắt đầu trở đi." in html


def test_results_are_paginated_with_the_query_kept(client):
    for number in range(search_per_page() + 3):
        publish(f"Hà Tĩnh tin số {number}", hours_ago=number + 1)
    first = client.get("/tim-kiem/", {"q": "ha tinh"}).content.decode()
    assert f"Tìm thấy {search_per_page() + 3} bài viết" in first
    assert "?q=ha+tinh&amp;trang=2" in first
    second = client.get("/tim-kiem/", {"q": "ha tinh", "trang": "2"}).content.decode()
    assert "Trang 2/2" in second
    assert second.count('class="teaser search-result"') == 3


def test_page_past_the_end_shows_the_last_page(client):
    publish("Hà Tĩnh tin duy nhất")
    html = client.get("/tim-kiem/", {"q": "ha tinh", "trang": "99"}).content.decode()
    assert "</mark> tin duy nhất" in html


@pytest.mark.parametrize("number", ["0", "-3", "abc", "9" * 30])
def test_nonsense_page_numbers_are_answered(client, number):
    publish("Hà Tĩnh tin duy nhất")
    response = client.get("/tim-kiem/", {"q": "ha tinh", "trang": number})
    assert response.status_code == 200
    assert "</mark> tin duy nhất" in response.content.decode()


def test_results_page_query_count_does_not_grow(client, monkeypatch, django_assert_num_queries):
    from tests.queries import count_queries

    monkeypatch.setattr(search, "CANDIDATES", 4)  # the first window holds enough either way
    for number in range(5):
        publish(f"Quảng Trị tin {number}")
    UnitFactory(name="Công an tỉnh Quảng Trị")
    client.get("/")  # the site-wide data (publisher, sections) is cached from then on
    baseline = count_queries(lambda: client.get("/tim-kiem/", {"q": "quang tri"}))
    for number in range(15):
        publish(f"Quảng Trị tin thêm {number}", section=SectionFactory())
        UnitFactory(name=f"Công an tỉnh Quảng Trị {number}").aliases.create(name=f"CA QT {number}")
    with django_assert_num_queries(baseline):
        client.get("/tim-kiem/", {"q": "quang tri"})


def test_time_windows_take_a_few_queries_at_most(django_assert_max_num_queries):
    for days in [1, 40, 400, 1500]:
        publish(f"Quảng Trị {days}", hours_ago=24 * days)
    query = parse("quang tri")
    with django_assert_max_num_queries(4):
        ids, _ = search.candidates(query)
    assert len(ids) == 4


def search_per_page():
    from discovery.views import PER_PAGE

    return PER_PAGE


# --- Records -------------------------------------------------------------------------


def test_records_are_found_and_grouped_by_kind(client):
    ClusterFactory(number=5)
    UnitFactory(name="Công an tỉnh Thanh Hoá")
    OfficialFactory(full_name="Hồ Văn Tứ")
    html = client.get("/tim-kiem/", {"q": "cum thi dua so 5"}).content.decode()
    assert "<h3>Cụm thi đua</h3>" in html
    html = client.get("/tim-kiem/", {"q": "thanh hoa"}).content.decode()
    assert "<h3>Đơn vị</h3>" in html
    assert "Công an tỉnh Thanh Hoá" in html
    html = client.get("/tim-kiem/", {"q": "ho van tu"}).content.decode()
    assert "<h3>Cán bộ</h3>" in html


def test_unit_is_found_by_its_alias():
    unit = UnitFactory(name="Công an tỉnh Thừa Thiên Huế")
    unit.aliases.create(name="CA TT-Huế")
    assert search.records(parse("ca tt hue")).units == [unit]


def test_withheld_official_is_never_found(client):
    OfficialFactory(full_name="Nguyễn Văn Bí Mật", disclosure=Official.Disclosure.WITHHELD)
    assert search.records(parse("nguyen van bi mat")).officials == []
    html = client.get("/tim-kiem/", {"q": "nguyen van bi mat"}).content.decode()
    assert "Bí Mật" not in html


def test_official_named_by_initials_is_not_found_by_full_name():
    OfficialFactory(full_name="Trần Văn Kín", disclosure=Official.Disclosure.INITIALS)
    assert search.records(parse("tran van kin")).officials == []


def test_records_with_marks_typed_rank_agreeing_names_first():
    hoa = OfficialFactory(full_name="Nguyễn Thanh Hoa")
    hoa_tone = OfficialFactory(full_name="Lê Thanh Hoá")
    assert search.records(parse("Thanh Hóa")).officials == [hoa_tone, hoa]


# --- The page ------------------------------------------------------------------------


def test_search_form_is_a_labelled_search_landmark(client):
    html = client.get("/tim-kiem/").content.decode()
    assert 'role="search"' in html
    assert '<label for="tim-q">Từ khoá</label>' in html
    assert '<meta name="robots" content="noindex, follow">' in html


def test_the_search_help_says_words_may_be_apart(client):
    html = client.get("/tim-kiem/").content.decode()
    assert "các từ có thể nằm ở bất kỳ đâu trong bài" in html
    assert "đặt cụm từ trong ngoặc kép để tìm đúng cả cụm" in html


def test_every_page_has_the_site_search_box(client):
    html = client.get("/").content.decode()
    assert 'action="/tim-kiem/"' in html
    assert '<label for="tim-nhanh" class="visually-hidden">Từ khoá tìm kiếm</label>' in html


# --- Bounded work for common phrases ---------------------------------------------------


@pytest.fixture
def few_candidates(monkeypatch):
    monkeypatch.setattr(search, "CANDIDATES", 3)


def test_common_phrase_ranks_its_newest_matches_and_says_there_are_more(client, few_candidates):
    for number, hours in enumerate([1, 30, 24 * 20, 24 * 400, 24 * 900]):
        publish(f"Tin {number}", body="Công an Nghệ An ra quân.", hours_ago=hours)
    assert found("nghe an") == ["Tin 0", "Tin 1", "Tin 2"]
    html = client.get("/tim-kiem/", {"q": "nghe an"}).content.decode()
    assert "Tìm thấy hơn 3 bài viết" in html


def test_candidates_widen_until_enough_are_found(few_candidates):
    for number, days in enumerate([2, 100, 500, 2000]):
        publish(f"Tin {number}", body="Công an Nghệ An ra quân.", hours_ago=24 * days)
    ids, capped = search.candidates(parse("nghe an"))
    assert capped
    assert [Article.objects.get(pk=pk).title for pk in ids] == ["Tin 0", "Tin 1", "Tin 2"]


def test_rare_phrase_is_found_however_old(few_candidates):
    publish("Tin rất cũ về Hồ Văn Tứ", hours_ago=24 * 3000)
    ids, capped = search.candidates(parse("ho van tu"))
    assert (len(ids), capped) == (1, False)


def test_within_the_ranked_matches_the_title_still_wins(few_candidates):
    publish("Tin mới", body="Công an Nghệ An ra quân.", hours_ago=1)
    publish("Tin hôm qua", body="Công an Nghệ An ra quân.", hours_ago=20)
    publish("Nghệ An tổng kết", hours_ago=40)
    publish("Tin cũ", body="Công an Nghệ An ra quân.", hours_ago=24 * 30)
    assert found("nghe an") == ["Nghệ An tổng kết", "Tin mới", "Tin hôm qua"]


def test_an_old_article_holding_the_whole_query_is_ranked_when_matches_are_capped(few_candidates):
    for number in range(4):
        publish(f"Tin {number}", body="Hồ nước ở Văn Lâm, ông Tứ kể.", hours_ago=number + 1)
    publish("Tin rất cũ", body="Đại tá Hồ Văn Tứ phát biểu.", hours_ago=24 * 900)
    assert found("ho van tu")[0] == "Tin rất cũ"
    assert search.articles(parse("ho van tu")).is_capped


def test_a_long_word_is_found_behind_many_newer_articles_holding_its_syllables_apart(
    few_candidates,
):
    # "Hồ Văn Lâm, Văn Tứ" holds the index terms of "hồ văn tứ" (ho_van, van_tu) but not
    # the word: the newest of those are checked first, then every article.
    OfficialFactory(full_name="Hồ Văn Tứ")
    for number in range(10):
        publish(f"Tin {number}", body="Hồ Văn Lâm, Văn Tứ ra quân.", hours_ago=number + 1)
    publish("Tin về Hồ Văn Tứ", hours_ago=24 * 30)
    assert found("ho van tu") == ["Tin về Hồ Văn Tứ"]


@pytest.mark.parametrize("hours_ago", [10, 24 * 900])
def test_the_older_articles_ranked_hold_the_whole_query_as_typed(
    few_candidates, monkeypatch, hours_ago
):
    # Older articles join the capped matches for holding the whole query as typed, not
    # its syllable pairs apart ("Hà Tĩnh quốc phòng; Yên Tĩnh quốc lộ"): just older than
    # the newest matches or years before, on every database.
    monkeypatch.setattr(search, "PHRASE_CANDIDATES", 1)
    for number in range(4):
        publish(f"Tin {number}", body="Hà Tĩnh ra quân trên quốc lộ 1.", hours_ago=number + 1)
    publish("Tin có các cặp", body="Hà Tĩnh quốc phòng; Yên Tĩnh quốc lộ 8.", hours_ago=5)
    publish("Tin cũ hơn", body="Đoạn Hà Tĩnh quốc lộ 1 được sửa.", hours_ago=hours_ago)
    assert found("ha tinh quoc lo") == ["Tin cũ hơn", "Tin 0", "Tin 1", "Tin 2"]


def test_the_older_articles_are_found_by_the_ranking_query(
    few_candidates, django_assert_num_queries
):
    # PostgreSQL: one query for the newest matches, one ranking them with the older
    # articles holding the whole query (found in the ranking query); SQLite asks apart.
    from django.db import connection

    for number in range(4):
        publish(f"Tin {number}", body="Hồ nước ở Văn Lâm, ông Tứ kể.", hours_ago=number + 1)
    publish("Tin rất cũ", body="Đại tá Hồ Văn Tứ phát biểu.", hours_ago=24 * 900)
    query = parse("ho van tu")
    with django_assert_num_queries(2 if connection.vendor == "postgresql" else 4):
        titles = [article.title for article in search.articles(query)]
    assert titles[0] == "Tin rất cũ"
    assert len(titles) == 4


# --- Windows of time: the recent-terms index (PostgreSQL) ------------------------------

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the recent-terms index is PostgreSQL's"
)


def in_window(typed, start, end, **kwargs):
    window = search.TimeWindow(start, end, **kwargs)
    matches = search._holding(Article.objects.published(), parse(typed).words, window=window)
    return sorted(matches.values_list("title", flat=True))


def test_a_period_is_the_floor_of_epoch_seconds_by_thirty_days():
    boundary = dt.datetime.fromtimestamp(693 * search.PERIOD_SECONDS, dt.UTC)
    assert search.period(boundary) == 693
    assert search.period(boundary - dt.timedelta(microseconds=1)) == 692
    assert search.period(dt.datetime(1969, 12, 31, 23, 59, tzinfo=dt.UTC)) == -1


@pytest.mark.parametrize("microseconds", [0, 1, -1])
def test_a_window_finds_articles_on_both_sides_of_a_period_boundary(microseconds):
    # Python's period and the index's (SQL) must agree to the microsecond, or an article
    # published next to a boundary is looked for in the wrong period and not found.
    boundary = dt.datetime.fromtimestamp(search.period(NOW) * search.PERIOD_SECONDS, dt.UTC)
    at = boundary + dt.timedelta(microseconds=microseconds)
    hours_ago = (NOW - at) / dt.timedelta(hours=1)
    publish("Tuần tra sát mốc", body="Công an Quảng Trị tuần tra.", hours_ago=hours_ago)
    publish("Tuần tra cũ", body="Công an Quảng Trị tuần tra.", hours_ago=24 * 90)
    assert in_window("quang tri tuan tra", at, at) == ["Tuần tra sát mốc"]
    assert in_window("quang tri tuan tra", at - dt.timedelta(days=40), NOW) == ["Tuần tra sát mốc"]
    assert in_window("quang tri tuan tra", at, NOW, end_included=False) == ["Tuần tra sát mốc"]
    assert in_window("quang tri tuan tra", at - dt.timedelta(days=400), NOW) == [
        "Tuần tra cũ",
        "Tuần tra sát mốc",
    ]


def test_a_rescheduled_article_is_found_in_its_new_window_only():
    article = publish("Bài dời lịch", body="Cụm thi đua số 5 sơ kết.", hours_ago=24 * 70)
    week = (NOW - dt.timedelta(days=7), NOW)
    assert in_window("cum thi dua so 5", *week) == []
    article.published_at = NOW - dt.timedelta(hours=2)
    article.save()
    assert in_window("cum thi dua so 5", *week) == ["Bài dời lịch"]
    assert (
        in_window("cum thi dua so 5", NOW - dt.timedelta(days=100), NOW - dt.timedelta(days=8))
        == []
    )


@postgres_only
@pytest.mark.parametrize(("days", "recent"), [(7, True), (200, True), (3 * 365, False)])
def test_a_window_of_up_to_a_year_names_the_recent_terms_index_expression(days, recent):
    # The query names exactly the index's expression (so PostgreSQL can read the index),
    # for windows of up to MAX_PERIODS periods only. Which plan PostgreSQL then picks
    # depends on the table's size: on a test's few dozen rows it may as well read the
    # dates' index and compute the terms of each row; from a thousand articles up it
    # reads the recent terms (EXPLAIN at 1k and 100k, and the search benchmark's plans).
    publish("Tin", body="Bảo đảm an ninh trật tự.")
    window = search.TimeWindow(NOW - dt.timedelta(days=days), NOW)
    matches = search._holding(Article.objects.published(), parse("an ninh").words, window=window)
    sql = str(matches.query)
    expression = "newsroom_search_recent_terms(search_terms, published_at)"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'article_search_recent_terms'"
        )
        (definition,) = cursor.fetchone()
    assert expression in definition
    named = sql.replace('"articles_article".', "").replace('"', "")
    assert (expression in named) is recent, sql
    assert [article.title for article in matches] == ["Tin"]


# --- Query budget ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["quang tri", "Quảng Trị tuần tra", "cong an quang tri quoc lo", "không có"]
)
def test_search_page_makes_at_most_six_queries(client, django_assert_max_num_queries, typed):
    for number in range(5):
        publish(
            f"Quảng Trị tin {number}",
            body="Công an tuần tra trên quốc lộ 9.",
            hours_ago=24 * 30 * number + 1,
        )
    UnitFactory(name="Công an tỉnh Quảng Trị", locality="Quảng Trị")
    OfficialFactory(full_name="Hồ Văn Tứ")
    client.get("/tim-kiem/", {"q": typed})  # the records and names, kept per process
    with django_assert_max_num_queries(6):
        response = client.get("/tim-kiem/", {"q": typed})
    assert response.status_code == 200
