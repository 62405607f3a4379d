"""Article, author and tag pages pass the Nu HTML Checker and axe-core, as the shell does."""

import json
import shutil
import subprocess

import pytest
from django.core.management import call_command
from django.test import Client

from articles.models import Article
from tests.browser.test_page_quality import AXE, AXE_TAGS, VNU

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def pages(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "matkhau-trinh-dien")
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
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail("vnu.jar or java is missing: run bin/bootstrap (npm) and install a JRE")
    client = Client()
    files = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (name, url)
        path = tmp_path / f"page{len(files)}.html"
        path.write_bytes(response.content)
        files[str(path)] = f"{name} ({url})"
    result = subprocess.run(  # noqa: S603
        ["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *files],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    report = json.loads(result.stderr or result.stdout)
    problems = [
        f"{files.get(message.get('url', '').removeprefix('file:'), message.get('url'))}: "
        f"line {message.get('lastLine')}: {message['message']}"
        for message in report["messages"]
        if message["type"] == "error" or message.get("subType") == "fatal"
    ]
    assert problems == [], "\n".join(problems)


def test_article_pages_have_no_axe_violations(browser, live_server, pages):
    axe_source = AXE.read_text()
    context = browser.new_context(locale="vi-VN", bypass_csp=True)
    page = context.new_page()
    findings = []
    try:
        for name, url in pages.items():
            page.goto(live_server.url + url)
            page.evaluate(axe_source)
            result = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
            )
            for violation in result["violations"]:
                targets = [node["target"] for node in violation["nodes"]][:3]
                findings.append(f"{name} ({url}): {violation['id']}: {violation['help']} {targets}")
    finally:
        context.close()
    assert findings == [], "\n".join(findings)
