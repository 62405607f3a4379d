"""Back issues: editors publish an imported article with its original date, logged."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied

from articles import workflow
from importer.archive import ACTION
from importer.models import Import
from newsroom.errors import WorkflowError
from newsroom.models import AuditEntry
from tests.articles.factories import ArticleFactory
from tests.articles.steps import step
from tests.editorial.article_form import change_url

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
ORIGINAL = dt.datetime(2020, 7, 17, 9, 30, tzinfo=HANOI)


@pytest.fixture
def imported(db):
    article = ArticleFactory()
    Import.objects.create(article=article, source="docx", original_date=ORIGINAL.date())
    return article


def test_an_editor_publishes_an_imported_article_with_its_original_date(imported, editor):
    step("publish_archive", imported, editor, at=ORIGINAL)
    imported.refresh_from_db()
    assert imported.is_published() and imported.published_at == ORIGINAL
    entry = AuditEntry.objects.get(action=ACTION)
    assert entry.actor == editor
    assert entry.details["published_at"] == ORIGINAL.isoformat()


def test_the_original_date_must_be_in_the_past(imported, editor):
    with pytest.raises(WorkflowError, match="quá khứ"):
        step("publish_archive", imported, editor, at=dt.datetime(2099, 1, 1, tzinfo=HANOI))


def test_reporters_may_not_backdate(imported, reporter):
    with pytest.raises(PermissionDenied):
        step("publish_archive", imported, reporter, at=ORIGINAL)


def test_only_imported_articles_offer_the_step(editor, imported):
    other = ArticleFactory()
    assert "publish_archive" in [t.name for t in workflow.allowed(editor, imported)]
    assert "publish_archive" not in [t.name for t in workflow.allowed(editor, other)]


def test_the_form_button_asks_for_the_date(client, editor, imported):
    client.force_login(editor)
    html = client.get(change_url(imported)).content.decode()
    assert "Đăng với ngày gốc" in html
    url = f"/admin/articles/article/{imported.pk}/quy-trinh/publish_archive/"
    response = client.post(
        url,
        {"version": imported.version, "published_at_0": "17/07/2020", "published_at_1": "09:30"},
    )
    imported.refresh_from_db()
    assert response.status_code == 302, response.content.decode()[:2000]
    assert imported.published_at == ORIGINAL


def test_the_form_proposes_the_original_day_and_leaves_the_time(client, editor, imported):
    client.force_login(editor)
    url = f"/admin/articles/article/{imported.pk}/quy-trinh/publish_archive/"
    html = client.get(f"{url}?version={imported.version}").content.decode()
    assert 'name="published_at_0" value="17/07/2020"' in html
    time_input = re.search(r'<input[^>]*name="published_at_1"[^>]*>', html).group(0)
    assert "value=" not in time_input
