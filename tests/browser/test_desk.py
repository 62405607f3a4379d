"""The newsroom desk in Chromium at 1280 px: the home, the article list, the form."""

import re

import pytest

from articles.models import Article, Authorship
from editorial import presence
from tests.articles.factories import ArticleFactory, AuthorFactory, SectionFactory
from tests.browser.conftest import login
from tests.browser.quality import watch_console
from tests.factories import editor, reporter
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db(transaction=True)

WIDTH = 1280
# A headline as long as the desk writes them (about 90 characters).
LONG_TITLE = "Cụm thi đua số 5 Bộ Công an sơ kết công tác thi đua 6 tháng đầu năm 2020 tại Nghệ An"


def desk_page(browser):
    context = browser.new_context(
        locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": WIDTH, "height": 900}
    )
    context.set_default_timeout(15_000)
    return context, context.new_page()


def fill_list(writer, rows=25):
    section = SectionFactory(name="Thi đua – Khen thưởng")
    cover = PhotoFactory()
    authors = [AuthorFactory(name="Trọng Tuấn"), AuthorFactory(name="Xuân Bắc")]
    articles = []
    for n in range(rows):
        article = ArticleFactory(
            title=f"{LONG_TITLE} (bài {n})",
            section=section,
            cover=cover if n % 2 else None,
            created_by=writer,
            published=n % 3 == 0,
        )
        for position, author in enumerate(authors):
            Authorship.objects.create(article=article, author=author, position=position)
        articles.append(article)
    return articles


def test_article_list_fits_1280_px_with_headlines_two_lines_wide(browser, live_server, artifacts):
    desk_editor = editor(username="bientap")
    writer = reporter(username="phongvien", first_name="Trọng Tuấn", last_name="Lê")
    articles = fill_list(desk_editor)
    presence.visit(articles[0].pk, writer)  # the reporter has the newest open

    context, page = desk_page(browser)
    login(page, live_server, "bientap")
    page.goto(f"{live_server.url}/admin/articles/article/")
    page.screenshot(path=artifacts / "desk-article-list-1280.png", full_page=True)

    overflow = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert overflow[0] <= overflow[1] == WIDTH
    table = page.evaluate(
        "() => { const t = document.querySelector('#result_list');"
        " const box = t.getBoundingClientRect();"
        " return [box.right, t.scrollWidth, t.clientWidth]; }"
    )
    assert table[0] <= WIDTH and table[1] <= table[2]
    filters = page.locator("#changelist-filter").bounding_box()
    assert table[0] <= filters["x"]
    headline = page.locator("td.field-headline, th.field-headline").first
    box = headline.bounding_box()
    # A long headline takes two lines, not one word per line.
    assert box["width"] >= 330
    line_height = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.field-headline a')).lineHeight)"
    )
    lines = round(
        page.locator(".field-headline a").first.evaluate("a => a.getBoundingClientRect().height")
        / line_height
    )
    assert lines <= 2, (lines, box)
    row = page.locator("#result_list tbody tr").filter(has_text="(bài 24)")
    assert row.locator(".state-chip").inner_text() in {"Bản nháp", "Đã duyệt đăng"}
    assert row.locator(".article-byline").inner_text() == "Trọng Tuấn – Xuân Bắc"
    assert row.locator(".article-section").inner_text() == "Thi đua – Khen thưởng"
    newest = Article.objects.get(pk=articles[0].pk)
    holder = page.locator("#result_list tbody tr").filter(has_text=newest.title)
    assert holder.locator(".open-by").inner_text() == "Đang mở: Lê Trọng Tuấn"
    assert page.locator("img.article-thumb").count() >= 1
    context.close()


def test_cover_upload_through_the_visible_field_and_photo_credit_in_the_form(
    browser, live_server, artifacts
):
    from photos import references
    from tests.photos import images

    writer = reporter(username="phongvien")
    body_photo = PhotoFactory(credit="", caption="Toàn cảnh Hội nghị.", size=(600, 900))
    article = ArticleFactory(
        created_by=writer,
        title="Cụm thi đua số 5 sơ kết 6 tháng đầu năm 2020",
        body=f"<p>Hội nghị diễn ra tại Nghệ An.</p>{references.reference(body_photo.pk)}",
    )
    context, page = desk_page(browser)
    login(page, live_server, "phongvien")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.wait_for_function("() => window.editors && window.editors['id_body']")

    # The title counts its characters as one types.
    page.locator("#id_title").fill("Cụm thi đua số 5")
    assert page.locator("#id_title_counter").inner_text() == "16 ký tự / tối đa 300"

    # A portrait photo is shown at a bounded height in the editor.
    height = page.locator(".ck-content img").first.evaluate("i => i.getBoundingClientRect().height")
    assert 0 < height <= 22 * 16 + 1

    upload = page.get_by_label("hoặc tải ảnh đại diện mới")
    assert upload.is_visible()
    upload.set_input_files(
        files=[{"name": "bia.jpg", "mimeType": "image/jpeg", "buffer": images.jpeg((1200, 800))}]
    )
    credit = page.get_by_label("Tác giả ảnh – ảnh thứ 1 trong bài “Toàn cảnh Hội nghị.”")
    credit.fill("Xuân Bắc")
    page.screenshot(path=artifacts / "desk-article-form.png", full_page=True)
    page.locator('input[name="_continue"]').first.click()
    page.wait_for_url(f"{live_server.url}/admin/articles/article/{article.pk}/change/")

    article.refresh_from_db()
    assert article.title == "Cụm thi đua số 5"
    assert article.cover is not None and article.cover.uploaded_by == writer
    body_photo.refresh_from_db()
    assert body_photo.credit == "Xuân Bắc"
    context.close()


def test_reporter_sees_the_submitted_article_as_readers_will(browser, live_server, artifacts):
    from photos import references

    writer = reporter(username="phongvien")
    photo = PhotoFactory(caption="Toàn cảnh Hội nghị.")
    article = ArticleFactory(
        created_by=writer,
        status=Article.Status.REVIEW,
        body=f"<p>Hội nghị <strong>sơ kết</strong>.</p>{references.reference(photo.pk)}",
    )
    context, page = desk_page(browser)
    login(page, live_server, "phongvien")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    view = page.locator(".reader-view")
    assert view.locator("strong").inner_text() == "sơ kết"
    assert view.locator("figcaption").inner_text().startswith("Toàn cảnh Hội nghị.")
    assert "<p>" not in view.inner_text()
    page.screenshot(path=artifacts / "desk-reader-view.png", full_page=True)
    context.close()


def test_reporter_adds_a_pen_name_from_the_byline_row(browser, live_server, artifacts):
    from articles.models import Author

    writer = reporter(username="phongvien")
    SectionFactory(name="Thi đua – Khen thưởng")
    context, page = desk_page(browser)
    login(page, live_server, "phongvien")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.wait_for_function("() => window.editors && window.editors['id_body']")
    page.locator("#id_title").fill("Cụm thi đua số 5 sơ kết 6 tháng đầu năm 2020")
    page.locator("#id_section").select_option(label="Thi đua – Khen thưởng")

    with page.expect_popup() as opened:
        page.locator("#add_id_authorships-0-author").click()
    popup = opened.value
    popup.get_by_label("Tên ký bài").fill("Trọng Tuấn")
    popup.locator('input[name="_save"]').click()
    popup.wait_for_event("close")
    assert page.locator("#id_authorships-0-author option:checked").inner_text() == "Trọng Tuấn"
    page.locator('input[name="_save"]').first.click()
    page.wait_for_url(f"{live_server.url}/admin/articles/article/")

    article = Article.objects.get()
    assert [(a.author.name, a.role) for a in article.authorships.all()] == [("Trọng Tuấn", "")]
    assert Author.objects.get().user is None
    assert article.created_by == writer
    context.close()


def test_the_article_page_beside_the_form_at_1280_px_follows_each_save(
    browser, live_server, artifacts
):
    writer = reporter(username="phongvien")
    article = ArticleFactory(
        created_by=writer,
        title="Cụm thi đua số 5 sơ kết 6 tháng đầu năm 2020",
        lead="Hội nghị diễn ra tại Nghệ An.",
    )
    context, page = desk_page(browser)
    problems = watch_console(page)
    login(page, live_server, "phongvien")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.wait_for_function("() => window.editors && window.editors['id_body']")
    panel = page.locator("#desk-preview")
    assert panel.is_hidden()

    page.get_by_role("button", name="Xem trước bên cạnh").click()
    frame = page.frame_locator("#desk-preview iframe")
    assert frame.locator("h1").inner_text() == "Cụm thi đua số 5 sơ kết 6 tháng đầu năm 2020"
    assert frame.locator(".preview-banner").is_visible()  # the draft, as its reader will see it
    # Beside the form: the title field ends where the panel begins, nothing scrolls sideways.
    title_box = page.locator("#id_title").bounding_box()
    panel_box = panel.bounding_box()
    assert title_box["x"] + title_box["width"] <= panel_box["x"]
    assert panel_box["x"] + panel_box["width"] == WIDTH and panel_box["width"] >= 500
    assert page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    page.screenshot(path=artifacts / "desk-preview-beside-form.png")

    # Typed, not saved: the frame follows a moment after typing stops.
    page.locator("#id_title").fill("Cụm thi đua số 5 sơ kết (đang gõ)")
    heading = frame.locator("h1", has_text="Cụm thi đua số 5 sơ kết (đang gõ)")
    heading.wait_for()
    assert "phần đang gõ, chưa lưu" in frame.locator(".preview-banner").first.inner_text()
    page.locator(".ck-editor__editable").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Đoàn công tác đến Hà Tĩnh.")
    frame.locator("p", has_text="Đoàn công tác đến Hà Tĩnh.").wait_for()
    saved = Article.objects.get(pk=article.pk)
    assert saved.title == "Cụm thi đua số 5 sơ kết 6 tháng đầu năm 2020"  # nothing written

    # Saved: the page comes back with the panel open, showing the saved title.
    page.locator("#id_title").fill("Cụm thi đua số 5 tổng kết năm 2020")
    page.locator('input[name="_continue"]').first.click()
    page.wait_for_url(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    assert page.get_by_role("button", name="Ẩn bản xem trước").get_attribute("aria-expanded") == (
        "true"
    )
    assert frame.locator("h1").inner_text() == "Cụm thi đua số 5 tổng kết năm 2020"

    page.get_by_role("button", name="Ẩn bản xem trước").click()
    assert panel.is_hidden()
    assert page.evaluate("() => getComputedStyle(document.body).marginRight") == "0px"
    assert problems == []  # no script error, nothing refused by the Content-Security-Policy
    context.close()


def test_the_form_with_its_preview_open_has_no_axe_violations(browser, live_server):
    from tests.browser.quality import axe_findings

    writer = reporter(username="phongvien")
    article = ArticleFactory(created_by=writer, title="Cụm thi đua số 5 sơ kết 6 tháng")

    def open_preview(page):
        page.get_by_role("button", name="Xem trước bên cạnh").click()
        page.frame_locator("#desk-preview iframe").locator("h1").wait_for()

    findings = axe_findings(
        browser,
        live_server,
        {"sửa bài, xem trước bên cạnh": f"/admin/articles/article/{article.pk}/change/"},
        sign_in=lambda page: login(page, live_server, "phongvien"),
        viewport={"width": WIDTH, "height": 900},
        prepare=open_preview,
    )
    assert findings == [], "\n".join(findings)


def test_the_photo_library_finds_abandoned_uploads(browser, live_server):
    from photos import references
    from tests.clusters.factories import OfficialFactory

    desk_editor = editor(username="bientap")
    in_body, cover, portrait = (
        PhotoFactory(caption=caption, uploaded_by=desk_editor)
        for caption in ("Toàn cảnh Hội nghị.", "Ảnh bìa.", "Chân dung.")
    )
    abandoned = PhotoFactory(caption="Ảnh tải lên rồi bỏ.", uploaded_by=desk_editor)
    ArticleFactory(body=references.reference(in_body.pk), cover=cover)
    OfficialFactory(portrait=portrait)
    context, page = desk_page(browser)
    login(page, live_server, "bientap")
    page.goto(f"{live_server.url}/admin/photos/photo/")

    page.locator("#changelist-filter").get_by_role("link", name="Chưa dùng").click()
    page.wait_for_url("**/admin/photos/photo/?dung=chua-dung")
    labels = page.locator("#result_list tbody .field-label").all_inner_texts()
    assert labels == [str(abandoned)]
    page.locator("#changelist-filter").get_by_role("link", name="Đang dùng").click()
    page.wait_for_url("**/admin/photos/photo/?dung=dang-dung")
    labels = page.locator("#result_list tbody .field-label").all_inner_texts()
    assert sorted(labels) == sorted(str(photo) for photo in (in_body, cover, portrait))
    context.close()


# --- Accessible: axe and the Nu HTML Checker on the desk's pages -------------------------


def desk_pages(writer, desk_editor):
    from tests.clusters.factories import UnitFactory

    fill_list(desk_editor, rows=3)
    article = Article.objects.filter(cover__isnull=False).first()
    unit = UnitFactory(name="Công an tỉnh Nghệ An")
    return {
        "trang chủ toà soạn": "/admin/",
        "danh sách bài": "/admin/articles/article/",
        "viết bài mới": "/admin/articles/article/add/",
        "sửa bài": f"/admin/articles/article/{article.pk}/change/",
        "thư viện ảnh": "/admin/photos/photo/",
        "hồ sơ đơn vị": f"/admin/clusters/unit/{unit.pk}/change/",
    }


def test_desk_pages_have_no_axe_violations(browser, live_server):
    from tests.browser.quality import axe_findings

    desk_editor = editor(username="bientap")
    pages = desk_pages(reporter(username="phongvien"), desk_editor)
    findings = axe_findings(
        browser,
        live_server,
        pages,
        sign_in=lambda page: login(page, live_server, "bientap"),
        viewport={"width": WIDTH, "height": 900},
    )
    assert findings == [], "\n".join(findings)


def test_desk_pages_pass_the_nu_html_checker(tmp_path):
    from tests.browser.quality import html_problems

    desk_editor = editor(username="bientap")
    pages = desk_pages(reporter(username="phongvien"), desk_editor)
    problems = html_problems(pages, tmp_path, user=desk_editor)
    assert problems == [], "\n".join(problems)


# --- The whole desk flow, counting what each person does ---------------------------------

# What README states: the reporter's and the editor's actions for one article, from the home.
REPORTER_ACTIONS = 7
EDITOR_ACTIONS = 2


class Actions:
    """Counts what a person does on the page: each click, fill, choice or typing."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def click(self, locator):
        self.count += 1
        locator.click()

    def fill(self, locator, value):
        self.count += 1
        locator.fill(value)

    def choose(self, locator, label):
        self.count += 1
        locator.select_option(label=label)

    def type(self, locator, value):
        self.count += 1
        locator.click()
        self.page.keyboard.type(value)


def test_desk_flow_from_the_home_counts_reporter_and_editor_actions(browser, live_server):
    from articles.models import Author

    writer = reporter(username="phongvien", first_name="Tuấn", last_name="Trọng")
    Author.objects.create(name="Trọng Tuấn", user=writer)
    editor(username="bientap")
    SectionFactory(name="Thi đua – Khen thưởng")

    context, page = desk_page(browser)
    login(page, live_server, "phongvien")
    reporter_does = Actions(page)
    reporter_does.click(page.get_by_role("link", name="Viết bài mới"))
    page.wait_for_function("() => window.editors && window.editors['id_body']")
    reporter_does.fill(page.locator("#id_title"), "Cụm thi đua số 5 sơ kết 6 tháng đầu năm 2020")
    reporter_does.choose(page.locator("#id_section"), "Thi đua – Khen thưởng")
    reporter_does.fill(
        page.locator("#id_lead"), "Các đơn vị trong Cụm thi đua số 5 đánh giá kết quả 6 tháng."
    )
    reporter_does.type(
        page.locator(".ck-editor__editable"), "Hội nghị do Công an tỉnh Nghệ An chủ trì."
    )
    # The byline row already holds the reporter's pen name.
    reporter_does.click(page.locator('input[name="_continue"]').first)
    page.wait_for_url(re.compile(r"/admin/articles/article/\d+/change/"))
    reporter_does.click(page.get_by_role("button", name="Gửi duyệt"))
    page.wait_for_url(re.compile(r"/admin/articles/article/\d+/change/"))
    article = Article.objects.get()
    assert article.status == Article.Status.REVIEW
    assert reporter_does.count == REPORTER_ACTIONS
    context.close()

    context, page = desk_page(browser)
    login(page, live_server, "bientap")
    editor_does = Actions(page)
    queue = page.locator(".desk-panel-cho-duyet")
    editor_does.click(queue.get_by_role("link", name=article.title))
    page.wait_for_url(re.compile(rf"/admin/articles/article/{article.pk}/change/"))
    editor_does.click(page.get_by_role("button", name="Đăng ngay"))
    page.wait_for_url(re.compile(rf"/admin/articles/article/{article.pk}/change/"))
    article.refresh_from_db()
    assert article.is_published()
    assert [a.author.name for a in article.authorships.all()] == ["Trọng Tuấn"]
    assert editor_does.count == EDITOR_ACTIONS
    context.close()
