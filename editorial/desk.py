"""The desk's home: what waits for each person, by role, with counts and one link each.

Reporters see their own articles (drafts, returned to them with the editor's note,
awaiting review, scheduled, recently published); editors see the review queue first,
then what is scheduled and the recent corrections; records staff see the records.
Every panel is a count, a few rows and the address of the full list, which the
article list's filters (``StateFilter``, ``MineFilter``) understand.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode

from django.apps import apps
from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import capfirst

from articles import workflow
from articles.editing import CORRECTED
from articles.models import Article, Correction
from newsroom.roles import staff_may

ROWS = 5  # rows shown per panel; the link opens the rest
RECENT_DAYS = 7  # "recent corrections"
# The article list's filter values (editorial.admin.articles: MineFilter, StateFilter).
MINE, ALL = "toi", "tat-ca"
DRAFT, RETURNED, REVIEW, SCHEDULED, LIVE = "nhap", "tra-lai", "cho-duyet", "len-lich", "dang"
# The columns a panel row shows; bodies and search documents stay in the database.
ROW_COLUMNS = ["id", "title", "status", "published_at", "submitted_at", "updated_at"]


@dataclass
class Panel:
    key: str
    title: str
    count: int
    url: str
    rows: list = field(default_factory=list)
    empty: str = "Không có bài nào."
    show_note: bool = False
    unit: str = "bài"


def _list_url(mine, state):
    query = urlencode({"cua": mine, "trang-thai": state})
    return f"{reverse('admin:articles_article_changelist')}?{query}"


_CONDITIONS = {
    DRAFT: lambda now: Q(status=Article.Status.DRAFT, review_note=""),
    RETURNED: lambda now: Q(status=Article.Status.DRAFT) & ~Q(review_note=""),
    REVIEW: lambda now: Q(status=Article.Status.REVIEW),
    SCHEDULED: lambda now: Q(status=Article.Status.PUBLISHED, published_at__gt=now),
    LIVE: lambda now: (
        Q(status=Article.Status.PUBLISHED, published_at__lte=now)
        & (Q(expires_at__isnull=True) | Q(expires_at__gt=now))
    ),
}
_ORDER = {
    DRAFT: ["-updated_at"],
    RETURNED: ["-updated_at"],
    REVIEW: ["submitted_at", "pk"],  # the queue: who waited longest first
    SCHEDULED: ["published_at"],
    LIVE: ["-published_at"],
}
_TITLES = {
    DRAFT: ("Bản nháp của tôi", "Bạn không có bản nháp nào."),
    RETURNED: ("Bị trả lại, cần sửa", "Không có bài nào bị trả lại."),
    REVIEW: ("Đang chờ duyệt", "Không có bài nào đang chờ duyệt."),
    SCHEDULED: ("Đã lên lịch đăng", "Không có bài nào đã lên lịch."),
    LIVE: ("Đã đăng, mới nhất trước", "Chưa có bài nào đang hiện công khai."),
}
_EDITOR_TITLES = {
    REVIEW: ("Chờ duyệt", "Không có bài nào chờ duyệt."),
    SCHEDULED: ("Đã lên lịch đăng", "Không có bài nào đã lên lịch."),
}


def _article_panels(user, keys, mine, titles):
    now = timezone.now()
    base = workflow.visible_to(user)
    if mine == MINE:
        base = base.owned_by(user)
    counts = base.aggregate(**{key: Count("pk", filter=_CONDITIONS[key](now)) for key in keys})
    panels = []
    for key in keys:
        title, empty = titles[key]
        rows = []
        if counts[key]:
            columns = [*ROW_COLUMNS, "review_note"] if key == RETURNED else ROW_COLUMNS
            rows = list(
                base.filter(_CONDITIONS[key](now)).only(*columns).order_by(*_ORDER[key])[:ROWS]
            )
        panels.append(
            Panel(
                key=key,
                title=title,
                count=counts[key],
                url=_list_url(mine, key),
                rows=rows,
                empty=empty,
                show_note=key == RETURNED,
            )
        )
    return panels


def _corrections_panel():
    since = timezone.now() - timedelta(days=RECENT_DAYS)
    recent = Correction.objects.filter(published_at__gte=since)
    rows = list(
        recent.select_related("article")
        .only("text", "published_at", "article__id", "article__title")
        .order_by("-published_at")[:ROWS]
    )
    return Panel(
        key="dinh-chinh",
        title=f"Đính chính gần đây ({RECENT_DAYS} ngày qua)",
        # Counted always, not only past ROWS: the same queries at 1 and at 100 rows.
        count=recent.count(),
        url=f"{reverse('admin:newsroom_auditentry_changelist')}?action={CORRECTED}",
        rows=rows,
        empty="Không có đính chính nào gần đây.",
        unit="đính chính",
    )


def is_records_staff(user):
    return staff_may(user, "clusters.change_unit")


def import_url():
    """The importer's page, when the importer app is installed."""
    try:
        return reverse("admin:importer_import")
    except NoReverseMatch:
        return ""


RECORD_KINDS = ["unit", "cluster", "official", "event", "award"]


def _records(user):
    """The main record kinds the user may open, each with its count and list."""
    kinds = []
    for name in RECORD_KINDS:
        model = apps.get_model("clusters", name)
        if staff_may(user, f"clusters.view_{name}"):
            kinds.append(
                {
                    "label": capfirst(model._meta.verbose_name_plural),
                    "count": model.objects.count(),
                    "url": reverse(f"admin:clusters_{name}_changelist"),
                    "add_url": reverse(f"admin:clusters_{name}_add")
                    if staff_may(user, f"clusters.add_{name}")
                    else "",
                }
            )
    return kinds


def home(user):
    """What the index shows ``user``: the role's panels and where to start writing."""
    editor = workflow.is_editor(user)
    writer = staff_may(user, "articles.add_article")
    context = {
        "role": "editor" if editor else "reporter" if writer else "",
        "panels": [],
        "add_url": reverse("admin:articles_article_add") if writer else "",
        "import_url": import_url() if writer else "",
        "records": _records(user) if is_records_staff(user) else [],
    }
    if editor:
        context["panels"] = [
            *_article_panels(user, [REVIEW, SCHEDULED], ALL, _EDITOR_TITLES),
            _corrections_panel(),
        ]
    elif writer:
        context["panels"] = _article_panels(
            user, [DRAFT, RETURNED, REVIEW, SCHEDULED, LIVE], MINE, _TITLES
        )
    return context
