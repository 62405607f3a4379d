import pytest

from clusters import demo
from tests.browser.conftest import login
from tests.browser.quality import axe_findings, html_problems
from tests.factories import records_officer

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def records(_roles):
    demo.seed(lambda message: None)


def test_reader_follows_cluster_5_from_the_directory_to_a_member(
    page, live_server, records, artifacts
):
    page.goto(f"{live_server.url}/cum-thi-dua/")
    assert page.get_by_role("heading", level=1).inner_text() == "Cụm, khối thi đua"
    page.get_by_role("link", name="Cụm thi đua số 5").first.click()
    page.wait_for_url("**/cum-thi-dua/cum-thi-dua-so-5/")
    page.get_by_role("navigation", name="Chọn năm").get_by_role("link", name="2020").click()
    page.wait_for_url("**/cum-thi-dua/cum-thi-dua-so-5/?nam=2020")
    members = page.locator(".records-members").inner_text()
    assert "Công an tỉnh Thanh Hóa Cụm trưởng" in members
    assert "Công an tỉnh Thừa Thiên Huế" in members
    assert "Chủ động, nêu gương, kỷ cương, trách nhiệm, hiệu quả" in page.content()
    review = page.locator("article", has_text="Hội nghị sơ kết 6 tháng đầu năm 2020")
    assert "Đại tá Hồ Văn Tứ, Phó Giám đốc Công an tỉnh Nghệ An – trình bày báo cáo" in (
        review.inner_text()
    )
    page.screenshot(path=artifacts / "cluster-5-2020.png", full_page=True)


def test_quang_binh_page_links_to_its_successor(page, live_server, records, artifacts):
    page.goto(f"{live_server.url}/don-vi/cong-an-tinh-quang-binh/")
    assert page.get_by_role("heading", level=1).inner_text() == "Công an tỉnh Quảng Bình"
    page.screenshot(path=artifacts / "unit-quang-binh.png", full_page=True)
    page.get_by_role("link", name="Công an tỉnh Quảng Trị").first.click()
    page.wait_for_url("**/don-vi/cong-an-tinh-quang-tri-2025/")
    timeline = page.locator(".records-timeline").inner_text()
    assert "Công an tỉnh Quảng Bình" in timeline
    assert "hiệu lực từ 01/07/2025" in timeline


def test_official_page_shows_rank_and_positions(page, live_server, records):
    page.goto(f"{live_server.url}/can-bo/ho-van-tu/")
    assert page.get_by_role("heading", level=1).inner_text() == "Hồ Văn Tứ"
    assert "Đại tá" in page.locator(".records-facts").inner_text()
    page.get_by_role("link", name="Hội nghị sơ kết 6 tháng đầu năm 2020").click()
    page.wait_for_url("**/cum-thi-dua/cum-thi-dua-so-5/?nam=2020#su-kien-*")


def test_records_officer_opens_the_cluster_year_form(page, live_server, records):
    records_officer(username="hoso")
    login(page, live_server, "hoso")
    page.goto(f"{live_server.url}/admin/clusters/clusteryear/add/")
    assert page.get_by_role("heading", name="Đơn vị thành viên").count() >= 1


RECORD_PAGES = {
    "danh sách cụm": "/cum-thi-dua/",
    "cụm theo năm": "/cum-thi-dua/cum-thi-dua-so-5/?nam=2020",
    "đơn vị": "/don-vi/cong-an-tinh-quang-binh/",
    "đơn vị có cán bộ": "/don-vi/phong-tham-muu-cong-an-tinh-nghe-an/",
    "cán bộ": "/can-bo/ho-van-tu/",
}


def test_record_pages_pass_the_nu_html_checker(records, tmp_path):
    problems = html_problems(RECORD_PAGES, tmp_path)
    assert problems == [], "\n".join(problems)


def test_record_pages_have_no_axe_violations(browser, live_server, records):
    findings = axe_findings(browser, live_server, RECORD_PAGES)
    assert findings == [], "\n".join(findings)


def test_name_parts_are_suggested_while_typing_and_hand_edits_kept(page, live_server):
    records_officer(username="hoso")
    login(page, live_server, "hoso")
    page.goto(f"{live_server.url}/admin/clusters/official/add/")
    page.locator("#id_full_name").fill("Dương Văn Tiến")
    assert page.locator("#id_family_name").input_value() == "Dương"
    assert page.locator("#id_middle_name").input_value() == "Văn"
    assert page.locator("#id_given_name").input_value() == "Tiến"
    page.locator("#id_family_name").fill("Tôn Nữ")
    page.locator("#id_full_name").fill("Tôn Nữ Thị Ninh")
    assert page.locator("#id_family_name").input_value() == "Tôn Nữ"
