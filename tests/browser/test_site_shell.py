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


def masthead_colour(page, live_server):
    page.goto(live_server.url + "/")
    return page.locator(".site-header").evaluate("el => getComputedStyle(el).backgroundColor")


def test_editing_the_brand_colour_in_the_admin_recolours_the_masthead(page, live_server):
    publisher = Publisher.objects.create(site_name="Công an tỉnh Quảng Trị")
    assert masthead_colour(page, live_server) == "rgb(139, 0, 0)"
    editor(username="bientap")
    login(page, live_server, "bientap")
    change = f"{live_server.url}/admin/newsroom/publisher/{publisher.pk}/change/"
    page.goto(change)
    field = page.locator("#id_brand_colour")
    field.fill("#E06666")
    page.locator("input[name=_save]").click()
    error = page.locator(".errorlist").first
    assert "Màu chủ đạo #e06666 không đủ tương phản" in error.inner_text()
    assert "3,35:1" in error.inner_text()
    assert field.input_value() == "#E06666"
    field.fill("#1a4d8f")
    page.locator("input[name=_save]").click()
    page.wait_for_url(f"{live_server.url}/admin/newsroom/publisher/")
    assert masthead_colour(page, live_server) == "rgb(26, 77, 143)"
    navbar = page.locator(".navbar").evaluate("el => getComputedStyle(el).backgroundColor")
    assert navbar == "rgb(26, 77, 143)"
