"""The newsroom's article admin: the form, the list, the workflow buttons and actions.

It composes the article's own pieces (``articles``), the photo parts of the form
(``.photos``) and the desk's tools (``.tools``). Its hooks only gather what was typed
and hand it to the write path (``articles.editing.save_article``) or the workflow
(``articles.workflow``), whose table also gives the buttons and bulk actions.
"""

import datetime
import functools
from functools import cached_property

from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR, Action, ActionLocation
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import SEARCH_VAR, ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections
from django.db.models import Max, Min, Prefetch
from django.forms.formsets import DELETION_FIELD_NAME
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.defaultfilters import linebreaksbr
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from articles import advice, editing, locking, richtext, workflow
from articles.models import Article, Author, Authorship
from newsroom.admin import (
    FoldedSearchMixin,
    OneFormClassInlinesMixin,
    PickerLabelsMixin,
    PreloadedAutocompleteSelect,
    PreloadedAutocompleteSelectMultiple,
    PreloadedChoicesForm,
    PreloadedInlineMixin,
    listed_choices,
    name_link_rows,
    picker_queryset,
)
from newsroom.audit import actor_name
from newsroom.errors import WorkflowError
from newsroom.formrender import RENDERER, render_with
from newsroom.frozensql import FrozenSQL
from photos import rendering

from .. import presence
from ..forms import TransitionForm
from .photos import ArticlePhotosAdminMixin
from .tools import EditorialAdminMixin

Status = Article.Status
SEEN_VERSION = "_phien_ban_{}"  # a list row's version, posted with the bulk actions


class MineFilter(admin.SimpleListFilter):
    """Reporters land on their own articles; everyone can switch to all they may see."""

    title = "người viết"
    parameter_name = "cua"
    MINE, ALL = "toi", "tat-ca"

    def __init__(self, request, params, model, model_admin):
        self.default = self.ALL if workflow.is_editor(request.user) else self.MINE
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return [(self.MINE, "Bài của tôi"), (self.ALL, "Tất cả")]

    def value(self):
        return super().value() or self.default

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        if self.value() == self.MINE:
            return queryset.owned_by(request.user)
        return queryset


class StateFilter(admin.SimpleListFilter):
    title = "trạng thái"
    parameter_name = "trang-thai"

    def lookups(self, request, model_admin):
        return [
            ("nhap", "Bản nháp"),
            ("tra-lai", "Bị trả lại"),
            ("cho-duyet", "Chờ duyệt"),
            ("len-lich", "Đã lên lịch"),
            ("dang", "Đang hiện công khai"),
            ("het-han", "Hết hạn"),
            ("go", "Đã gỡ"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        return {
            "nhap": lambda: queryset.filter(status=Status.DRAFT, review_note=""),
            "tra-lai": lambda: queryset.filter(status=Status.DRAFT).exclude(review_note=""),
            "cho-duyet": lambda: queryset.filter(status=Status.REVIEW),
            "len-lich": lambda: queryset.scheduled(now),
            "dang": lambda: queryset.published(now),
            "het-han": lambda: queryset.expired(now),
            "go": lambda: queryset.filter(status=Status.UNPUBLISHED),
        }.get(self.value(), lambda: queryset)()


EMPTY_BYLINE = (
    "Bài chưa có tên ký cuối bài. Hãy chọn ít nhất một tên ký (ví dụ “Trọng Tuấn”); "
    "chưa có bút danh thì bấm dấu “+” cạnh ô tác giả để thêm."
)


class BylineFormSet(BaseInlineFormSet):
    """The byline is explicit: an article is never signed by a name nobody chose."""

    def get_queryset(self):
        # The change form shown (unbound) lists the rows the article was fetched with
        # (``ArticleAdmin.get_queryset`` prefetches them, in the same order): no second
        # query. A save reads them afresh.
        if not hasattr(self, "_queryset") and not self.is_bound and self.instance.pk:
            prefetched = getattr(self.instance, "_prefetched_objects_cache", {})
            if "authorships" in prefetched and not self.queryset.query.is_empty():
                self._queryset = list(prefetched["authorships"])
        return super().get_queryset()

    @cached_property
    def empty_form(self):
        # Django builds the template row anew on each access, and the admin asks three
        # times a page (the columns' labels, the rows, the media): one form serves.
        return super().empty_form

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if DELETION_FIELD_NAME in form.fields:
            form.fields[DELETION_FIELD_NAME].widget.attrs["aria-label"] = "Bỏ tên ký này"

    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        kept = _bylines_from(self)
        had = self.instance.pk is not None and self.get_queryset().exists()
        # An older article stored with no byline may still be edited as it is.
        if not kept and (had or self.instance.pk is None or self.has_changed()):
            raise ValidationError(EMPTY_BYLINE, code="empty_byline")


class AuthorshipInline(PreloadedInlineMixin, admin.TabularInline):
    model = Authorship
    formset = BylineFormSet
    # Django's tabular inline, rendered through the form's faster renderer.
    template = "admin/articles/article/tabular_inline.html"
    row_select_related = ["author"]
    extra = 1
    autocomplete_fields = ["author"]
    fields = ["position", "author", "role"]
    verbose_name = "người ký bài"
    verbose_name_plural = "Ký tên cuối bài (theo thứ tự)"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "position" and field is not None:
            field.widget.attrs["aria-label"] = "Thứ tự ký tên"
        if db_field.name == "role" and field is not None:
            # The column has no label of its own in a row: name it for screen readers.
            field.widget.attrs["aria-label"] = "Vai trò (để trống nếu không ghi)"
            # No role by default: the byline prints as written ("Trọng Tuấn – Xuân Bắc").
            field.choices = [("", "(không ghi)"), *Authorship.Role.choices]
            field.initial = ""
        return field

    def get_extra(self, request, obj=None, **kwargs):
        # A signed article shows its rows and the "add another" link; an empty row is
        # for an article with no byline yet (a new one starts with the writer's own).
        if obj is not None and obj.pk is not None and obj.authorships.all():
            return 0
        return super().get_extra(request, obj, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.renderer = RENDERER
        render_with(formset.form)
        return formset

    def _article_editable(self, request, obj):
        return obj is None or workflow.can_edit(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._article_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._article_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._article_editable(request, obj)


# What the list shows, and so all it fetches: no bodies, no search documents.
LIST_COLUMNS = [
    "id",
    "title",
    "slug",
    "status",
    "published_at",
    "expires_at",
    "updated_at",
    "version",
    "section__id",
    "section__name",
    "cover__id",
    "cover__image",
    "cover__renditions",
    "cover__alt_text",
]
STATE_CHIPS = {
    workflow.State.DRAFT: "draft",
    workflow.State.REVIEW: "review",
    workflow.State.SCHEDULED: "scheduled",
    workflow.State.LIVE: "live",
    workflow.State.EXPIRED: "expired",
    workflow.State.UNPUBLISHED: "unpublished",
}


# Fields that count their characters as one types (static/js/editorial-form.js):
# the limit (the column's) and the length the desk advises.
COUNTED = {
    "title": {"data-counter": "", "data-advice": "100", "class": "vTextField article-title"},
    "lead": {"data-counter": "", "data-advice": "300", "rows": "3"},
}
# The form's plain selects of a few dozen records, each read in one query.
LISTED = {"section"}
BYLINE_ROWS = Authorship.objects.select_related("author").only(
    "id", "article_id", "role", "position", "author__id", "author__name"
)


# What the change form shows of the article's relations, fetched with it: the pickers'
# chosen options and the workflow record's names then need no query of their own.
FORM_SELECT_RELATED = ["cover", "created_by", "updated_by", "approved_by"]
# Each link with what its picker's label reads (an event names its cluster).
FORM_PREFETCH = {"tags": [], "units": [], "clusters": [], "officials": [], "events": ["cluster"]}


def _fetch_relations(article):
    """The article's bylines and its pickers' links, one query each, held where
    ``prefetch_related`` would hold them (its related managers' ``all()`` answer from
    them). The same queries as prefetching, without its general machinery (matching
    rows to many instances): a millisecond of the change form's CPU (issue 13)."""
    held = article._prefetched_objects_cache = {}
    for name, (rows, sql) in _relations().items():
        # What Django's prefetch_one_level stores: the manager's queryset, evaluated.
        # (The manager filters the queryset it is given in place: a copy.)
        related = getattr(article, name)._apply_rel_filters(rows.all())
        related._result_cache = sql.fetch(related, article.pk)
        related._prefetch_done = True
        held[name] = related


# An editor sees every article (``workflow.visible_to``): their form's query for the
# article has one shape, compiled once per process.
_EDITORS_ARTICLE = FrozenSQL(
    lambda pk: Article._default_manager.select_related(*FORM_SELECT_RELATED).filter(pk=pk)
)


@functools.cache
def _relations():
    """Each relation's rows, and its query compiled once per process (``FrozenSQL``).
    Built at the first form: the pickers' labels are registered by then."""
    relations = {"authorships": BYLINE_ROWS}
    for name, reads in FORM_PREFETCH.items():
        rows = Article._meta.get_field(name).related_model._default_manager.all()
        relations[name] = picker_queryset(rows.select_related(*reads) if reads else rows)
    return {name: (rows, _compiled_once(name, rows)) for name, rows in relations.items()}


def _compiled_once(name, rows):
    return FrozenSQL(lambda pk: getattr(Article(pk=pk), name)._apply_rel_filters(rows.all()))


# Above this many years between the first and last date, the years are found Django's way.
MAX_PROBED_YEARS = 100


class DeskQuerySet(type(Article.objects.all())):
    """The list's rows. The date hierarchy's years are found by asking, in one query,
    whether each year between the first and last date has a row (an index probe per
    year on ``article_desk_order_idx``) instead of truncating every row's date and
    keeping the distinct ones (a scan of the whole archive)."""

    def datetimes(self, field_name, kind, order="ASC", tzinfo=None, is_dst=None):
        if kind != "year" or field_name != "published_at":
            return super().datetimes(field_name, kind, order, tzinfo)
        zone = tzinfo or timezone.get_current_timezone()
        rows = self.order_by()
        bounds = rows.aggregate(first=Min(field_name), last=Max(field_name))
        if bounds["first"] is None:
            return []
        first, last = (bounds[end].astimezone(zone).year for end in ("first", "last"))
        if last - first > MAX_PROBED_YEARS or last >= datetime.MAXYEAR:
            # A mistyped date far in the past (an archive date "0226"): Django's own way.
            return super().datetimes(field_name, kind, order, tzinfo)
        parts, params = [], []
        for year in range(first, last + 1):
            within = {
                f"{field_name}__gte": datetime.datetime(year, 1, 1, tzinfo=zone),
                f"{field_name}__lt": datetime.datetime(year + 1, 1, 1, tzinfo=zone),
            }
            probe = rows.filter(**within).values("pk")[:1].query
            sql, values = probe.get_compiler(self.db).as_sql()
            parts.append(f"SELECT %s WHERE EXISTS ({sql})")
            params += [year, *values]
        with connections[self.db].cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            years = sorted((row[0] for row in cursor.fetchall()), reverse=order == "DESC")
        return [datetime.datetime(year, 1, 1, tzinfo=zone) for year in years]


class ArticleChangeList(ChangeList):
    """The list fetches only the columns it shows, and who has each row open, at once."""

    def __init__(self, request, model, display, links, filters, date_hierarchy, *args):
        if request.GET.get(SEARCH_VAR, "").strip():
            # The year/month links would repeat the search once per query they make;
            # a date already chosen still applies (its parameters stay in the address).
            date_hierarchy = None
        super().__init__(request, model, display, links, filters, date_hierarchy, *args)

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters).only(*LIST_COLUMNS)
        queryset.__class__ = DeskQuerySet
        return queryset

    def get_results(self, request):
        super().get_results(request)
        holders = presence.holders([row.pk for row in self.result_list], request.user)
        for row in self.result_list:
            row.open_by = holders.get(row.pk, "")


@admin.register(Article)
class ArticleAdmin(
    ArticlePhotosAdminMixin,
    EditorialAdminMixin,
    FoldedSearchMixin,
    PickerLabelsMixin,
    OneFormClassInlinesMixin,
    admin.ModelAdmin,
):
    list_display = ["thumbnail", "headline", "state", "filed", "dates"]
    list_display_links = ["headline"]
    list_filter = [MineFilter, StateFilter, "section", "is_featured"]
    list_select_related = ["section", "cover"]
    date_hierarchy = "published_at"
    # The reader-search document: title, lead, body and bylines, folded.
    search_fields = ["search_all"]
    folded_search_fields = ["search_all"]
    search_help_text = (
        "Tìm theo tiêu đề, sapo, nội dung, tên tác giả; gõ có dấu hay không dấu đều được."
    )
    autocomplete_fields = list(FORM_PREFETCH)
    form = PreloadedChoicesForm
    inlines = [AuthorshipInline]
    save_on_top = True
    # The workflow's record, shown in one block (written only by the write path and the
    # workflow).
    readonly_fields = ["workflow_record"]
    editor_only_fields = ["is_featured", "expires_at"]

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, AuthorshipInline) and obj.pk is None and request.method != "POST":
            # A new article starts with the writer's own byline in view, to keep or change.
            own = Author.objects.filter(user=request.user).values_list("pk", flat=True).first()
            if own is not None:
                kwargs["initial"] = [{"author": own, "role": "", "position": 1}]
        return kwargs

    def get_fieldsets(self, request, obj=None):
        classify = ["tags", "source", "is_featured", "expires_at"]
        if not workflow.is_editor(request.user):
            classify = [f for f in classify if f not in self.editor_only_fields]
        fieldsets = [
            (None, {"fields": ["title", "slug", "section", "lead", "cover", "body"]}),
            ("Phân loại", {"fields": classify}),
            (
                "Hồ sơ liên quan",
                {
                    "fields": ["units", "clusters", "officials", "events"],
                    "description": "Bài hiện ở mục “Tin liên quan” trên trang của các hồ sơ này.",
                },
            ),
        ]
        if obj is not None:
            fieldsets.append(("Quy trình duyệt", {"fields": ["workflow_record"]}))
        if obj is not None and not self.has_change_permission(request, obj):
            # Read-only (a reporter's article in review): the body as readers will see it.
            main = fieldsets[0][1]["fields"]
            main[main.index("body")] = "reader_body"
        return self.with_photo_fields(request, obj, fieldsets)

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The form's hundred-odd widgets, labels and error lists: the page's main cost.
        return render_with(super().get_form(request, obj, change, **kwargs))

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in COUNTED and field is not None:
            field.widget.attrs.update(COUNTED[db_field.name])
        return field

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = PreloadedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name in LISTED and field is not None:
            listed_choices(field)
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = PreloadedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "reader_body"]

    @admin.display(description="diễn biến")
    def workflow_record(self, obj):
        """The article's state and its steps in one block: who wrote, submitted, approved
        and last changed it (names in Vietnamese order) and when, the editor's note. One
        read-only field instead of nine, each a row of labels and lookups (issue 13)."""
        rows = [("Trạng thái", self.state(obj))]
        if obj.published_at:
            scheduled = " (đã lên lịch)" if obj.published_at > timezone.now() else ""
            rows.append(("Thời điểm đăng", f"{_short_moment(obj.published_at)}{scheduled}"))
        rows.append(("Người tạo", actor_name(obj.created_by) if obj.created_by_id else "—"))
        if obj.submitted_at:
            rows.append(("Gửi duyệt lúc", _short_moment(obj.submitted_at)))
        if obj.approved_by_id:
            rows.append(("Người duyệt", actor_name(obj.approved_by)))
        if obj.approved_at:
            rows.append(("Duyệt lúc", _short_moment(obj.approved_at)))
        if obj.review_note:
            rows.append(("Ý kiến biên tập", linebreaksbr(obj.review_note, autoescape=True)))
        if obj.updated_by_id:
            rows.append(("Người sửa cuối", actor_name(obj.updated_by)))
        rows.append(("Sửa lúc", _short_moment(obj.updated_at)))
        return format_html(
            '<dl class="workflow-record">{}</dl>',
            format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows),
        )

    @admin.display(description="nội dung (như bạn đọc sẽ thấy)")
    def reader_body(self, obj):
        return format_html(
            '<div class="reader-view article-body">{}</div>',
            mark_safe(rendering.render_body(richtext.sanitise(obj.body))),  # noqa: S308
        )

    def get_queryset(self, request):
        queryset = (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("authorships", queryset=BYLINE_ROWS))
        )
        return workflow.visible_to(request.user, queryset)

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (
            obj is None or self._shown(request, obj) or workflow.can_view(request.user, obj)
        )

    @staticmethod
    def _shown(request, obj):
        """``obj`` is the article the change form fetched through ``get_queryset``, which
        keeps only the articles the user may see (``workflow.visible_to``)."""
        shown = getattr(request, "_form_article", None)
        return shown is not None and shown[1] is obj

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or workflow.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or workflow.can_edit(request.user, obj))

    def get_changelist(self, request, **kwargs):
        return ArticleChangeList

    @admin.display(description="ảnh")
    def thumbnail(self, obj):
        if obj.cover is None:
            return format_html('<span class="article-thumb article-thumb-none">{}</span>', "—")
        return format_html(
            '<img class="article-thumb" src="{}" alt="" width="72" height="48" loading="lazy">',
            obj.cover.thumbnail_url,
        )

    @admin.display(description="tiêu đề", ordering="title")
    def headline(self, obj):
        return obj.title

    @admin.display(description="trạng thái", ordering="status")
    def state(self, obj):
        chip = STATE_CHIPS[workflow.state_of(obj)]
        holder = getattr(obj, "open_by", "")
        return format_html(
            '<span class="state-chip state-{}">{}</span>{}',
            chip,
            obj.state_label(),
            format_html('<span class="open-by">Đang mở: {}</span>', holder) if holder else "",
        )

    @admin.display(description="tác giả")
    def byline(self, obj):
        return " – ".join(authorship.author.name for authorship in obj.authorships.all())

    @admin.display(description="chuyên mục, tác giả", ordering="section__sort_name")
    def filed(self, obj):
        return format_html(
            '<span class="article-section">{}</span><span class="article-byline">{}</span>',
            obj.section.name,
            self.byline(obj),
        )

    @admin.display(description="thời gian", ordering="published_at")
    def dates(self, obj):
        published = (
            format_html("Đăng {}<br>", _short_moment(obj.published_at)) if obj.published_at else ""
        )
        return format_html(
            '{}<span class="quiet">Sửa {}</span>', published, _short_moment(obj.updated_at)
        )

    def action_checkbox(self, obj):
        """The row's checkbox, with the version the row shows: bulk steps act on that."""
        return format_html(
            '{}<input type="hidden" name="{}" value="{}">',
            super().action_checkbox(obj),
            SEEN_VERSION.format(obj.pk),
            obj.version,
        )

    # --- Saving: gather what was typed, write it once through the write path -----------

    def save_model(self, request, obj, form, change):
        """Nothing yet: the article is written once, with links and bylines, in save_related."""

    def save_related(self, request, form, formsets, change):
        data = form.cleaned_data
        bylines = [_bylines_from(f) for f in formsets if f.model is Authorship]
        editing.save_article(
            form.instance,
            request.user,
            changes={name: data[name] for name in editing.FIELDS if name in form.fields},
            links={name: data[name] for name in editing.LINKS if name in form.fields},
            bylines=bylines[0] if bylines else None,
            expected_version=data.get("loaded_version") if change else None,
            cover_upload=data.get("cover_upload"),
        )
        # After the body's words (CKEditor's alt and caption) went to the library.
        self.save_photo_words(request, form)

    def construct_change_message(self, request, form, formsets, add=False):
        # The inlines are written by the write path, not saved as formsets.
        return super().construct_change_message(request, form, [], add)

    def delete_model(self, request, obj):
        editing.delete_article(obj, request.user)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            editing.delete_article(article, request.user)

    # --- Workflow buttons and actions, from the workflow's table ----------------------

    def get_urls(self):
        workflow_view = self.admin_site.admin_view(self.workflow_view)
        return [
            path(
                "<path:object_id>/quy-trinh/<str:action>/",
                workflow_view,
                name="articles_article_workflow",
            ),
            *super().get_urls(),
        ]

    def get_object(self, request, object_id, from_field=None):
        shown = getattr(request, "_form_article", None)
        if shown is not None and shown[0] == object_id and from_field is None:
            return shown[1]
        return super().get_object(request, object_id, from_field)

    def _form_article(self, request, object_id):
        """The article a change form shows, with the relations its fields show; fetched
        once (Django's view asks ``get_object`` again). A save fetches it as usual."""
        if request.method not in ("GET", "HEAD"):
            return self.get_object(request, object_id)
        try:
            pk = Article._meta.pk.to_python(object_id)
        except (ValidationError, ValueError):
            article = None
        else:
            # Its relations are fetched below, as prefetch_related would have them.
            queryset = self.get_queryset(request).select_related(*FORM_SELECT_RELATED)
            queryset = queryset.prefetch_related(None).filter(pk=pk)
            if workflow.is_editor(request.user):
                found = _EDITORS_ARTICLE.fetch(queryset, pk)
            else:  # filtered by what the user may see, with the time: compiled each time
                found = list(queryset)
            article = found[0] if found else None
        if article is not None:
            _fetch_relations(article)
        request._form_article = (object_id, article)
        return article

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self._form_article(request, unquote(object_id))
        buttons = []
        for step in workflow.allowed(request.user, article) if article is not None else []:
            url = reverse("admin:articles_article_workflow", args=[article.pk, step.name])
            buttons.append(
                {
                    "action": step.name,
                    "label": step.label,
                    "url": f"{url}?version={article.version}" if step.inputs else url,
                    "needs_form": bool(step.inputs),
                    "version": article.version,
                }
            )
        context = {"workflow_buttons": buttons, **(extra_context or {})}
        if request.method == "GET" and article is not None and _before_submit(request, article):
            # House style, shown before submitting; advice never changes the text.
            for message in advice.of(article):
                messages.warning(request, f"Lưu ý trước khi gửi duyệt: {message}")
        return super().change_view(request, object_id, form_url, context)

    def workflow_view(self, request, object_id, action):
        article = self.get_object(request, unquote(object_id))
        step = workflow.TRANSITIONS.get(action)
        if article is None or step is None:
            raise Http404("Không có bài viết hay bước này.")
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        if not step.inputs and request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        seen = request.GET.get("version", "")
        form = TransitionForm(
            step,
            request.POST if request.method == "POST" else None,
            initial=TransitionForm.initial_for(
                step, article, seen if seen.isdigit() else article.version
            ),
        )
        if request.method == "POST" and form.is_valid():
            try:
                workflow.perform(
                    step.name,
                    article,
                    request.user,
                    expected_version=form.cleaned_data["version"],
                    **form.inputs(),
                )
            except locking.Conflict as conflict:
                if not step.inputs:
                    messages.error(request, conflict.refusal(step.label))
                    return redirect(change_url)
                form.add_error(None, conflict.refusal(step.label))
            except WorkflowError as error:
                if not step.inputs:
                    messages.error(request, str(error))
                    return redirect(change_url)
                form.add_error(None, str(error))
            else:
                messages.success(request, workflow.done_message(step, article))
                return redirect(change_url)
        elif not step.inputs:
            messages.error(request, form.version_error() or "Chưa làm được bước này.")
            return redirect(change_url)
        if not (step.leaves(workflow.state_of(article)) and step.who(request.user, article)):
            raise PermissionDenied("Bạn không được làm bước này với bài này.")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"{step.label}: {article.title}",
            "article": article,
            "form": form,
            "media": self.media + form.media,
            "change_url": change_url,
            "action_label": step.label,
        }
        return TemplateResponse(request, "admin/articles/article/workflow_form.html", context)

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        listing = action_location == ActionLocation.CHANGE_LIST
        if not listing or self.actions is None or IS_POPUP_VAR in request.GET:
            return actions
        for step in workflow.TRANSITIONS.values():
            if step.bulk and workflow.may_try(request.user, step):
                name = f"{step.name}_selected"
                actions[name] = Action(
                    func=_bulk_action(step),
                    name=name,
                    description=step.bulk,
                    plural_description=step.bulk,
                    locations=[ActionLocation.CHANGE_LIST],
                )
        return actions


def _before_submit(request, article):
    return article.status == Status.DRAFT and workflow.can_edit(request.user, article)


name_link_rows(Article)


def _short_moment(value):
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")


def _bulk_action(step):
    def run(modeladmin, request, queryset):
        done, refused = 0, []
        for article in queryset:
            seen = request.POST.get(SEEN_VERSION.format(article.pk), "")
            try:
                if not seen.isdigit():
                    raise WorkflowError("không rõ phiên bản bạn đã thấy; hãy tải lại danh sách.")
                workflow.perform(step.name, article, request.user, expected_version=int(seen))
            except locking.Conflict as conflict:
                refused.append(f"“{article.title}”: {conflict.refusal(step.label)}")
            except (PermissionDenied, WorkflowError) as error:
                refused.append(f"“{article.title}”: {error}")
            else:
                done += 1
        if done:
            messages.success(request, f"{step.label}: {done} bài.")
        for reason in refused:
            messages.warning(request, reason)

    run.__name__ = f"{step.name}_selected"
    return run


def _bylines_from(formset):
    """The bylines the inline leaves, as saving the formset would have left them: rows it
    showed are changed or deleted, rows it did not show stay, new rows are added; in the
    order of their position."""
    shown = {form.instance.pk for form in formset.initial_forms}
    rows = [row for row in formset.get_queryset() if row.pk not in shown]
    for form in formset.initial_forms + formset.extra_forms:
        deleted = formset.can_delete and form.cleaned_data.get(DELETION_FIELD_NAME)
        is_new = form in formset.extra_forms
        if deleted or (is_new and not form.has_changed()) or not form.cleaned_data:
            continue
        rows.append(form.instance)
    rows.sort(key=lambda row: (row.position, row.pk is None, row.pk or 0))
    return [editing.Byline(row.author, row.role) for row in rows]
