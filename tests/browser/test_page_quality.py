"""Every kind of public page passes the Nu HTML Checker and axe-core with no finding."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, Section
from clusters.models import Cluster, Official, Unit
from discovery.models import ViewCount
from newsroom import theme
from newsroom.models import Publisher
from tests.browser.quality import DESKTOP, PHONE, axe_findings, html_problems

pytestmark = pytest.mark.django_db(transaction=True)


def demo_pages():
    """One URL for each kind of public page, taken from the demo content."""
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    pages = {"trang chủ": "/", "trang không tồn tại": "/khong-co-trang-nay/"}
    section = Section.objects.order_by("position").first()
    if section:
        pages["chuyên mục"] = section.get_absolute_url()
    # --- discovery: search, an article with its reader lists, the record pages ---
    article = Article.objects.published().filter(tags__isnull=False).first()
    if article:
        ViewCount.objects.update_or_create(
            article=article, day=timezone.localdate(), defaults={"count": 5}
        )
        pages["bài viết"] = article.get_absolute_url()
    pages["tìm kiếm"] = "/tim-kiem/?q=Thanh+H%C3%B3a"
    pages["tìm kiếm có lỗi ngày"] = "/tim-kiem/?q=thi+dua&tu=31%2F02%2F2020"
    pages["tìm kiếm trống"] = "/tim-kiem/"
    records = {
        "cụm thi đua": Cluster.objects.first(),
        "đơn vị": Unit.objects.filter(articles__isnull=False).first() or Unit.objects.first(),
        "cán bộ": Official.objects.filter(disclosure=Official.Disclosure.PUBLIC).first(),
    }
    for name, record in records.items():
        if record is not None:
            pages[name] = record.get_absolute_url()
    return pages


@pytest.fixture
def pages():
    return demo_pages()


def test_public_pages_pass_the_nu_html_checker(pages, tmp_path):
    problems = html_problems(pages, tmp_path, statuses=(200, 404))
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_public_pages_have_no_axe_violations(browser, live_server, pages, viewport):
    findings = axe_findings(browser, live_server, pages, viewport=viewport)
    assert findings == [], "\n".join(findings)


# Accepted by the contrast check, some pairs barely: green links on the footer at 4.54:1,
# the pale accent on the green masthead at 4.50:1. At 1280 px, where the accent shows on
# the masthead (the governing body over the site's name) and in the menu: a rejected
# accent (#ffe066, 3.86:1) fails here.
GREEN = {"brand_colour": "#008045", "brand_dark_colour": "#004d2b", "accent_colour": "#fff59d"}


def test_colours_the_contrast_check_accepts_pass_axe(browser, live_server, pages):
    publisher = Publisher.objects.current()
    for field, colour in GREEN.items():
        setattr(publisher, field, colour)
    publisher.hotline = "0233 3852 113"
    publisher.full_clean()
    publisher.save()
    assert theme.is_custom(publisher)
    findings = axe_findings(browser, live_server, pages, viewport=DESKTOP)
    assert findings == [], "\n".join(findings)
