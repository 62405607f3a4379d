"""A reporter writes in CKEditor, an editor publishes, a reader finds it on the home page."""

import re

import pytest

from articles.models import Article, Author
from tests.articles.factories import SectionFactory
from tests.browser.conftest import login
from tests.browser.quality import watch_console
from tests.factories import editor, reporter

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Công an Hà Tĩnh ra quân bảo đảm an toàn giao thông dịp cuối năm"


def test_reporter_writes_editor_publishes_reader_reads(browser, live_server, artifacts):
    writer = reporter(username="phongvien", first_name="Trọng Tuấn")
    Author.objects.create(name="Trọng Tuấn", user=writer)
    editor(username="bientap")
    SectionFactory(name="An toàn giao thông")

    # The reporter writes and submits.
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    problems = watch_console(page)
    login(page, live_server, "phongvien")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_section").select_option(label="An toàn giao thông")
    page.locator("#id_lead").fill("Lực lượng Cảnh sát giao thông mở đợt cao điểm.")
    body = page.locator(".ck-editor__editable")
    body.click()
    page.keyboard.type("Các tổ công tác xử lý ")
    page.keyboard.press("Control+B")
    page.keyboard.type("nghiêm")
    page.keyboard.press("Control+B")
    page.keyboard.type(" mọi vi phạm nồng độ cồn, xem ")
    page.keyboard.press("Control+K")
    # CKEditor's link balloon: the text shown and the address.
    page.get_by_label("Văn bản đã hiển thị").fill("cổng thông tin giao thông")
    page.get_by_label("Đường dẫn liên kết").fill("https://csgt.vn/")
    page.get_by_label("Đường dẫn liên kết").press("Enter")
    body.click()
    page.keyboard.press("End")
    page.keyboard.type(" để tra cứu.")
    page.locator('input[name="_continue"]').first.click()
    page.wait_for_url(re.compile(r"/admin/articles/article/\d+/change/"))
    assert "thành công" in page.locator(".messagelist").inner_text()
    page.get_by_role("button", name="Gửi duyệt").click()
    assert "Đã gửi duyệt" in page.locator(".messagelist").inner_text()
    assert problems == []
    context.close()

    article = Article.objects.get()
    assert article.status == Article.Status.REVIEW
    assert "<strong>nghiêm</strong>" in article.body
    assert 'href="https://csgt.vn/"' in article.body

    # The editor publishes.
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    login(page, live_server, "bientap")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.get_by_role("button", name="Đăng ngay").click()
    assert "Đã đăng" in page.locator(".messagelist").inner_text()
    context.close()

    # An anonymous reader finds it on the home page and opens it.
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name=TITLE).first.click()
    page.wait_for_url(f"{live_server.url}/bai-viet/**")
    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    assert page.locator(".article-body strong").inner_text() == "nghiêm"
    link = page.locator(".article-body a")
    assert link.get_attribute("href") == "https://csgt.vn/"
    assert link.get_attribute("rel") == "noopener noreferrer"
    assert "Trọng Tuấn" in page.locator(".byline").inner_text()
    page.screenshot(path=artifacts / "article.png", full_page=True)
    context.close()
