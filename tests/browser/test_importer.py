"""A reporter imports a .docx with two pictures and a pasted article, confirms the
suggestions and submits; an editor publishes; readers see the pictures with their
captions, record links and explained abbreviations. The reporter's actions are counted."""

import datetime as dt
import re

import pytest

from articles.models import Article, Author
from importer.models import Abbreviation, Import
from photos.models import Photo
from tests.articles.factories import SectionFactory
from tests.browser.conftest import login
from tests.browser.quality import AXE, AXE_TAGS, axe_findings, html_problems, watch_console
from tests.factories import editor, reporter
from tests.importer import records as corpus_records
from tests.importer.docx_builder import DocxBuilder, jpeg, png

pytestmark = pytest.mark.django_db(transaction=True)

# The sample's shape, with its facts (Cụm thi đua số 5, its six provinces, 17 July 2020).
DOCX_TITLE = "Cụm thi đua số 5 sơ kết công tác thi đua 6 tháng đầu năm 2020"
PASTED_TITLE = "Công an tỉnh Nghệ An ra quân bảo đảm ANTT dịp cao điểm"
PASTED = f"""{PASTED_TITLE}

Sáng 20/7, Công an tỉnh Nghệ An tổ chức lễ ra quân đợt cao điểm bảo đảm ANTT trên địa bàn.

Lực lượng tham gia gồm hàng trăm CBCS của các đơn vị nghiệp vụ.

Toàn cảnh lễ ra quân.

Đồng chí Đại tá Hồ Văn Tứ, PGĐ Công an tỉnh Nghệ An, phát biểu tại buổi lễ.

Các tổ công tác sẽ tuần tra, kiểm soát trên các tuyến trọng điểm đến hết tháng 8.

Thu Hà"""
# Each of the reporter's clicks, keystrokes into a field, choices and page visits.
MAX_ACTIONS = 25


def sample_docx() -> bytes:
    return (
        DocxBuilder()
        .paragraph(DOCX_TITLE, style="Title")
        .paragraph(
            "Ngày 17/7, tại Công an tỉnh Thừa Thiên Huế, Cụm thi đua số 5 tổ chức hội nghị sơ "
            "kết công tác thi đua 6 tháng đầu năm 2020 với sự tham dự của Công an các tỉnh: "
            "Thanh Hoá, Nghệ An, Hà Tĩnh, Quảng Bình, Quảng Trị và Thừa Thiên Huế.",
            bold=True,
        )
        .paragraph(
            "6 tháng đầu năm, các đơn vị trong Cụm đã bám sát địa bàn, giữ vững ANTT, không để "
            "bị động, bất ngờ."
        )
        .picture(png((180, 40, 40), size=(320, 200)))
        .paragraph("Toàn cảnh Hội nghị.", italic=True)
        .paragraph(
            "Phong trào Toàn dân bảo vệ an ninh Tổ quốc tiếp tục được đẩy mạnh; công tác XDLL "
            "được quan tâm."
        )
        .picture(jpeg((40, 40, 180), size=(320, 200)), extension="jpeg")
        .paragraph(
            "Đồng chí Đại tá Hồ Văn Tứ, PGĐ Công an tỉnh Nghệ An, phát biểu tại Hội nghị.",
            italic=True,
        )
        .paragraph("Hội nghị đã thống nhất các nội dung thi đua 6 tháng cuối năm.")
        .paragraph("Trọng Tuấn – Xuân Bắc")
        .build()
    )


class Counter:
    """Counts what the reporter does; every step goes through ``do``."""

    def __init__(self):
        self.actions = 0

    def do(self, action, *args, **kwargs):
        self.actions += 1
        return action(*args, **kwargs)


def import_one(page, live_server, counter, *, docx=None, pasted=None, day="2020-07-17"):
    counter.do(page.goto, f"{live_server.url}/admin/importer/import/nhap-bai/")
    if docx is not None:
        counter.do(page.get_by_label("Hoặc tải lên tệp").set_input_files, docx)
    else:
        counter.do(page.get_by_label("Dán nội dung bài").fill, pasted)
    counter.do(page.get_by_label("Ngày của bài").fill, day)
    counter.do(page.get_by_label("Chuyên mục").select_option, label="Tin tức – Sự kiện")
    counter.do(page.get_by_role("button", name="Phân tích bài").click)
    page.wait_for_selector("#confirm-form")


def test_reporter_imports_a_docx_and_a_paste_editor_publishes(
    browser, live_server, artifacts, tmp_path
):
    corpus_records.build()
    Abbreviation.objects.get_or_create(letters="ANTT", expansion="an ninh trật tự")
    Abbreviation.objects.get_or_create(letters="XDLL", expansion="xây dựng lực lượng")
    writer = reporter(username="phongvien", first_name="Trọng Tuấn")
    Author.objects.create(name="Trọng Tuấn", user=writer)
    editor(username="bientap")
    SectionFactory(name="Tin tức – Sự kiện")
    docx = tmp_path / "so-ket-cum-5.docx"
    docx.write_bytes(sample_docx())

    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    problems = watch_console(page)
    counter = Counter()
    counter.actions += 3  # signing in: name, password, button
    login(page, live_server, "phongvien")

    # The .docx: two pictures in their places with their captions, the byline, records.
    import_one(page, live_server, counter, docx=str(docx))
    assert page.locator("#id_title").input_value() == DOCX_TITLE
    slots = page.locator("#import-body figure")
    assert slots.count() == 2
    assert slots.nth(0).locator("img").count() == 1
    assert slots.nth(0).locator("figcaption").inner_text() == "Toàn cảnh Hội nghị."
    assert slots.nth(1).locator("figcaption").inner_text().startswith("Đồng chí Đại tá Hồ Văn Tứ")
    bylines = page.locator("#import-bylines").inner_text()
    assert bylines.index("Trọng Tuấn") < bylines.index("Xuân Bắc")
    assert "bút danh mới" in bylines
    assert page.locator("#import-suggestions mark", has_text="Hồ Văn Tứ").count() >= 1
    assert "ANTT" in page.locator("#import-abbreviations").inner_text()
    page.screenshot(path=artifacts / "import-confirm.png", full_page=True)
    counter.do(page.get_by_role("button", name="Tạo bản nháp").click)
    page.wait_for_url(re.compile(r"/admin/articles/article/\d+/change/"))
    assert "Đã tạo bản nháp" in page.locator(".messagelist").inner_text()
    counter.do(page.get_by_role("button", name="Gửi duyệt").click)
    assert "Đã gửi duyệt" in page.locator(".messagelist").inner_text()
    docx_actions = counter.actions
    assert docx_actions < MAX_ACTIONS, docx_actions

    # The pasted text: a "needs photo" slot for each caption without a picture.
    counter = Counter()
    import_one(page, live_server, counter, pasted=PASTED, day="2020-07-20")
    assert page.locator("#import-body .needs-photo").count() == 2
    assert "Thu Hà" in page.locator("#import-bylines").inner_text()
    counter.do(page.get_by_role("button", name="Tạo bản nháp").click)
    page.wait_for_url(re.compile(r"/admin/articles/article/\d+/change/"))
    counter.do(page.get_by_role("button", name="Gửi duyệt").click)
    assert "Đã gửi duyệt" in page.locator(".messagelist").inner_text()
    assert counter.actions < MAX_ACTIONS, counter.actions
    assert problems == []
    context.close()

    imported = Article.objects.get(title=DOCX_TITLE)
    assert imported.status == Article.Status.REVIEW and imported.created_by == writer
    assert [a.author.name for a in imported.authorships.order_by("position")] == [
        "Trọng Tuấn",
        "Xuân Bắc",
    ]
    photos = list(Photo.objects.order_by("pk"))
    assert [p.caption for p in photos][:1] == ["Toàn cảnh Hội nghị."]
    # Each picture's credit was proposed from the byline and confirmed as it stood.
    assert [p.credit for p in photos] == ["Trọng Tuấn – Xuân Bắc"] * 2
    assert Import.objects.get(article=imported).original_date == dt.date(2020, 7, 17)

    # The editor publishes the .docx article with its original date.
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    login(page, live_server, "bientap")
    page.goto(f"{live_server.url}/admin/articles/article/{imported.pk}/change/")
    page.get_by_role("link", name="Đăng với ngày gốc").click()
    # The day the import read is proposed; the editor adds the time.
    assert page.locator("#id_published_at_0").input_value() == "17/07/2020"
    page.locator("#id_published_at_1").fill("15:00")
    page.get_by_role("button", name="Đăng với ngày gốc").click()
    assert "với ngày gốc" in page.locator(".messagelist").inner_text()
    imported.refresh_from_db()
    assert imported.status == Article.Status.PUBLISHED
    context.close()

    # A reader sees it with its pictures, links and explained abbreviations.
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    imported.refresh_from_db()
    page.goto(f"{live_server.url}{imported.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == DOCX_TITLE
    body = page.locator(".article-body")
    assert body.locator("figure img").count() == 2
    assert body.locator("figcaption").first.inner_text().startswith("Toàn cảnh Hội nghị.")
    assert body.locator("abbr[title='an ninh trật tự']").count() == 1
    assert body.locator("a[href^='/']").count() >= 1
    assert "2020" in page.locator(".article-date").inner_text()
    page.screenshot(path=artifacts / "imported-article.png", full_page=True)
    context.close()
    # The links and <abbr> the import added keep the page valid and accessible.
    public = {"imported article": imported.get_absolute_url()}
    assert html_problems(public, tmp_path) == []
    assert axe_findings(browser, live_server, public) == []


def test_the_import_pages_pass_axe(browser, live_server, tmp_path):
    corpus_records.build()
    reporter(username="phongvien")
    SectionFactory(name="Tin tức – Sự kiện")
    # axe is injected through the DevTools protocol, as in quality.axe_findings.
    context = browser.new_context(locale="vi-VN", bypass_csp=True)
    page = context.new_page()
    login(page, live_server, "phongvien")
    axe = AXE.read_text()

    def findings(name):
        page.evaluate(axe)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        return [f"{name}: {v['id']}: {v['help']}" for v in result["violations"]]

    page.goto(f"{live_server.url}/admin/importer/import/nhap-bai/")
    problems = findings("import form")
    import_one(page, live_server, Counter(), pasted=PASTED, day="2020-07-20")
    problems += findings("confirmation")
    context.close()
    assert problems == []
