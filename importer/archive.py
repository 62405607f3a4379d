"""Back issues: an editor publishes an imported article with its original date.

One more step in the workflow's table (``articles.workflow.register``), offered on
imported articles only: like "Đăng ngay", but with the date and time the article first
appeared, which must be in the past. The audit log records it under its own action,
with the publication time it was given.
"""

from articles import workflow
from articles.models import Article

from .models import Import

State, Recorded = workflow.State, workflow.Recorded
ACTION = "article.published_archive"


def _imported_editor(user, article):
    return workflow.is_editor(user) and Import.objects.filter(article_id=article.pk).exists()


def _in_the_past(article, at, now):
    if at >= now:
        return "Ngày gốc phải ở trong quá khứ; muốn đăng ngay hãy chọn “Đăng ngay”."


def _complete(article, at, now):
    missing = workflow.missing_for_publication(article)
    if missing:
        return f"Chưa đăng được: bài còn thiếu {', '.join(missing)}."


def _photos_ready(article, at, now):
    problems = workflow.photo_problems(article)
    if problems:
        return f"Chưa đăng được: {'; '.join(problems)}."


def _expires_later(article, at, now):
    if article.expires_at is not None and article.expires_at <= at:
        return "Thời điểm hết hạn phải sau thời điểm đăng; hãy sửa hoặc bỏ hạn."


def _original_day(article):
    """The day the import read from the article (the editor adds the time)."""
    day = Import.objects.filter(article_id=article.pk).values_list("original_date", flat=True)
    day = day.first()
    return {"at": day} if day else {}


PUBLISH_ARCHIVE = workflow.Transition(
    name="publish_archive",
    label="Đăng với ngày gốc",
    sources=frozenset({State.DRAFT, State.REVIEW, State.SCHEDULED, State.UNPUBLISHED}),
    target=Article.Status.PUBLISHED,
    permission="articles.publish_article",
    who=_imported_editor,
    records={
        "published_at": Recorded.AT,
        "approved_by": Recorded.USER,
        "approved_at": Recorded.NOW,
        "review_note": "",
    },
    audit_action=ACTION,
    audit_label="Đăng bài lưu trữ với ngày gốc",
    done="Đã đăng “{title}” với ngày gốc {at}.",
    refused="Bài đã được đăng.",
    inputs=("at",),
    checks=(_in_the_past, _complete, _photos_ready, _expires_later),
    proposed=_original_day,
)


def register():
    if PUBLISH_ARCHIVE.name not in workflow.TRANSITIONS:
        workflow.register(PUBLISH_ARCHIVE)
