"""The page checkers the browser tests share: the Nu HTML Checker, axe-core, the console.

``html_problems`` fetches pages with Django's test client and validates them all in one
run of vnu.jar; ``axe_findings`` opens them in Chromium and runs axe-core in each; both
return readable lines, empty when nothing is wrong. ``watch_console`` collects a page's
script errors and CSP refusals as they happen.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def html_problems(pages, directory, statuses=(200,), user=None):
    """Nu HTML Checker errors of every page ({name: url}); each must answer one of statuses.
    ``user``: the staff member the pages are fetched as (anonymous when None)."""
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail("vnu.jar or java is missing: run bin/bootstrap (npm) and install a JRE")
    client = Client()
    if user is not None:
        client.force_login(user)
    files = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code in statuses, (name, url, response.status_code)
        path = Path(directory) / f"page{len(files)}.html"
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
    return [
        f"{files.get(message.get('url', '').removeprefix('file:'), message.get('url'))}: "
        f"line {message.get('lastLine')}: {message['message']}"
        for message in report["messages"]
        if message["type"] == "error" or message.get("subType") == "fatal"
    ]


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def axe_findings(browser, live_server, pages, sign_in=None, viewport=None, prepare=None):
    """axe-core violations of every page ({name: url}), opened in Chromium; ``sign_in``
    (a function of the page) logs in first. Rich-text editors are waited for; then
    ``prepare`` (a function of the page) may open what the check should see."""
    axe_source = AXE.read_text()
    # axe is injected through the DevTools protocol; the pages' CSP stays as served.
    options = {"viewport": viewport} if viewport else {}
    context = browser.new_context(locale="vi-VN", bypass_csp=True, **options)
    page = context.new_page()
    findings = []
    try:
        if sign_in is not None:
            sign_in(page)
        for name, url in pages.items():
            page.goto(live_server.url + url)
            if page.locator("textarea.django_ckeditor_5").count():
                page.wait_for_function("() => window.editors && Object.keys(window.editors).length")
            if prepare is not None:
                prepare(page)
            page.evaluate(axe_source)
            result = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
            )
            for violation in result["violations"]:
                targets = [node["target"] for node in violation["nodes"]][:3]
                width = f" @{viewport['width']}px" if viewport else ""
                findings.append(
                    f"{name} ({url}){width}: {violation['id']}: {violation['help']} {targets}"
                )
    finally:
        context.close()
    return findings


def watch_console(page):
    """Collect what would mean the editor is broken: CSP refusals and script errors."""
    problems = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" or "Content Security Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems
