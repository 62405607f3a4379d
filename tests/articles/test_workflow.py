import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from articles import locking, workflow
from articles.models import Article, Authorship
from articles.signals import article_changed
from newsroom.errors import WorkflowError
from tests.articles.factories import ArticleFactory, AuthorFactory
from tests.articles.steps import step

pytestmark = pytest.mark.django_db

Status = Article.Status
NOW = dt.datetime(2026, 11, 27, 3, 5, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def draft(reporter):
    return ArticleFactory(created_by=reporter)


def test_submit_moves_a_draft_to_review(draft, reporter):
    step("submit", draft, reporter)
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW
    assert draft.submitted_at == NOW
    assert draft.updated_by == reporter


def test_submit_refuses_what_is_not_a_draft(reporter):
    article = ArticleFactory(created_by=reporter, in_review=True)
    with pytest.raises(WorkflowError, match="bản nháp"):
        step("submit", article, reporter)


def test_reporter_may_not_submit_another_reporters_draft(draft, other_reporter):
    with pytest.raises(PermissionDenied):
        step("submit", draft, other_reporter)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_cosigning_reporter_owns_the_article(draft, other_reporter):
    Authorship.objects.create(article=draft, author=AuthorFactory(user=other_reporter))
    assert workflow.is_owner(other_reporter, draft)
    step("submit", draft, other_reporter)
    assert draft.status == Status.REVIEW


def test_publish_records_the_approver_and_the_time(draft, editor):
    step("publish", draft, editor)
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.published_at == NOW
    assert draft.approved_by == editor
    assert draft.approved_at == NOW
    assert draft.is_published()


def test_reporter_may_not_publish_even_their_own_article(draft, reporter):
    with pytest.raises(PermissionDenied):
        step("publish", draft, reporter)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert draft.approved_by is None


def test_publish_refuses_an_article_missing_its_lead_and_body(editor):
    article = ArticleFactory(lead="", body="<p> </p>")
    with pytest.raises(WorkflowError, match="sapo, nội dung"):
        step("publish", article, editor)


def test_publish_refuses_an_article_already_out(editor):
    article = ArticleFactory(published=True)
    with pytest.raises(WorkflowError, match="đã được đăng"):
        step("publish", article, editor)


def test_schedule_sets_a_future_time_and_keeps_the_article_hidden(draft, editor):
    at = NOW + dt.timedelta(hours=5)
    step("schedule", draft, editor, at=at)
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.published_at == at
    assert draft.is_scheduled()
    assert not Article.objects.published().exists()


def test_schedule_refuses_a_time_in_the_past_or_now(draft, editor):
    for at in (NOW, NOW - dt.timedelta(minutes=1)):
        with pytest.raises(WorkflowError, match="tương lai"):
            step("schedule", draft, editor, at=at)


def test_schedule_refuses_a_time_after_the_expiry(editor):
    article = ArticleFactory(expires_at=NOW + dt.timedelta(hours=1))
    with pytest.raises(WorkflowError, match="hết hạn"):
        step("schedule", article, editor, at=NOW + dt.timedelta(hours=2))


def test_publish_now_brings_a_scheduled_article_forward(editor):
    article = ArticleFactory(scheduled=True)
    step("publish", article, editor)
    assert article.published_at == NOW
    assert article.is_published()


def test_unpublish_takes_an_article_off_the_site(editor):
    article = ArticleFactory(published=True)
    step("unpublish", article, editor)
    article.refresh_from_db()
    assert article.status == Status.UNPUBLISHED
    assert not article.is_published()


def test_unpublish_refuses_a_draft(draft, editor):
    with pytest.raises(WorkflowError):
        step("unpublish", draft, editor)


def test_return_sends_the_article_back_with_the_note(reporter, editor):
    article = ArticleFactory(created_by=reporter, in_review=True)
    step("return", article, editor, note="  Bổ sung tên đơn vị chủ trì. ")
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert article.review_note == "Bổ sung tên đơn vị chủ trì."
    assert workflow.can_edit(reporter, article)


def test_return_needs_a_note(editor):
    article = ArticleFactory(in_review=True)
    with pytest.raises(WorkflowError, match="ý kiến"):
        step("return", article, editor, note=" ")


def test_reporter_may_not_return(reporter):
    article = ArticleFactory(created_by=reporter, in_review=True)
    with pytest.raises(PermissionDenied):
        step("return", article, reporter, note="Tự trả")


def test_publishing_clears_the_return_note(editor):
    article = ArticleFactory(in_review=True)
    step("return", article, editor, note="Sửa sapo")
    step("publish", article, editor)
    assert article.review_note == ""


def test_reporter_may_edit_own_draft_but_not_once_submitted(draft, reporter):
    assert workflow.can_edit(reporter, draft)
    step("submit", draft, reporter)
    assert not workflow.can_edit(reporter, draft)


def test_editor_may_edit_any_article_in_any_state(editor):
    for article in (
        ArticleFactory(),
        ArticleFactory(in_review=True),
        ArticleFactory(published=True),
    ):
        assert workflow.can_edit(editor, article)


def test_records_officer_sees_published_articles_but_not_drafts(records_officer):
    draft = ArticleFactory()
    public = ArticleFactory(published=True)
    assert list(workflow.visible_to(records_officer)) == [public]
    assert not workflow.can_view(records_officer, draft)
    assert not workflow.can_edit(records_officer, public)


def test_reporter_sees_own_articles_and_public_ones(reporter, other_reporter):
    mine = ArticleFactory(created_by=reporter)
    theirs = ArticleFactory(created_by=other_reporter)
    theirs_public = ArticleFactory(created_by=other_reporter, published=True)
    visible = set(workflow.visible_to(reporter))
    assert visible == {mine, theirs_public}
    assert theirs not in visible


def test_inactive_editor_may_do_nothing(editor):
    editor.is_active = False
    article = ArticleFactory(in_review=True)
    assert [t.name for t in workflow.allowed(editor, article)] == []
    assert not workflow.can_view(editor, article)


def test_allowed_actions_follow_the_state(reporter, editor):
    draft = ArticleFactory(created_by=reporter)
    assert [t.name for t in workflow.allowed(reporter, draft)] == ["submit"]
    assert [t.name for t in workflow.allowed(editor, draft)] == ["submit", "publish", "schedule"]
    review = ArticleFactory(created_by=reporter, in_review=True)
    assert [t.name for t in workflow.allowed(reporter, review)] == []
    assert [t.name for t in workflow.allowed(editor, review)] == ["return", "publish", "schedule"]
    live = ArticleFactory(published=True)
    assert [t.name for t in workflow.allowed(editor, live)] == ["unpublish"]
    waiting = ArticleFactory(scheduled=True)
    assert [t.name for t in workflow.allowed(editor, waiting)] == [
        "publish",
        "schedule",
        "unpublish",
    ]


def test_side_effects_wait_for_the_commit(draft, editor, django_capture_on_commit_callbacks):
    received = []

    def receiver(sender, article_id, action, user_id, **kwargs):
        received.append((article_id, action, user_id))

    article_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            step("publish", draft, editor)
        assert received == []
        for callback in callbacks:
            callback()
    finally:
        article_changed.disconnect(receiver)
    assert received == [(draft.pk, "article.published", editor.pk)]


def test_transition_works_on_a_stale_instance(draft, editor):
    stale = Article.objects.get(pk=draft.pk)
    step("submit", draft, editor)
    # The stale copy still says draft; the check runs on the stored state.
    with pytest.raises(WorkflowError):
        step("submit", stale, editor)


def test_a_step_from_a_version_the_user_never_saw_is_refused(draft, editor, other_reporter):
    seen = draft.version
    Article.objects.filter(pk=draft.pk).update(updated_by=other_reporter)
    step("submit", Article.objects.get(pk=draft.pk), editor)
    with pytest.raises(locking.Conflict) as refused:
        workflow.perform("publish", draft, editor, expected_version=seen)
    assert refused.value.version == seen + 1
    assert "Chưa đăng ngay: Nguyễn Văn An đã lưu bài này lúc" in refused.value.refusal("Đăng ngay")
    assert "(gửi duyệt)" in refused.value.refusal("Đăng ngay")
    assert Article.objects.get(pk=draft.pk).status == Status.REVIEW


def test_the_state_is_checked_as_stored_even_at_the_right_version(draft, editor):
    stored = Article.objects.get(pk=draft.pk)
    step("submit", stored, editor)
    stale = Article.objects.get(pk=draft.pk)
    stale.status = Status.DRAFT  # what an old copy would say, at the current version
    with pytest.raises(WorkflowError, match="bản nháp"):
        step("submit", stale, editor)


def test_is_scheduled_is_false_for_past_publication():
    assert not ArticleFactory(published_at=timezone.now(), status=Status.PUBLISHED).is_scheduled()


def test_publish_may_backdate_but_not_postdate(draft, editor):
    with pytest.raises(WorkflowError, match="Lên lịch"):
        step("publish", draft, editor, at=NOW + dt.timedelta(hours=1))
    step("publish", draft, editor, at=dt.datetime(2020, 7, 17, 9, 30, tzinfo=dt.UTC))
    assert draft.published_at.year == 2020
    assert draft.approved_at == NOW
