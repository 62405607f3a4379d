"""Issue 5's one way in, through CKEditor: a picture put in the body becomes a library photo."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from photos.imaging import MESSAGES
from photos.models import Photo
from tests.articles.factories import SectionFactory
from tests.browser.conftest import login
from tests.factories import reporter
from tests.photos import images

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Công an Nghệ An triệt phá đường dây đánh bạc qua mạng"
LEAD = "Phòng Cảnh sát hình sự bắt quả tang nhóm đối tượng tổ chức đánh bạc."
PARAGRAPH = "Lực lượng chức năng thu giữ nhiều tang vật tại hiện trường."
CAPTION = "Hiện trường vụ việc."
# The image-upload button of CKEditor's toolbar is a button holding a hidden file input.
FILE_INPUT = ".ck-file-dialog-button input[type=file]"


def jpeg_file(name, content):
    return {"name": name, "mimeType": "image/jpeg", "buffer": content}


def start_article(page, live_server):
    """Log in as the reporter, open a new article and type its title, lead and a paragraph.
    The form starts with the reporter's own pen name as the byline."""
    from django.contrib.auth import get_user_model

    from articles.models import Author

    SectionFactory(name="An ninh trật tự")
    Author.objects.create(
        name="Trọng Tuấn", user=get_user_model().objects.get(username="phongvien")
    )
    login(page, live_server, "phongvien")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_section").select_option(label="An ninh trật tự")
    page.locator("#id_lead").fill(LEAD)
    body = page.locator(".ck-editor__editable")
    body.click()
    page.keyboard.type(PARAGRAPH)
    return body


def test_picture_inserted_in_editor_becomes_library_photo(page, live_server, artifacts):
    writer = reporter(username="phongvien")
    body = start_article(page, live_server)

    page.set_input_files(FILE_INPUT, files=[jpeg_file("hien-truong.jpg", images.phone_photo())])
    # Once the upload answers, the figure points at the photo's editor address.
    image = body.locator('figure.image img[src*="/soan-thao/anh/"]')
    image.wait_for()
    image.click()
    page.locator(".ck-balloon-panel_visible").get_by_role("button", name="Hiện chú thích").click()
    page.keyboard.type(CAPTION)
    page.screenshot(path=artifacts / "editor-photo.png", full_page=True)
    page.locator('input[name="_continue"]').first.click()
    page.wait_for_url(re.compile(r"/admin/articles/article/\d+/change/"))
    assert "thành công" in page.locator(".messagelist").inner_text()
    # Opened again, the editor shows the library photo with the caption from the library.
    shown = page.locator(".ck-editor__editable figure.image")
    expect(shown.locator("img")).to_have_attribute("src", re.compile(r"^/soan-thao/anh/\d+/$"))
    expect(shown.locator("figcaption")).to_have_text(CAPTION)

    photo = Photo.objects.get()
    assert photo.uploaded_by == writer
    assert (photo.width, photo.height) == (300, 400)
    assert photo.caption == CAPTION
    article = Article.objects.get()
    assert article.title == TITLE
    assert PARAGRAPH in article.body
    assert f'<figure data-photo="{photo.pk}"></figure>' in article.body
    assert "/media/" not in article.body
    assert "/soan-thao/anh/" not in article.body


def test_svg_put_in_editor_is_refused_and_article_kept(page, live_server):
    reporter(username="phongvien")
    body = start_article(page, live_server)

    # An SVG passed off as a JPEG gets past the browser's type filter; the server reads it.
    with page.expect_event("dialog") as shown:
        page.set_input_files(FILE_INPUT, files=[jpeg_file("hien-truong.jpg", images.svg())])
    dialog = shown.value
    dialog_type, message = dialog.type, dialog.message
    dialog.dismiss()

    assert dialog_type == "alert"
    assert message == MESSAGES["unsupported_format"]
    # CKEditor takes the placeholder figure out again.
    expect(body.locator("figure")).to_have_count(0)
    assert page.locator("#id_title").input_value() == TITLE
    assert page.locator("#id_lead").input_value() == LEAD
    assert PARAGRAPH in body.inner_text()
    assert page.url == f"{live_server.url}/admin/articles/article/add/"
    assert not Photo.objects.exists()
    assert not Article.objects.exists()
