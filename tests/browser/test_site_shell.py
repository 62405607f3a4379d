import pytest

from newsroom.models import Publisher
from tests.articles.factories import SectionFactory
from tests.browser.conftest import login
from tests.factories import editor

pytestmark = pytest.mark.django_db(transaction=True)


def test_reader_sees_home_with_menu_and_publisher_footer(page, live_server, artifacts):
    Publisher.objects.create(site_name="Công an tỉnh Quảng Trị", governing_body="Bộ Công an")
    SectionFactory(name="An ninh trật tự")
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    page.get_by_role("navigation", name="Chuyên mục").get_by_role(
        "link", name="An ninh trật tự"
    ).click()
    page.wait_for_url("**/chuyen-muc/an-ninh-trat-tu/")
    assert page.get_by_role("heading", level=1).inner_text() == "An ninh trật tự"
    assert "Bộ Công an" in page.locator("footer").inner_text()
    page.screenshot(path=artifacts / "section.png", full_page=True)


def test_skip_link_is_first_and_moves_focus_to_main(page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Bỏ qua, đến nội dung chính"
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "noi-dung"


def test_editor_logs_in_to_the_vietnamese_admin(page, live_server):
    editor(username="bientap")
    login(page, live_server, "bientap")
    assert "Quản trị nội dung" in page.content()
