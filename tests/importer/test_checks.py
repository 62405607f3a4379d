"""House style on the article form, before submitting; unknown officials to records staff."""

import pytest

from articles import advice
from importer import checks
from importer.models import RecordRequest
from tests.articles.factories import ArticleFactory
from tests.articles.steps import step
from tests.editorial.article_form import change_url

pytestmark = pytest.mark.django_db

BODY = (
    "<p>Công an tỉnh Thanh Hoá phối hợp với Công an tỉnh Nghệ An.</p>"
    "<p>Đoàn công tác đến Thanh Hóa, không để xẩy ra sự cố.</p>"
    "<p>Đại tá Trần Văn Khiêm phát biểu tại buổi làm việc.</p>"
)


@pytest.fixture
def draft(reporter, records):
    return ArticleFactory(title="Phối hợp bảo đảm an ninh", body=BODY, created_by=reporter)


def test_the_importer_advises_on_tone_marks_typos_and_unknown_officials(draft):
    messages = advice.of(draft)
    assert any("«hoá»" in m and "«hóa»" in m for m in messages)
    assert any("xẩy ra" in m for m in messages)
    assert any("Trần Văn Khiêm" in m and "hồ sơ" in m for m in messages)


def test_the_reporter_sees_the_warnings_on_the_draft_form_and_the_text_is_unchanged(
    client, reporter, draft
):
    client.force_login(reporter)
    html = client.get(change_url(draft)).content.decode()
    assert "Lưu ý trước khi gửi duyệt" in html and "xẩy ra" in html
    body = draft.body
    draft.refresh_from_db()
    assert draft.body == body


def test_no_warnings_once_submitted(client, reporter, draft):
    step("submit", draft, reporter)
    client.force_login(reporter)
    assert "Lưu ý trước khi gửi duyệt" not in client.get(change_url(draft)).content.decode()


def test_submitting_passes_unknown_officials_to_records_staff(
    reporter, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        step("submit", draft, reporter)
    (request,) = RecordRequest.objects.all()
    assert (request.rank_text, request.name, request.article) == ("Đại tá", "Trần Văn Khiêm", draft)
    # Submitting again after a return files nothing twice.
    assert checks.file_record_requests(draft, reporter) == 0


def test_records_staff_see_the_requests(client, records_officer, draft, reporter):
    checks.file_record_requests(draft, reporter)
    client.force_login(records_officer)
    html = client.get("/admin/importer/recordrequest/").content.decode()
    assert "Trần Văn Khiêm" in html
