"""The reader's site on a phone (390 × 844) and at 1280 px: the masthead, the front page,
the article page and the record pages, measured in Chromium, with a screenshot of each
page at both widths in artifacts/browser/ (look-<page>-<width>.png)."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, Section
from clusters.models import Cluster, Official, Unit
from discovery.models import ViewCount
from newsroom.models import Publisher
from tests.browser.quality import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = {"390": PHONE, "1280": DESKTOP}


@pytest.fixture
def site(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "matkhau-trinh-dien")
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    Publisher.objects.update(hotline="0238 3 844 113")
    article = Article.objects.get(slug__startswith="cong-an-thanh-pho-hue-chu-tri-so-ket")
    today = timezone.localdate()
    for rank, popular in enumerate(Article.objects.published().exclude(pk=article.pk)[:6]):
        ViewCount.objects.create(article=popular, day=today, count=20 - rank)
    return {
        "home": "/",
        "section": Section.objects.order_by("position").first().get_absolute_url(),
        "article": article.get_absolute_url(),
        "search": "/tim-kiem/?q=Thanh+H%C3%B3a",
        "cluster": Cluster.objects.first().get_absolute_url(),
        "unit": Unit.objects.get(slug="cong-an-tinh-quang-binh").get_absolute_url(),
        "official": Official.objects.filter(disclosure=Official.Disclosure.PUBLIC)
        .first()
        .get_absolute_url(),
    }


@pytest.fixture(params=list(WIDTHS), ids=[f"{w}px" for w in WIDTHS])
def screen(request, browser):
    context = browser.new_context(
        locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport=WIDTHS[request.param]
    )
    context.set_default_timeout(15_000)
    yield request.param, context.new_page()
    context.close()


def load_everything(page):
    """Scroll through the page so lazy pictures load, then back to the top."""
    page.evaluate(
        """async () => {
            for (let y = 0; y < document.body.scrollHeight; y += innerHeight) {
                scrollTo(0, y);
                await new Promise(done => setTimeout(done, 60));
            }
            scrollTo(0, 0);
        }"""
    )
    page.wait_for_load_state("networkidle")


def test_every_page_fits_the_screen_and_is_photographed(live_server, site, screen, artifacts):
    width, page = screen
    for name, url in site.items():
        page.goto(live_server.url + url)
        load_everything(page)
        overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        culprits = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)
                .filter(e => !e.closest('.site-nav ul'))
                .slice(0, 5)
                .map(e => `${e.tagName}.${e.className}: ${e.textContent.slice(0, 60)}`)"""
        )
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px: {culprits}"
        broken = page.evaluate(
            "[...document.images].filter(i => i.complete && !i.naturalWidth).map(i => i.src)"
        )
        assert broken == [], (name, broken)
        page.screenshot(path=artifacts / f"look-{name}-{width}.png", full_page=True)


def header_height(page):
    return page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")


def placeholder_fits(page):
    """Whether the search field's placeholder is drawn whole (measured with its own font)."""
    return page.evaluate(
        """() => {
            const field = document.getElementById('tim-nhanh');
            const style = getComputedStyle(field);
            const context = document.createElement('canvas').getContext('2d');
            context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
            const text = context.measureText(field.placeholder).width;
            const room = field.clientWidth - parseFloat(style.paddingLeft)
                - parseFloat(style.paddingRight);
            return text <= room;
        }"""
    )


def test_masthead_on_a_phone(live_server, site, browser):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + site["article"])
    assert header_height(page) <= 0.15 * PHONE["height"]
    # Scrolled down, the name, search button and menu stay on screen.
    page.mouse.wheel(0, 1500)
    page.wait_for_timeout(200)
    top = page.evaluate("document.querySelector('.masthead').getBoundingClientRect().top")
    assert top == pytest.approx(0, abs=1)
    assert page.get_by_role("navigation", name="Chuyên mục").is_visible()
    # The search button opens a field whose placeholder is not clipped.
    toggle = page.get_by_role("button", name="Mở ô tìm kiếm")
    toggle.click()
    field = page.get_by_role("searchbox", name="Từ khoá tìm kiếm")
    assert field.is_visible()
    assert page.evaluate("document.activeElement.id") == "tim-nhanh"
    assert placeholder_fits(page)
    field.fill("Thanh Hóa")
    field.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=Thanh+H%C3%B3a")
    context.close()


def test_masthead_at_1280(live_server, site, browser):
    context = browser.new_context(locale="vi-VN", viewport=DESKTOP)
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.get_by_role("searchbox", name="Từ khoá tìm kiếm").is_visible()
    assert placeholder_fits(page)
    assert not page.get_by_role("button", name="Mở ô tìm kiếm").is_visible()
    assert page.locator(".hotline").inner_text() == "Đường dây nóng: 0238 3 844 113"
    menu = page.get_by_role("navigation", name="Chuyên mục")
    menu.get_by_role("link", name="Cụm thi đua").click()
    page.wait_for_url("**/cum-thi-dua/")
    context.close()


def test_masthead_date_follows_the_readers_clock_not_the_cache(live_server, site, browser):
    context = browser.new_context(locale="vi-VN", viewport=PHONE)
    page = context.new_page()
    # 23:30 UTC on 31 December is already 1 January in Vietnam.
    page.clock.set_fixed_time(dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC))
    page.goto(live_server.url + "/")
    today = page.locator("[data-today] time")
    assert today.inner_text() == "Thứ Sáu, 01/01/2027"
    assert today.get_attribute("datetime") == "2027-01-01"
    context.close()


def test_front_page_shows_pictures_and_no_story_twice_above_the_fold(live_server, site, screen):
    _width, page = screen
    page.goto(live_server.url + "/")
    load_everything(page)
    # Lead story with its cover, four more with thumbnails, section blocks led by one.
    assert page.locator(".home-featured picture img").evaluate("i => i.naturalWidth") > 0
    thumbs = page.locator(".home-secondary .teaser-thumb img")
    assert thumbs.count() == 4
    assert all(thumbs.nth(i).evaluate("i => i.naturalWidth") > 0 for i in range(4))
    blocks = page.locator(".home-section")
    assert blocks.count() >= 2
    for i in range(blocks.count()):
        assert blocks.nth(i).locator("li").first.locator(".teaser-thumb img").count() == 1
    assert page.locator(".most-read-list li").count() == 5
    assert page.locator(".home-records .records-cards > li").count() >= 1
    # Above the fold, every story appears once.
    shown = page.evaluate(
        """() => [...document.querySelectorAll('main a[href^="/bai-viet/"]')]
            .filter(a => {
                const box = a.getBoundingClientRect();
                return box.height > 0 && box.top < innerHeight;
            })
            .map(a => a.getAttribute('href'))"""
    )
    assert shown, "no story above the fold"
    assert len(shown) == len(set(shown)), shown
    # And over the whole page, only "most read" may repeat a story.
    everywhere = page.evaluate(
        """() => [...document.querySelectorAll('main a[href^="/bai-viet/"]')]
            .filter(a => !a.closest('.most-read')).map(a => a.getAttribute('href'))"""
    )
    assert len(everywhere) == len(set(everywhere))


def test_article_uses_the_width(live_server, site, screen):
    width, page = screen
    page.goto(live_server.url + site["article"])
    load_everything(page)
    body = page.locator(".article-body").bounding_box()
    aside = page.locator(".reader-lists").bounding_box()
    # A comfortable measure: at most about 75 characters a line.
    characters = page.evaluate(
        """() => {
            const p = document.querySelector('.article-body p');
            const style = getComputedStyle(p);
            const context = document.createElement('canvas').getContext('2d');
            context.font = `${style.fontSize} ${style.fontFamily}`;
            return p.clientWidth / context.measureText('abcdefghijklmnopqrstuvwxyz').width * 26;
        }"""
    )
    assert characters <= 90
    if width == "1280":
        assert aside["x"] > body["x"] + body["width"], "the reader lists stand beside the text"
        assert aside["y"] < body["y"] + body["height"]
    else:
        assert aside["y"] > body["y"] + body["height"], "on a phone they follow the text"
    related = page.locator(".related-articles .teaser-thumb img")
    assert related.count() >= 1
    assert related.first.evaluate("i => i.naturalWidth") > 0
    assert page.locator(".reader-lists .article-records").is_visible()
    assert page.locator(".reader-lists .most-read").is_visible()
    # Dates in the lists never break inside a word ("Thứ / Ba").
    for time in page.locator(".reader-lists time").all():
        lines = time.evaluate(
            """t => {
                const range = document.createRange();
                range.selectNodeContents(t);
                const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                return [...tops].length;
            }"""
        )
        text = time.inner_text()
        if lines > 1:
            assert "Thứ\u00a0" in text or "Chủ\u00a0" in text, text
    # The four share buttons look alike.
    buttons = page.locator(".share-button")
    assert buttons.count() == 4
    looks = {
        buttons.nth(i).evaluate(
            """b => { const s = getComputedStyle(b);
                return [s.height, s.borderTopWidth, s.borderTopColor, s.borderRadius,
                        s.fontSize, s.fontWeight, s.color].join(' '); }"""
        )
        for i in range(4)
    }
    assert len(looks) == 1, looks


def test_printed_article_carries_the_site_name_and_logo(live_server, site, browser, artifacts):
    context = browser.new_context(locale="vi-VN", viewport=DESKTOP)
    page = context.new_page()
    page.goto(live_server.url + site["article"])
    page.emulate_media(media="print")
    assert page.locator(".brand-logo").is_visible()
    assert page.locator(".brand-name").is_visible()
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".reader-lists").is_visible()
    assert page.locator(".print-url").is_visible()
    assert site["article"] in page.locator(".print-url").inner_text()
    page.pdf(path=artifacts / "look-article-print.pdf")
    context.close()


def test_merged_unit_reads_as_history(live_server, site, screen):
    _width, page = screen
    page.goto(live_server.url + site["unit"])
    notice = page.locator(".records-ended")
    assert notice.is_visible()
    assert "01/07/2025" in notice.inner_text()
    assert notice.get_by_role("link", name="Công an tỉnh Quảng Trị").is_visible()
    assert "Chưa cập nhật cán bộ đang công tác" not in page.content()
