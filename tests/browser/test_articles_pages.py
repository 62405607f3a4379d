"""Article, author and tag pages pass the Nu HTML Checker and axe-core, as the shell does."""

import pytest
from django.conf import settings
from django.core.management import call_command

from articles.models import Article
from tests.browser.quality import axe_findings, html_problems

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def pages(monkeypatch):
    monkeypatch.setattr(settings, "DEMO_PASSWORD", "matkhau-trinh-dien")
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    article = Article.objects.get(slug__startswith="cum-thi-dua-so-5-so-ket-phong-trao")
    with_table = Article.objects.get(slug__startswith="tai-nan-giao-thong")
    return {
        "trang chủ": "/",
        "bài viết": article.get_absolute_url(),
        "bài có bảng": with_table.get_absolute_url(),
        "tác giả": article.authorships.first().author.get_absolute_url(),
        "thẻ": article.tags.first().get_absolute_url(),
        "chuyên mục có mục con": "/chuyen-muc/an-ninh-trat-tu/",
    }


def test_article_pages_pass_the_nu_html_checker(pages, tmp_path):
    problems = html_problems(pages, tmp_path)
    assert problems == [], "\n".join(problems)


def test_article_pages_have_no_axe_violations(browser, live_server, pages):
    findings = axe_findings(browser, live_server, pages)
    assert findings == [], "\n".join(findings)
