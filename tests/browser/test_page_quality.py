"""Every kind of public page passes the Nu HTML Checker and axe-core with no finding."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from articles.models import Article, Section
from clusters.models import Cluster, Official, Unit
from discovery.models import ViewCount

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


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
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail("vnu.jar or java is missing: run bin/bootstrap (npm) and install a JRE")
    client = Client()
    files = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code in (200, 404), (name, url, response.status_code)
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


def test_public_pages_have_no_axe_violations(browser, live_server, pages):
    axe_source = AXE.read_text()
    # axe is injected through the DevTools protocol; the pages' CSP stays as served.
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
