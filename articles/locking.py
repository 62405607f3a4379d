"""Two people, one article: no lost updates.

Every write names the ``version`` its author saw (the change form, a workflow button, a
row of the list). ``claim`` takes the row with ``UPDATE … WHERE version = seen`` inside
the writing transaction; the UPDATE holds the row (PostgreSQL) or the database (SQLite)
until commit, so of two writes made from the same version exactly one gets the row and
the other is refused with a ``Conflict`` naming who saved in between, when, and what
they changed. (Who else has the article open is shown by ``editorial.presence``; it
informs, this decides.)
"""

from datetime import datetime

from django.contrib.contenttypes.models import ContentType

from newsroom import audit, text
from newsroom.errors import WorkflowError
from newsroom.models import AuditEntry

from .models import Article


class Conflict(WorkflowError):
    """Someone wrote the article after the version this write was made from."""

    def __init__(self, version: int, name: str, at: datetime, changed: list[str]):
        self.version, self.name, self.at, self.changed = version, name, at, changed
        super().__init__(self.message)

    @property
    def what(self):
        """ "Văn An đã lưu bài này lúc 10:08:00 ngày 27/11/2026 (sửa tiêu đề; gửi duyệt)"."""
        when = text.format_moment(self.at, seconds=True)
        changed = f" ({'; '.join(self.changed)})" if self.changed else ""
        return f"{self.name} đã lưu bài này lúc {when}{changed}, sau khi bạn mở trang"

    @property
    def message(self):
        """For the change form, shown again with everything the user typed."""
        return (
            f"Chưa lưu: {self.what}. Nội dung bạn vừa gõ vẫn còn nguyên trong khung dưới "
            "đây. Hãy mở bài ở thẻ khác (hoặc xem “Lịch sử phiên bản”) để đối chiếu; nếu "
            "vẫn muốn thay bản kia bằng bản của mình, hãy bấm Lưu lần nữa."
        )

    def refusal(self, label):
        """For a workflow step (``label`` is its button): nothing was done."""
        return (
            f"Chưa {label[:1].lower()}{label[1:]}: {self.what}. Hãy xem lại bài rồi làm "
            "lại bước này nếu vẫn đồng ý."
        )


def claim(article_pk, seen_version):
    """Take the article's row for this write if it is still at ``seen_version``.

    Must run inside the writing transaction. Returns the article as stored, or raises
    Conflict. ``seen_version=None`` takes the row whatever its version (a restore, a
    correction: steps that read the stored article, not a copy the user saw).
    """
    rows = Article.objects.filter(pk=article_pk)
    if seen_version is None:
        return rows.select_for_update().get()
    if rows.filter(version=seen_version).update(version=seen_version):
        return rows.get()
    stored = rows.select_related("updated_by").get()
    raise Conflict(
        stored.version,
        audit.actor_name(stored.updated_by),
        stored.updated_at,
        _changed_since(stored, seen_version),
    )


def _changed_since(article, version):
    """What the writes after ``version`` did, as their audit entries say: "sửa tiêu đề,
    sapo" for an edit, the step's name ("gửi duyệt") for the others."""
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Article),
        object_id=article.pk,
        details__version__gt=version,
    ).select_related("content_type")
    done = []
    for entry in entries.order_by("at", "pk"):
        changed = entry.details.get("changed")
        what = f"sửa {audit.field_names(changed, entry)}" if changed else None
        what = what or audit.action_label(entry.action).lower()
        if what not in done:
            done.append(what)
    return done
