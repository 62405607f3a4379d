"""``manage.py import_articles``: a folder of .docx/.txt files becomes drafts."""

import io

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from importer.models import Import, RecordRequest
from photos.models import Photo
from tests.articles.factories import SectionFactory
from tests.importer.docx_builder import DocxBuilder, png

pytestmark = pytest.mark.django_db

TEXT = (
    "Công an tỉnh Nghệ An sơ kết công tác 6 tháng\n"
    "Sáng 10/7, Công an tỉnh Nghệ An tổ chức hội nghị sơ kết công tác 6 tháng đầu năm.\n"
    "Hội nghị đánh giá các đơn vị đã giữ vững ANTT trên địa bàn.\n"
    "Đại tá Lê Văn Vắng trình bày báo cáo tại hội nghị.\n"
    "Thu Hà"
)


def run(folder, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_articles", str(folder), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "01-so-ket.txt").write_text(TEXT, encoding="utf-8")
    docx = (
        DocxBuilder()
        .paragraph("Ra quân bảo đảm trật tự an toàn giao thông", style="Title")
        .paragraph("Sáng 3/3, Công an tỉnh Hà Tĩnh ra quân bảo đảm trật tự.", bold=True)
        .picture(png())
        .paragraph("Toàn cảnh lễ ra quân.", italic=True)
        .paragraph("Lực lượng tham gia gồm nhiều đơn vị nghiệp vụ.")
        .build()
    )
    (tmp_path / "02-ra-quan.docx").write_bytes(docx)
    (tmp_path / "03-hong.docx").write_bytes(b"not a word file")
    (tmp_path / "ghi-chu.pdf").write_bytes(b"%PDF")
    return tmp_path


def test_a_folder_becomes_drafts_of_the_user_with_a_summary(folder, reporter, records):
    SectionFactory(slug="tin-tuc")
    out, err = run(folder, "--user", reporter.username, "--date", "2020-07-10")
    assert "Đã nhập 2/3 tệp thành bản nháp." in out
    assert "✗ 03-hong.docx: Tệp «03-hong.docx» không phải văn bản Word" in out
    assert "3/3" in err and "█" in err  # the progress bar
    drafts = Article.objects.order_by("pk")
    assert [a.title for a in drafts] == [
        "Công an tỉnh Nghệ An sơ kết công tác 6 tháng",
        "Ra quân bảo đảm trật tự an toàn giao thông",
    ]
    assert all(a.status == Article.Status.DRAFT and a.created_by == reporter for a in drafts)
    first, second = drafts
    assert first.units.filter(name="Công an tỉnh Nghệ An").exists()
    assert [a.author.name for a in first.authorships.all()] == ["Thu Hà"]
    assert Photo.objects.get().caption == "Toàn cảnh lễ ra quân."
    assert f'data-photo="{Photo.objects.get().pk}"' in second.body
    assert sorted(Import.objects.values_list("source", flat=True)) == ["docx", "file"]
    assert not RecordRequest.objects.exists()


def test_unknown_officials_go_to_records_staff_when_asked(folder, reporter, records):
    SectionFactory()
    run(folder, "--user", reporter.username, "--request-records")
    assert RecordRequest.objects.filter(name="Lê Văn Vắng", rank_text="Đại tá").exists()


def test_a_legacy_font_file_is_skipped_unless_converted(tmp_path, reporter, records):
    SectionFactory()
    line = "§ång chÝ §¹i t¸ Hå V¨n Tø, PGĐ C«ng an tØnh NghÖ An, ph¸t biÓu t¹i héi nghÞ"
    (tmp_path / "cu.txt").write_text(f"Tiêu đề bài cũ\n{line}\n{line}\n", encoding="utf-8")
    out, _err = run(tmp_path, "--user", reporter.username)
    assert "Đã nhập 0/1" in out and "--legacy=tcvn3" in out
    out, _err = run(tmp_path, "--user", reporter.username, "--legacy", "tcvn3")
    assert "Đã nhập 1/1" in out
    article = Article.objects.get()
    assert "Đồng chí Đại tá Hồ Văn Tứ" in article.lead + article.body


def test_an_unknown_user_or_folder_is_an_error(folder, reporter):
    with pytest.raises(CommandError, match="Không có tài khoản"):
        run(folder, "--user", "ai-do")
    with pytest.raises(CommandError, match="Không có thư mục"):
        run(folder / "khong-co", "--user", reporter.username)


def test_a_user_who_may_not_write_imports_nothing(folder, records_officer, records):
    SectionFactory()
    out, _err = run(folder, "--user", records_officer.username)
    assert "Đã nhập 0/3" in out and "Bạn không được viết bài mới." in out
    assert not Article.objects.exists() and not Photo.objects.exists()
