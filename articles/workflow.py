"""The article workflow: who may see and edit an article, and its steps as one table.

States, as the desk says them (``state_of``): draft → review → published, which is
*scheduled* while ``published_at`` is ahead and *expired* once past ``expires_at`` →
unpublished. Every change of state is a ``Transition`` in ``TRANSITIONS``: its button,
the states it leaves and the one it reaches, who may take it, what it records, the
inputs it asks for, its audit action and its message. The admin's buttons and bulk
actions, the permission checks behind them (so any crafted POST too) and the audit
log's labels all read the table, and ``perform`` is the only code that takes a step.

Restoring a version and printing a correction change no state: they are recorded
actions of the write path (``articles.editing``), which also keeps ``status`` and the
fields below out of every other writer's reach.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from newsroom import audit, text
from newsroom.errors import WorkflowError
from newsroom.roles import staff_may
from photos import references

from . import locking, photos, recording
from .models import Article

Status = Article.Status


class State(StrEnum):
    DRAFT = "draft"
    REVIEW = "review"
    SCHEDULED = "scheduled"
    LIVE = "live"
    EXPIRED = "expired"
    UNPUBLISHED = "unpublished"


def state_of(article, now=None) -> State:
    if article.status != Status.PUBLISHED:
        return State(article.status)
    if article.is_scheduled(now):
        return State.SCHEDULED
    return State.EXPIRED if article.is_expired(now) else State.LIVE


# --- Who may see and edit ------------------------------------------------------------------


def is_editor(user) -> bool:
    return staff_may(user, "articles.publish_article")


def is_owner(user, article) -> bool:
    if not user.is_authenticated or article.pk is None:
        return False
    return (
        article.created_by_id == user.pk or article.authorships.filter(author__user=user).exists()
    )


def visible_to(user, queryset=None):
    """Articles a staff member may open in the admin or preview on the site."""
    queryset = Article.objects.all() if queryset is None else queryset
    if not (user.is_active and user.is_staff):
        return queryset.none()
    if is_editor(user):
        return queryset
    if not user.has_perm("articles.view_article"):
        return queryset.none()
    mine = queryset.none()
    if user.has_perm("articles.change_article"):
        mine = queryset.owned_by(user)
    return queryset.filter(pk__in=mine.values("pk")) | queryset.filter(
        pk__in=Article.objects.published().values("pk")
    )


def can_view(user, article) -> bool:
    return visible_to(user).filter(pk=article.pk).exists()


def can_edit(user, article) -> bool:
    """Editors edit everything; reporters their own drafts (or ones returned to them)."""
    if not staff_may(user, "articles.change_article"):
        return False
    return is_editor(user) or (article.status == Status.DRAFT and is_owner(user, article))


def can_view_history(user, article) -> bool:
    """Editors read every article's history; reporters that of their own articles."""
    if not staff_may(user, "articles.view_article"):
        return False
    return is_editor(user) or is_owner(user, article)


def can_restore(user, article) -> bool:
    return is_editor(user)


def can_correct(user, article, now=None) -> bool:
    return is_editor(user) and state_of(article, now) in (State.LIVE, State.EXPIRED)


# --- What a step needs ---------------------------------------------------------------------


def missing_for_publication(article) -> list[str]:
    """What an article still lacks before it can go out, named as the form names it."""
    missing = []
    if not article.title:
        missing.append("tiêu đề")
    if not article.lead:
        missing.append("sapo")
    if (
        not text.html_to_text(article.body)
        and "<img" not in article.body
        and not references.ids(article.body)
    ):
        missing.append("nội dung")
    return missing


def photo_label(article, photo, position):
    """A photo as the form shows it: the cover, or the body's n-th, with its caption."""
    where = "ảnh đại diện" if photo.pk == article.cover_id else f"ảnh thứ {position} trong bài"
    caption = text.clean_line(photo.caption)
    if caption:
        short = caption if len(caption) <= 60 else f"{caption[:59]}…"
        return f"{where} “{short}”"
    return where


def photo_problems(article) -> list[str]:
    """Why the article's photos (cover and body) keep it from going out, photo by photo."""
    problems = []
    position = 0
    for photo in photos.photos_of(article):
        if photo.pk != article.cover_id:
            position += 1
        name = photo_label(article, photo, position)
        missing = []
        if not photo.alt_text:
            missing.append("mô tả cho người khiếm thị")
        if not photo.credit:
            missing.append("tác giả ảnh")
        if missing:
            problems.append(f"{name} chưa có {' và '.join(missing)}")
        if photo.needs_clearance:
            reason = photo.get_sensitive_reason_display().lower()
            problems.append(f"{name} là ảnh nhạy cảm ({reason}) chưa được biên tập viên duyệt")
    return problems


def _now_or_earlier(article, at, now):
    if at > now:
        return "Thời điểm ở tương lai: hãy dùng “Lên lịch đăng”."


def _ahead(article, at, now):
    if at <= now:
        return "Thời điểm lên lịch phải ở tương lai; muốn đăng ngay hãy chọn “Đăng ngay”."


def _complete(article, at, now):
    missing = missing_for_publication(article)
    if missing:
        return f"Chưa đăng được: bài còn thiếu {', '.join(missing)}."


def _photos_ready(article, at, now):
    problems = photo_problems(article)
    if problems:
        return f"Chưa đăng được: {'; '.join(problems)}."


def _expires_later(article, at, now):
    if article.expires_at is not None and article.expires_at <= at:
        return "Thời điểm hết hạn phải sau thời điểm đăng; hãy sửa hoặc bỏ hạn."


# --- The table -----------------------------------------------------------------------------


class Recorded(StrEnum):
    """Values a step writes that are known only when it is taken."""

    NOW = "now"  # the moment of the step
    USER = "user"  # who takes it
    NOTE = "note"  # the note typed with it
    AT = "at"  # the time chosen with it (now when none was)


@dataclass(frozen=True)
class Transition:
    """One step of the workflow, as data. ``sources`` are states as ``state_of`` names
    them, so "scheduled" and "expired" need no code of their own; ``who`` sees the
    article as stored when the step is taken."""

    name: str
    label: str  # the button, and the revision's comment
    sources: frozenset[State]
    target: Status
    # The permission the step needs at all (its bulk action is offered to holders);
    # ``who`` then decides for one article.
    permission: str
    who: Callable  # (user, article) -> bool, on the article as stored
    records: Mapping[str, object]  # field -> value written besides status (or a Recorded)
    audit_action: str
    audit_label: str
    done: str  # success message: {title}, {at} (the publication time, as readers see it)
    refused: str  # why the article's state does not allow the step
    inputs: tuple[str, ...] = ()  # what the step's form asks for: "note", "at"
    checks: tuple[Callable, ...] = ()  # (article, at, now) -> refusal or None
    bulk: str = ""  # the list's bulk action, when the step needs no input
    # What the step's form proposes for its inputs: (article) -> {"at": …}; a date alone
    # proposes the day and leaves the time to the user.
    proposed: Callable | None = None

    def leaves(self, state):
        return state in self.sources


def _editor(user, article):
    return is_editor(user)


_UNPUBLISHED_OR_WAITING = frozenset({State.DRAFT, State.REVIEW, State.SCHEDULED, State.UNPUBLISHED})
_PUBLICATION = {
    "published_at": Recorded.AT,
    "approved_by": Recorded.USER,
    "approved_at": Recorded.NOW,
    "review_note": "",
}

TRANSITIONS: dict[str, Transition] = {}


def register(transition: Transition) -> Transition:
    """Add a step to the table (in button order) and label its audit action."""
    TRANSITIONS[transition.name] = transition
    audit.register_action(transition.audit_action, transition.audit_label)
    return transition


def unregister(name):
    transition = TRANSITIONS.pop(name, None)
    if transition is not None:
        audit.unregister_action(transition.audit_action)


SUBMIT = register(
    Transition(
        name="submit",
        label="Gửi duyệt",
        sources=frozenset({State.DRAFT}),
        target=Status.REVIEW,
        permission="articles.change_article",
        who=can_edit,
        records={"submitted_at": Recorded.NOW},
        audit_action="article.submitted",
        audit_label="Gửi duyệt",
        done="Đã gửi duyệt “{title}”.",
        refused="Chỉ gửi duyệt được bản nháp.",
        bulk="Gửi duyệt các bài đã chọn",
    )
)
RETURN = register(
    Transition(
        name="return",
        label="Trả lại phóng viên",
        sources=frozenset({State.REVIEW}),
        target=Status.DRAFT,
        permission="articles.publish_article",
        who=_editor,
        records={"review_note": Recorded.NOTE},
        audit_action="article.returned",
        audit_label="Trả lại phóng viên",
        done="Đã trả “{title}” về cho phóng viên.",
        refused="Chỉ trả lại được bài đang chờ duyệt.",
        inputs=("note",),
    )
)
PUBLISH = register(
    Transition(
        name="publish",
        label="Đăng ngay",
        sources=_UNPUBLISHED_OR_WAITING,
        target=Status.PUBLISHED,
        permission="articles.publish_article",
        who=_editor,
        records=_PUBLICATION,
        audit_action="article.published",
        audit_label="Đăng bài",
        done="Đã đăng “{title}”.",
        refused="Bài đã được đăng.",
        # An editor may backdate (archives from an older site); a future time is scheduling.
        checks=(_now_or_earlier, _complete, _photos_ready, _expires_later),
        bulk="Đăng ngay các bài đã chọn",
    )
)
SCHEDULE = register(
    Transition(
        name="schedule",
        label="Lên lịch đăng",
        sources=_UNPUBLISHED_OR_WAITING,
        target=Status.PUBLISHED,
        permission="articles.publish_article",
        who=_editor,
        records=_PUBLICATION,
        audit_action="article.scheduled",
        audit_label="Lên lịch đăng",
        done="Đã lên lịch đăng “{title}” lúc {at}.",
        refused="Bài đã được đăng.",
        inputs=("at",),
        checks=(_ahead, _complete, _photos_ready, _expires_later),
    )
)
UNPUBLISH = register(
    Transition(
        name="unpublish",
        label="Gỡ bài",
        sources=frozenset({State.SCHEDULED, State.LIVE, State.EXPIRED}),
        target=Status.UNPUBLISHED,
        permission="articles.publish_article",
        who=_editor,
        records={},
        audit_action="article.unpublished",
        audit_label="Gỡ bài",
        done="Đã gỡ “{title}” khỏi trang công khai.",
        refused="Bài chưa được đăng nên không gỡ được.",
        bulk="Gỡ các bài đã chọn",
    )
)
_INPUT_MISSING = {
    "note": "Hãy ghi ý kiến để phóng viên biết cần sửa gì.",
    "at": "Hãy chọn ngày và giờ đăng.",
}
audit.register_detail("published_at", "đăng lúc", audit.moment)


def get(name) -> Transition:
    try:
        return TRANSITIONS[name]
    except KeyError:
        raise WorkflowError("Không có bước này trong quy trình.") from None


def may_try(user, transition) -> bool:
    """May the user take this step on some article (the list offers its bulk action)?"""
    return staff_may(user, transition.permission)


def allowed(user, article, now=None) -> list[Transition]:
    """The steps this user may take now, in the order the buttons show them."""
    if article.pk is None:
        return []
    state = state_of(article, now)
    return [t for t in TRANSITIONS.values() if t.leaves(state) and t.who(user, article)]


def done_message(transition, article):
    at = text.format_datetime(article.published_at) if article.published_at else ""
    return transition.done.format(title=article.title, at=at)


def perform(
    name,
    article,
    user,
    *,
    expected_version: int,
    note: str | None = None,
    at: datetime | None = None,
):
    """Take the step ``name`` on the article, if it is still at ``expected_version``.

    The step is checked on the article as stored (state, who, inputs, the step's
    checks), its fields are written, and the write is recorded like every other
    (revision, audit entry, ``article_changed`` on commit). Raises Conflict (a newer
    save exists: the user has not seen what they would act on), WorkflowError or
    PermissionDenied, each with a message for the user. Returns the article, updated.
    """
    transition = get(name)
    if not may_try(user, transition):
        raise PermissionDenied(f"Bạn không được {transition.label.lower()} bài viết.")
    note = text.clean(note)
    now = timezone.now()
    with transaction.atomic():
        current = locking.claim(article.pk, expected_version)
        if not transition.leaves(state_of(current, now)):
            raise WorkflowError(transition.refused)
        if not transition.who(user, current):
            raise PermissionDenied(f"Bạn không được {transition.label.lower()} bài này.")
        given = {"note": note, "at": at}
        for needed in transition.inputs:
            if not given[needed]:
                raise WorkflowError(_INPUT_MISSING[needed])
        at = at or now
        for check in transition.checks:
            refusal = check(current, at, now)
            if refusal:
                raise WorkflowError(refusal)
        before = recording.begin(current, now)
        values = {Recorded.NOW: now, Recorded.USER: user, Recorded.NOTE: note, Recorded.AT: at}
        current.status = transition.target
        for field, value in transition.records.items():
            setattr(current, field, values[value] if isinstance(value, Recorded) else value)
        current.updated_by = user
        # The stored text is not typed again: nothing to tidy.
        current.save(update_fields=["status", *transition.records, "updated_by"], tidied=True)
        details = {"note": note} if "note" in transition.inputs else {}
        if "published_at" in transition.records:
            details["published_at"] = current.published_at
        recording.finish(
            current,
            user,
            transition.audit_action,
            before=before,
            changed=recording.changed_fields(before, current),
            comment=transition.label,
            details=details,
            now=now,
        )
    return recording.copy_back(article, current)
