"""create_draft: one write, or nothing at all (rows and staged files)."""

import datetime

import pytest

from articles import editing
from articles.models import Article, Author
from importer import docx, importing
from photos.models import Photo
from tests.articles.factories import SectionFactory
from tests.importer.docx_builder import DocxBuilder, png

pytestmark = pytest.mark.django_db
DAY = datetime.date(2020, 7, 17)


def staged_docx(caption="Toàn cảnh lễ ra quân. (Ảnh: Xuân Bắc)", byline="Bài: Minh Châu"):
    data = (
        DocxBuilder()
        .paragraph("Công an tỉnh Nghệ An ra quân", style="Title")
        .paragraph("Sáng 3/3, Công an tỉnh Nghệ An tổ chức lễ ra quân.", bold=True)
        .picture(png())
        .paragraph(caption, italic=True)
        .paragraph("Lực lượng tham gia gồm nhiều đơn vị nghiệp vụ.")
        .paragraph(byline)
        .build()
    )
    return importing.stage(docx.read_docx(data), DAY, "docx", "ra-quan.docx")


def stored_files(settings):
    from pathlib import Path

    return sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())


def test_a_credit_written_in_the_caption_becomes_the_photos_credit(reporter, records):
    staging = staged_docx()
    decisions = importing.default_decisions(staging, SectionFactory().pk)
    importing.create_draft(staging, reporter, decisions)
    photo = Photo.objects.get()
    # The library keeps caption and credit apart; the page prints "… Ảnh: Xuân Bắc".
    assert (photo.caption, photo.credit) == ("Toàn cảnh lễ ra quân.", "Xuân Bắc")
    assert photo.alt_text == "Toàn cảnh lễ ra quân."
    assert photo.uploaded_by == reporter


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Bài, ảnh: Minh Châu", "Minh Châu"),
        ("Bài: Minh Châu; ảnh: Xuân Bắc", "Xuân Bắc"),
        ("Trọng Tuấn – Xuân Bắc", "Trọng Tuấn – Xuân Bắc"),
    ],
)
def test_a_picture_without_a_credit_is_proposed_the_byline(byline, expected):
    staging = staged_docx(caption="Toàn cảnh lễ ra quân.", byline=byline)
    assert list(importing.proposed_credits(staging).values()) == [expected]


def test_a_failed_write_leaves_no_row_and_no_file(reporter, records, settings, monkeypatch):
    staging = staged_docx()
    assert stored_files(settings)  # the picture's original is staged
    decisions = importing.default_decisions(staging, SectionFactory().pk)

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(editing, "save_article", broken)
    with pytest.raises(RuntimeError):
        importing.create_draft(staging, reporter, decisions)
    assert not Article.objects.exists() and not Photo.objects.exists()
    assert not Author.objects.filter(name="Minh Châu").exists()
    assert stored_files(settings) == []


def test_a_reporter_without_the_right_to_write_creates_nothing(records_officer, records):
    staging = staged_docx()
    decisions = importing.default_decisions(staging, SectionFactory().pk)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        importing.create_draft(staging, records_officer, decisions)
    assert not Article.objects.exists() and not Photo.objects.exists()


def test_an_analysis_never_confirmed_leaves_files_the_media_clean_up_removes(settings):
    """A reporter who analyses a .docx and walks away leaves its staged pictures (no row
    holds them). They stay while the analysis may still be confirmed (one day) and the
    media clean-up finds them as orphans after that."""
    from django.utils import timezone

    from importer.forms import MAX_AGE
    from newsroom import media

    # The clean-up's grace outlives the analysis, so nothing confirmable is removed.
    assert datetime.timedelta(seconds=MAX_AGE) <= settings.MEDIA_CLEANUP_GRACE
    staged_docx()
    staged = {str(p.relative_to(settings.MEDIA_ROOT)) for p in stored_files(settings)}
    assert staged
    assert media.find().orphans == []  # still confirmable: kept
    later = timezone.now() + datetime.timedelta(seconds=MAX_AGE + 60)
    report = media.clean(now=later, delete=True)
    assert {found.name for found in report.orphans} == staged
    assert stored_files(settings) == []
