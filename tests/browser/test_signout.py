"""Signing out clears the browser's autosaved drafts, never losing unsaved text unasked."""

import pytest

from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.browser.conftest import login
from tests.browser.quality import watch_console
from tests.browser.test_editorial import TYPED_TITLE, new_page, type_into_form, wait_for_draft
from tests.factories import reporter

pytestmark = pytest.mark.django_db(transaction=True)

DRAFTS = "(prefix) => Object.keys(localStorage).filter((key) => key.startsWith(prefix))"


def drafts_of(page, user):
    return page.evaluate(DRAFTS, f"newsroom:draft:{user.pk}-")


def sign_out(page):
    page.locator("#logout-form button").click()


def test_unsaved_text_is_asked_about_before_signing_out_clears_it(browser, live_server):
    writer = reporter(username="phongvien")
    article = ArticleFactory(created_by=writer, title="Tiêu đề đã lưu")
    context, page = new_page(browser)
    problems = watch_console(page)
    login(page, live_server, "phongvien")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    type_into_form(page)
    wait_for_draft(page, f"{writer.pk}-{article.pk}")
    # Another account's draft on this shared computer is not this sign-out's business.
    page.evaluate("() => localStorage.setItem('newsroom:draft:999-1', '{\"savedAt\": 1}')")

    questions = []

    def decline(dialog):
        questions.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", decline)
    sign_out(page)
    page.wait_for_timeout(300)
    assert "1 bản bài bạn gõ mà chưa lưu" in questions[0]
    assert page.url.endswith(f"/admin/articles/article/{article.pk}/change/")
    assert drafts_of(page, writer) == [f"newsroom:draft:{writer.pk}-{article.pk}"]
    assert page.locator("#id_title").input_value() == TYPED_TITLE

    page.once("dialog", lambda dialog: dialog.accept())
    sign_out(page)
    page.wait_for_url(f"{live_server.url}/admin/logout/")
    assert drafts_of(page, writer) == []
    assert page.evaluate("() => localStorage.getItem('newsroom:draft:999-1')") is not None
    assert problems == []
    context.close()


def test_saved_text_goes_without_a_question(browser, live_server):
    writer = reporter(username="phongvien")
    article = ArticleFactory(created_by=writer, title="Tiêu đề đã lưu")
    url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    context, page = new_page(browser)
    login(page, live_server, "phongvien")
    page.goto(url)
    type_into_form(page)
    wait_for_draft(page, f"{writer.pk}-{article.pk}")
    page.locator('input[name="_save"]').first.click()
    page.wait_for_url(f"{live_server.url}/admin/articles/article/**")
    assert Article.objects.get(pk=article.pk).title == TYPED_TITLE
    # Still stored (only a form page drops saved drafts), but marked saved by the server.
    assert drafts_of(page, writer) == [f"newsroom:draft:{writer.pk}-{article.pk}"]

    questions = []
    page.on("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    sign_out(page)
    page.wait_for_url(f"{live_server.url}/admin/logout/")
    assert questions == []
    assert drafts_of(page, writer) == []
    context.close()
