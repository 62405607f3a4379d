"""The "Nhập bài" page through the real forms: hand in, confirm, land on the draft."""

import re
from html import unescape

import pytest
from django.urls import reverse

from articles.models import Article, Author
from importer.models import Import, RecordRequest
from photos.models import Photo
from tests.articles.factories import AuthorFactory, SectionFactory
from tests.importer.docx_builder import DocxBuilder, jpeg, png

URL = "/admin/importer/import/nhap-bai/"
DAY = "2020-07-17"
ARTICLE = (
    "Cụm thi đua số 5 sơ kết 6 tháng đầu năm 2020\n"
    "Ngày 17/7, Cụm thi đua số 5 tổ chức hội nghị sơ kết với sự tham dự của Công an các "
    "tỉnh: Thanh Hoá, Nghệ An, Hà Tĩnh, Quảng Bình, Quảng Trị và Thừa Thiên Huế.\n"
    "Toàn cảnh Hội nghị.\n"
    "Các đơn vị đã giữ vững ANTT, không để xẩy ra cháy nổ lớn. Công tác XDLL được chú trọng.\n"
    "Đồng chí Đại tá Hồ Văn Tứ, PGĐ Công an tỉnh Nghệ An, trình bày báo cáo.\n"
    "Cụm thi đua số 5 thống nhất nội dung giao ước thi đua năm 2021.\n"
    "Phát biểu tại hội nghị, Đại tá Trần Văn Khiêm đề nghị các đơn vị tiếp tục phối hợp.\n"
    "Trọng Tuấn – Xuân Bắc"
)
TCVN3_LINE = "§ång chÝ §¹i t¸ Hå V¨n Tø, PGĐ C«ng an tØnh NghÖ An, ph¸t biÓu"

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(db):
    return SectionFactory(name="Tin tức – Sự kiện")


def hidden(html, name):
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    return match.group(1) if match else None


def analyse(client, section, **data):
    data = {"day": DAY, "section": section.pk, **data}
    return client.post(URL, data)


def confirm_data(html, section, **extra):
    """What the confirmation page posts when the reporter changes nothing."""
    data = {
        "staging": hidden(html, "staging"),
        "section": section.pk,
        "title": re.search(r'name="title"[^>]*value="([^"]*)"', html).group(1),
        "lead": re.search(r'name="lead"[^>]*>\s*([^<]*)</textarea>', html).group(1).strip(),
        "_xac_nhan": "1",
        "accept": re.findall(r'name="accept" value="([^"]*)" checked', html),
        "de-nghi": re.findall(r'name="de-nghi" value="([^"]*)" checked', html),
    }
    for index in re.findall(r'name="ky-(\d+)" value="1" checked', html):
        data[f"ky-{index}"] = "1"
    for name, value in re.findall(r'name="(tac-gia-anh-\d+)" id="[^"]*" value="([^"]*)"', html):
        data[name] = unescape(value)
    data.update(extra)
    return data


def test_the_import_page_is_reachable_by_its_admin_name():
    assert reverse("admin:importer_import") == URL


def test_a_reporter_sees_the_form(client, reporter):
    client.force_login(reporter)
    html = client.get(URL).content.decode()
    assert "Dán nội dung bài" in html and 'type="file"' in html


def test_records_staff_may_not_import(client, records_officer):
    client.force_login(records_officer)
    assert client.get(URL).status_code == 403


def test_anonymous_is_sent_to_sign_in(client):
    assert client.get(URL).status_code == 302


def test_pasted_text_is_analysed_for_confirmation_without_saving(
    client, reporter, section, records
):
    client.force_login(reporter)
    html = analyse(client, section, text=ARTICLE).content.decode()
    assert 'value="Cụm thi đua số 5 sơ kết 6 tháng đầu năm 2020"' in html
    assert "Cần ảnh" in html and "Toàn cảnh Hội nghị." in html
    assert "<mark>Hồ Văn Tứ</mark>" in html
    assert "Trọng Tuấn" in html and "bút danh mới" in html
    assert "xẩy ra" in html  # the house-style warning
    assert "Trần Văn Khiêm" in html and 'name="de-nghi"' in html
    assert not Article.objects.exists() and not Photo.objects.exists()


def test_confirming_creates_the_reporters_draft_with_links_and_bylines(
    client, reporter, section, records
):
    existing = AuthorFactory(name="Xuân Bắc")
    client.force_login(reporter)
    html = analyse(client, section, text=ARTICLE).content.decode()
    response = client.post(URL, confirm_data(html, section))
    article = Article.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:articles_article_change", args=[article.pk])
    assert article.status == Article.Status.DRAFT and article.created_by == reporter
    assert article.title == "Cụm thi đua số 5 sơ kết 6 tháng đầu năm 2020"
    assert article.lead.startswith("Ngày 17/7")
    names = [a.author.name for a in article.authorships.order_by("position")]
    assert names == ["Trọng Tuấn", "Xuân Bắc"]
    assert Author.objects.filter(name="Xuân Bắc").get() == existing
    assert article.clusters.filter(pk=records.clusters["local:5"]).exists()
    assert article.units.count() >= 6 and article.officials.exists()
    assert "Trọng Tuấn" not in article.body
    # The first mention of a linked record is a link; the caption slot keeps its words.
    assert re.search(r'<a href="/[^"]+">Cụm thi đua số 5</a>', article.body)
    assert "<em>Toàn cảnh Hội nghị.</em>" in article.body
    record = Import.objects.get(article=article)
    assert (record.source, str(record.original_date)) == ("text", DAY)
    (request,) = RecordRequest.objects.all()
    assert request.name == "Trần Văn Khiêm" and request.rank_text == "Đại tá"


def test_rejected_suggestions_and_bylines_are_left_out(client, reporter, section, records):
    client.force_login(reporter)
    html = analyse(client, section, text=ARTICLE).content.decode()
    data = confirm_data(html, section, accept=[], **{"de-nghi": []})
    data.pop("ky-1")
    client.post(URL, data)
    article = Article.objects.get()
    assert not article.units.exists() and not article.clusters.exists()
    assert "<a " not in article.body
    assert [a.author.name for a in article.authorships.all()] == ["Trọng Tuấn"]
    assert not RecordRequest.objects.exists()


def two_picture_docx(first_caption, byline):
    """A .docx with two pictures in their places: the first with ``first_caption``."""
    return (
        DocxBuilder()
        .paragraph("Công an Nghệ An ra quân bảo đảm ANTT", style="Title")
        .paragraph("Sáng 3/3, Công an tỉnh Nghệ An tổ chức lễ ra quân.", bold=True)
        .picture(png((200, 30, 30)))
        .paragraph(first_caption, italic=True)
        .paragraph("Lực lượng tham gia gồm nhiều đơn vị nghiệp vụ.")
        .picture(jpeg((30, 30, 200)), extension="jpeg")
        .paragraph("Các đại biểu dự lễ ra quân.", italic=True)
        .paragraph(byline)
        .build()
    )


def test_a_docx_brings_its_pictures_in_order_with_their_captions(
    client, reporter, section, records
):
    data = two_picture_docx("Toàn cảnh lễ ra quân.", "Minh Châu")
    client.force_login(reporter)
    upload = _upload(data, "ra-quan.docx")
    html = analyse(client, section, upload=upload).content.decode()
    assert html.count("<img src=") == 2
    assert not Photo.objects.exists()
    client.post(URL, confirm_data(html, section))
    article = Article.objects.get()
    photos = list(Photo.objects.order_by("pk"))
    assert [p.caption for p in photos] == ["Toàn cảnh lễ ra quân.", "Các đại biểu dự lễ ra quân."]
    positions = [article.body.index(f'data-photo="{p.pk}"') for p in photos]
    assert positions == sorted(positions)
    assert Import.objects.get().filename == "ra-quan.docx"
    # Publishing needs each picture's credit: the byline's name is proposed for both.
    assert [p.credit for p in photos] == ["Minh Châu", "Minh Châu"]


def test_the_reporter_confirms_or_corrects_each_pictures_credit(client, reporter, section, records):
    data = two_picture_docx("Toàn cảnh lễ ra quân. (Ảnh: Xuân Bắc)", "Bài: Minh Châu")
    client.force_login(reporter)
    html = analyse(client, section, upload=_upload(data, "ra-quan.docx")).content.decode()
    # The credit written in a caption is proposed for its picture and shown apart from it.
    fields = re.findall(r'<label for="id-(tac-gia-anh-\d+)">Tác giả ảnh</label>', html)
    assert len(fields) == 2
    first, second = fields
    assert re.search(rf'name="{first}" id="id-{first}" value="Xuân Bắc"', html)
    assert re.search(rf'name="{second}" id="id-{second}" value="Minh Châu"', html)
    assert "<figcaption>Toàn cảnh lễ ra quân.</figcaption>" in html
    client.post(URL, confirm_data(html, section, **{second: "Thu Hà"}))
    photos = list(Photo.objects.order_by("pk"))
    assert [(p.caption, p.credit) for p in photos] == [
        ("Toàn cảnh lễ ra quân.", "Xuân Bắc"),
        ("Các đại biểu dự lễ ra quân.", "Thu Hà"),
    ]
    assert photos[0].alt_text == "Toàn cảnh lễ ra quân."


def test_a_tampered_analysis_is_refused_and_nothing_is_saved(client, reporter, section, records):
    client.force_login(reporter)
    html = analyse(client, section, text=ARTICLE).content.decode()
    data = confirm_data(html, section)
    data["staging"] = data["staging"][:-3] + "abc"
    html = client.post(URL, data).content.decode()
    assert "hết hạn hoặc không hợp lệ" in html
    assert not Article.objects.exists()


def test_another_reporters_analysis_is_refused(client, reporter, other_reporter, section, records):
    client.force_login(reporter)
    html = analyse(client, section, text=ARTICLE).content.decode()
    client.force_login(other_reporter)
    html = client.post(URL, confirm_data(html, section)).content.decode()
    assert "hết hạn hoặc không hợp lệ" in html
    assert not Article.objects.exists()


def test_a_missing_title_keeps_the_page_and_saves_nothing(client, reporter, section, records):
    client.force_login(reporter)
    html = analyse(client, section, text=ARTICLE).content.decode()
    html = client.post(URL, confirm_data(html, section, title="")).content.decode()
    assert "Bài chưa có tiêu đề" in html
    assert "Toàn cảnh Hội nghị." in html
    assert not Article.objects.exists()


# --- Bad input ------------------------------------------------------------------------


def _upload(data, name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def _refused(client, section, text=None, upload=None):
    data = {"text": text} if text is not None else {"upload": upload}
    response = analyse(client, section, **data)
    assert not Article.objects.exists() and not Photo.objects.exists()
    return response.content.decode()


def test_a_file_renamed_docx_is_refused_in_vietnamese(client, reporter, section):
    client.force_login(reporter)
    html = _refused(client, section, upload=_upload(b"just some text", "bai.docx"))
    assert "không phải văn bản Word (.docx)" in html


def test_a_corrupt_docx_is_refused(client, reporter, section):
    client.force_login(reporter)
    broken = DocxBuilder().paragraph("Tiêu đề").build()[:200]
    html = _refused(client, section, upload=_upload(broken, "hong.docx"))
    assert "bị hỏng" in html


def test_a_password_protected_docx_is_refused(client, reporter, section):
    client.force_login(reporter)
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64 + "EncryptionInfo".encode("utf-16-le")
    html = _refused(client, section, upload=_upload(ole, "mat-khau.docx"))
    assert "đặt mật khẩu" in html


def test_ten_megabytes_of_text_are_refused_with_a_message(client, reporter, section, settings):
    client.force_login(reporter)
    html = _refused(client, section, upload=_upload(b"a" * 10_000_000, "dai.txt"))
    assert "Tệp văn bản quá lớn" in html


def test_ten_megabytes_pasted_are_refused_with_a_message(client, reporter, section):
    client.force_login(reporter)
    response = analyse(client, section, text="Công an. " * 1_200_000)
    assert response.status_code == 413
    assert "Nội dung gửi lên quá lớn" in response.content.decode()
    assert not Article.objects.exists()


def test_text_too_long_for_an_article_keeps_what_was_typed(client, reporter, section, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
    client.force_login(reporter)
    html = _refused(client, section, text="Công an tỉnh.\n" * 160_000)
    assert "quá dài" in html
    assert "Công an tỉnh." in html  # the textarea keeps it


def test_legacy_font_text_is_offered_for_conversion_and_kept(client, reporter, section, records):
    client.force_login(reporter)
    pasted = f"Tiêu đề bài\n{TCVN3_LINE}\nĐoạn thứ hai của bài viết."
    html = _refused(client, section, text=pasted)
    assert "bảng mã cũ" in html and "TCVN3" in html
    assert "§ång chÝ" in html  # what was typed is still in the box
    html = analyse(client, section, text=pasted, legacy="tcvn3").content.decode()
    assert "Đồng chí Đại tá Hồ Văn Tứ" in html
    assert "Đã chuyển từ bảng mã" in html


def test_html_with_scripts_is_sanitised(client, reporter, section, records):
    client.force_login(reporter)
    pasted = (
        "<h1>Tiêu đề có mã độc</h1><p>Sapo của bài viết.</p>"
        "<script>alert('x')</script><p onclick=\"alert(1)\">Đoạn một <img src=x "
        "onerror=alert(2)>của bài.</p><p>Đoạn hai.</p>"
    )
    html = analyse(client, section, text=pasted).content.decode()
    assert "alert" not in html
    client.post(URL, confirm_data(html, section))
    article = Article.objects.get()
    assert "alert" not in article.body and "<script" not in article.body
    assert "Đoạn một" in article.body


def test_neither_text_nor_file_is_a_clear_error(client, reporter, section):
    client.force_login(reporter)
    html = _refused(client, section, text="   ")
    assert "Hãy dán nội dung bài hoặc chọn một tệp" in html


def test_reporters_find_the_page_from_their_list_of_imports(client, reporter, editor, section):
    client.force_login(reporter)
    html = client.get("/admin/importer/import/").content.decode()
    assert f'href="{URL}"' in html
    assert client.get("/admin/").content.decode().count("/admin/importer/import/") >= 1
