"""Presence marker and autosave recovery, in a real browser with real sessions."""

import re

import pytest
from django.contrib.sessions.models import Session

from articles.models import Article
from editorial import presence
from tests.articles.factories import ArticleFactory
from tests.browser.conftest import login
from tests.browser.quality import watch_console
from tests.factories import editor, reporter

pytestmark = pytest.mark.django_db(transaction=True)

TYPED_TITLE = "Công an Thừa Thiên Huế sơ kết 6 tháng đầu năm 2020"
TYPED_BODY = "Hội nghị do Đại tá Hồ Văn Tứ chủ trì, các đơn vị trong Cụm thi đua số 5 dự."


def new_page(browser):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.set_default_timeout(15_000)
    return context, context.new_page()


def editor_ready(page):
    page.wait_for_function("() => window.editors && window.editors['id_body']")


def type_into_form(page):
    editor_ready(page)
    page.locator("#id_title").fill(TYPED_TITLE)
    page.locator(".ck-editor__editable").click()
    page.keyboard.press("Control+A")
    page.keyboard.type(TYPED_BODY)


def wait_for_draft(page, owner):
    page.wait_for_function(
        "([key, words]) => (localStorage.getItem(key) || '').includes(words)",
        arg=[f"newsroom:draft:{owner}", "Hồ Văn Tứ"],
    )


def body_text(page):
    return page.evaluate("() => window.editors['id_body'].getData()")


def test_second_person_sees_who_has_the_article_open_and_an_editor_takes_over(
    browser, live_server, artifacts, monkeypatch
):
    monkeypatch.setattr(presence, "HEARTBEAT_SECONDS", 5)
    writer = reporter(username="phongvien", first_name="Trọng Tuấn", last_name="Lê")
    editor(username="bientap", first_name="Xuân Bắc", last_name="Nguyễn")
    article = ArticleFactory(created_by=writer)
    url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"

    first_context, first = new_page(browser)
    login(first, live_server, "phongvien")
    first.goto(url)
    assert first.locator("#editorial-presence").is_hidden()

    second_context, second = new_page(browser)
    problems = watch_console(second)
    login(second, live_server, "bientap")
    second.goto(url)
    marker = second.locator("#editorial-presence")
    assert marker.is_visible()
    assert re.fullmatch(
        r"Lê Trọng Tuấn đang mở bài này \(từ \d\d:\d\d\)",
        second.locator(".editorial-presence-text").inner_text(),
    )
    second.screenshot(path=artifacts / "editorial-presence.png")

    # The editor takes over; the reporter's page learns it at its next heartbeat.
    second.get_by_role("button", name="Tiếp quản").click()
    second.wait_for_url(url)
    assert second.locator("#editorial-presence").is_hidden()
    first.locator("#editorial-presence").wait_for(state="visible", timeout=12_000)
    assert "Nguyễn Xuân Bắc đang mở bài này" in first.locator("#editorial-presence").inner_text()
    assert problems == []
    first_context.close()
    second_context.close()


def test_closed_tab_offers_the_unsaved_text_back_into_ckeditor(browser, live_server, artifacts):
    writer = reporter(username="phongvien")
    article = ArticleFactory(created_by=writer, title="Tiêu đề đã lưu")
    url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    context, page = new_page(browser)
    problems = watch_console(page)
    login(page, live_server, "phongvien")
    page.goto(url)
    type_into_form(page)
    wait_for_draft(page, f"{writer.pk}-{article.pk}")
    page.close()

    page = context.new_page()
    page.goto(url)
    editor_ready(page)
    assert page.locator("#id_title").input_value() == "Tiêu đề đã lưu"
    page.get_by_role("button", name="Khôi phục bản chưa lưu").click()
    assert page.locator("#id_title").input_value() == TYPED_TITLE
    assert TYPED_BODY in body_text(page)
    page.screenshot(path=artifacts / "editorial-recovered.png")

    # Saved: the draft is gone and not offered again.
    page.locator('input[name="_continue"]').first.click()
    page.wait_for_url(url)
    editor_ready(page)
    assert Article.objects.get(pk=article.pk).title == TYPED_TITLE
    assert page.locator("#editorial-draft").is_hidden()
    page.wait_for_function(
        "(key) => localStorage.getItem(key) === null",
        arg=f"newsroom:draft:{writer.pk}-{article.pk}",
    )
    assert problems == []
    context.close()


def test_a_save_with_an_expired_login_keeps_the_text_for_after_login(browser, live_server):
    writer = reporter(username="phongvien")
    article = ArticleFactory(created_by=writer, title="Tiêu đề đã lưu")
    url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    context, page = new_page(browser)
    login(page, live_server, "phongvien")
    page.goto(url)
    type_into_form(page)

    Session.objects.all().delete()  # the login expires while the reporter types
    page.locator('input[name="_continue"]').first.click()
    page.wait_for_url(re.compile(r"/admin/login/"))
    assert Article.objects.get(pk=article.pk).title == "Tiêu đề đã lưu"

    page.get_by_label("Tên đăng nhập").fill("phongvien")
    page.get_by_label("Mật khẩu").fill("mat-khau-thu-nghiem")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(url)
    editor_ready(page)
    page.get_by_role("button", name="Khôi phục bản chưa lưu").click()
    assert page.locator("#id_title").input_value() == TYPED_TITLE
    assert TYPED_BODY in body_text(page)
    context.close()


def test_an_unsaved_new_article_is_offered_back_on_the_add_page(browser, live_server):
    writer = reporter(username="phongvien")
    context, page = new_page(browser)
    login(page, live_server, "phongvien")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    type_into_form(page)
    wait_for_draft(page, f"{writer.pk}-new")
    page.close()

    page = context.new_page()
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    editor_ready(page)
    page.get_by_role("button", name="Khôi phục bản chưa lưu").click()
    assert page.locator("#id_title").input_value() == TYPED_TITLE
    assert TYPED_BODY in body_text(page)
    context.close()
