"""A reader searches without tone marks, opens the article (a read is counted), copies its
link and prints it."""

import datetime as dt

import pytest
from django.utils import timezone

from articles.models import Article
from discovery import readership
from discovery.models import ViewCount
from tests.articles.factories import ArticleFactory, TagFactory
from tests.browser.conftest import login
from tests.factories import editor

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def articles():
    tag = TagFactory(name="Sơ kết")
    main = ArticleFactory(
        title="Công an tỉnh Thanh Hoá sơ kết 6 tháng",
        lead="Hội nghị diễn ra tại Thanh Hoá với đại biểu các đơn vị trong Cụm.",
        body='<p>Xem thêm <a href="https://bocongan.gov.vn/">Cổng Bộ Công an</a>.</p>',
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - dt.timedelta(hours=1),
        tags=[tag],
    )
    ArticleFactory(
        title="Nghệ An sơ kết 6 tháng",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - dt.timedelta(hours=2),
        tags=[tag],
    )
    return main


def test_reader_searches_without_marks_and_shares_the_article(page, live_server, articles):
    page.goto(f"{live_server.url}/")
    search = page.get_by_role("search", name="Tìm trên trang")
    search.get_by_label("Từ khoá tìm kiếm").fill("thanh hoa")
    search.get_by_label("Từ khoá tìm kiếm").press("Enter")
    page.wait_for_url("**/tim-kiem/?q=thanh+hoa")
    assert page.locator(".search-summary").inner_text() == "Tìm thấy 1 bài viết cho “thanh hoa”."
    assert page.locator(".search-result mark").first.inner_text() == "Thanh Hoá"
    page.get_by_role("link", name="Công an tỉnh Thanh Hoá sơ kết 6 tháng").click()
    page.wait_for_url(f"**{articles.get_absolute_url()}")

    assert page.get_by_role("heading", name="Bài liên quan").is_visible()
    assert page.get_by_role("link", name="Nghệ An sơ kết 6 tháng").is_visible()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Sao chép liên kết").click()
    page.wait_for_function("document.querySelector('.share-status').textContent !== ''")
    assert page.locator(".share-status").inner_text() == "Đã sao chép liên kết."
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(articles.get_absolute_url())
    facebook = page.get_by_role("link", name="Facebook (mở cửa sổ mới)")
    assert facebook.get_attribute("href").startswith(
        "https://www.facebook.com/sharer/sharer.php?u="
    )


def test_printed_article_has_no_menus_and_prints_its_address(page, live_server, articles):
    page.goto(f"{live_server.url}{articles.get_absolute_url()}")
    page.emulate_media(media="print")
    # The masthead prints the site's name and logo (issue 15); its menus do not print.
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".share").is_visible()
    assert not page.locator(".reader-lists").is_visible()
    address = page.locator(".print-url")
    assert address.is_visible()
    assert articles.get_absolute_url() in address.inner_text()
    link_after = page.evaluate(
        "getComputedStyle(document.querySelector('.article-body a'), '::after').content"
    )
    assert "https://bocongan.gov.vn/" in link_after
    main_width = page.evaluate("document.querySelector('main').getBoundingClientRect().width")
    body_width = page.evaluate("document.body.getBoundingClientRect().width")
    assert main_width == body_width
    page.emulate_media(media="screen")
    assert not address.is_visible()


def test_a_reader_opening_the_article_counts_one_read_and_staff_none(page, live_server, articles):
    with page.expect_response(lambda response: "/doc/" in response.url) as beacon:
        page.goto(f"{live_server.url}{articles.get_absolute_url()}")
    assert beacon.value.status == 204
    readership.flush_reads()  # reads are counted fast, then written by the periodic job
    assert ViewCount.objects.get(article=articles).count == 1

    editor(username="bientap")
    login(page, live_server, "bientap")
    with page.expect_response(lambda response: "/doc/" in response.url) as beacon:
        page.goto(f"{live_server.url}{articles.get_absolute_url()}")
    assert beacon.value.status == 204
    readership.flush_reads()
    assert ViewCount.objects.get(article=articles).count == 1
