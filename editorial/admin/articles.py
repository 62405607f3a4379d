"""The newsroom's article admin: the form, the list, the workflow buttons and actions.

It composes the article's own pieces (``articles``), the photo parts of the form
(``.photos``) and the desk's tools (``.tools``); decisions stay with the workflow
module (``articles.publishing``).
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from articles import publishing
from articles.forms import ReturnForm, ScheduleForm
from articles.models import Article, Author, Authorship
from newsroom import text
from newsroom.admin import FoldedSearchMixin, PreloadedInlineMixin

from .photos import ArticlePhotosAdminMixin
from .tools import EditorialAdminMixin

Status = Article.Status


class MineFilter(admin.SimpleListFilter):
    """Reporters land on their own articles; everyone can switch to all they may see."""

    title = "người viết"
    parameter_name = "cua"
    MINE, ALL = "toi", "tat-ca"

    def __init__(self, request, params, model, model_admin):
        self.default = self.ALL if publishing.is_editor(request.user) else self.MINE
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
            ("cho-duyet", "Chờ duyệt"),
            ("len-lich", "Đã lên lịch"),
            ("dang", "Đang hiện công khai"),
            ("het-han", "Hết hạn"),
            ("go", "Đã gỡ"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        published = queryset.filter(status=Status.PUBLISHED)
        return {
            "nhap": lambda: queryset.filter(status=Status.DRAFT),
            "cho-duyet": lambda: queryset.filter(status=Status.REVIEW),
            "len-lich": lambda: published.filter(published_at__gt=now),
            "dang": lambda: queryset.published(now),
            "het-han": lambda: published.filter(expires_at__lte=now),
            "go": lambda: queryset.filter(status=Status.UNPUBLISHED),
        }.get(self.value(), lambda: queryset)()


class AuthorshipInline(PreloadedInlineMixin, admin.TabularInline):
    model = Authorship
    row_select_related = ["author"]
    extra = 1
    autocomplete_fields = ["author"]
    fields = ["position", "author", "role"]
    verbose_name = "người ký bài"
    verbose_name_plural = "Ký tên cuối bài (theo thứ tự)"

    def _article_editable(self, request, obj):
        return obj is None or publishing.can_edit(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._article_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._article_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._article_editable(request, obj)


@admin.register(Article)
class ArticleAdmin(
    ArticlePhotosAdminMixin, EditorialAdminMixin, FoldedSearchMixin, admin.ModelAdmin
):
    list_display = ["title", "state", "section", "byline", "published_at", "updated_at"]
    list_filter = [MineFilter, StateFilter, "section", "is_featured"]
    list_select_related = ["section"]
    date_hierarchy = "published_at"
    # The reader-search document: title, lead, body and bylines, folded.
    search_fields = ["search_all"]
    folded_search_fields = ["search_all"]
    search_help_text = (
        "Tìm theo tiêu đề, sapo, nội dung, tên tác giả; gõ có dấu hay không dấu đều được."
    )
    autocomplete_fields = ["tags", "units", "clusters", "officials", "events"]
    inlines = [AuthorshipInline]
    save_on_top = True
    actions = ["submit_selected", "publish_selected", "unpublish_selected"]
    # The workflow's record, shown but written only by articles/publishing.py.
    workflow_fields = [
        "state",
        "published_at",
        "approved_by",
        "approved_at",
        "submitted_at",
        "review_note",
        "created_by",
        "updated_by",
        "updated_at",
    ]
    readonly_fields = workflow_fields
    editor_only_fields = ["is_featured", "expires_at"]

    def get_fieldsets(self, request, obj=None):
        classify = ["tags", "source", "is_featured", "expires_at"]
        if not publishing.is_editor(request.user):
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
            fieldsets.append(("Quy trình duyệt", {"fields": self.workflow_fields}))
        return fieldsets

    def get_queryset(self, request):
        queryset = (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("authorships", queryset=Authorship.objects.select_related("author"))
            )
        )
        return publishing.visible_to(request.user, queryset)

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or publishing.can_view(request.user, obj))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or publishing.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or publishing.can_edit(request.user, obj))

    @admin.display(description="trạng thái", ordering="status")
    def state(self, obj):
        return obj.state_label()

    @admin.display(description="tác giả")
    def byline(self, obj):
        return " – ".join(authorship.author.name for authorship in obj.authorships.all())

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
        if change and "slug" in form.changed_data:
            obj.remember_slug(form.initial.get("slug"))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        own_byline = Author.objects.filter(user=request.user).first()
        if not change and own_byline and not article.authorships.exists():
            # A reporter who forgets the byline still signs their own article.
            Authorship.objects.create(article=article, author=own_byline)
        # Bylines are saved after the article: its search documents must include them.
        Article.objects.filter(pk=article.pk).refresh_search_documents()

    # --- Workflow buttons and actions ----------------------------------------------

    def get_urls(self):
        workflow = self.admin_site.admin_view(self.workflow_view)
        return [
            path(
                "<path:object_id>/quy-trinh/<str:action>/",
                workflow,
                name="articles_article_workflow",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        buttons = []
        if article is not None:
            for action in publishing.allowed_actions(request.user, article):
                url = reverse("admin:articles_article_workflow", args=[article.pk, action])
                buttons.append(
                    {
                        "action": action,
                        "label": publishing.ACTION_LABELS[action],
                        "url": url,
                        "needs_form": action in (publishing.SCHEDULE, publishing.RETURN),
                    }
                )
        context = {"workflow_buttons": buttons, **(extra_context or {})}
        return super().change_view(request, object_id, form_url, context)

    def workflow_view(self, request, object_id, action):
        article = self.get_object(request, object_id)
        if article is None or action not in publishing.ACTION_LABELS:
            raise Http404("Không có bài viết này.")
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        form_class = {publishing.SCHEDULE: ScheduleForm, publishing.RETURN: ReturnForm}.get(action)
        if form_class is None and request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        form = form_class(request.POST or None) if form_class else None
        if request.method == "POST" and (form is None or form.is_valid()):
            try:
                self._run(action, article, request.user, form)
            except publishing.WorkflowError as error:
                if form is None:
                    messages.error(request, str(error))
                    return redirect(change_url)
                form.add_error(None, str(error))
            else:
                messages.success(request, self._done_message(action, article))
                return redirect(change_url)
        if form is None:
            return redirect(change_url)
        allowed = {
            publishing.SCHEDULE: publishing.can_schedule,
            publishing.RETURN: lambda user, obj: publishing.can_return(user, obj),
        }[action]
        if not allowed(request.user, article):
            raise PermissionDenied("Bạn không được làm bước này với bài này.")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"{publishing.ACTION_LABELS[action]}: {article.title}",
            "article": article,
            "form": form,
            "media": self.media + form.media,
            "change_url": change_url,
            "action_label": publishing.ACTION_LABELS[action],
        }
        return TemplateResponse(request, "admin/articles/article/workflow_form.html", context)

    @staticmethod
    def _run(action, article, user, form):
        if action == publishing.SUBMIT:
            publishing.submit(article, user)
        elif action == publishing.RETURN:
            publishing.return_to_author(article, user, form.cleaned_data["note"])
        elif action == publishing.PUBLISH:
            publishing.publish(article, user)
        elif action == publishing.SCHEDULE:
            publishing.schedule(article, user, form.cleaned_data["published_at"])
        elif action == publishing.UNPUBLISH:
            publishing.unpublish(article, user)

    @staticmethod
    def _done_message(action, article):
        return {
            publishing.SUBMIT: f"Đã gửi duyệt “{article.title}”.",
            publishing.RETURN: f"Đã trả “{article.title}” về cho phóng viên.",
            publishing.PUBLISH: f"Đã đăng “{article.title}”.",
            publishing.SCHEDULE: f"Đã lên lịch đăng “{article.title}” lúc "
            f"{text.format_datetime(article.published_at)}.",
            publishing.UNPUBLISH: f"Đã gỡ “{article.title}” khỏi trang công khai.",
        }[action]

    def _bulk(self, request, queryset, action):
        done, refused = 0, []
        for article in queryset:
            try:
                self._run(action, article, request.user, None)
            except (PermissionDenied, publishing.WorkflowError) as error:
                refused.append(f"“{article.title}”: {error}")
            else:
                done += 1
        if done:
            label = publishing.ACTION_LABELS[action].lower()
            messages.success(request, f"{label.capitalize()}: {done} bài.")
        for reason in refused:
            messages.warning(request, reason)

    @admin.action(description="Gửi duyệt các bài đã chọn")
    def submit_selected(self, request, queryset):
        self._bulk(request, queryset, publishing.SUBMIT)

    @admin.action(description="Đăng ngay các bài đã chọn", permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._bulk(request, queryset, publishing.PUBLISH)

    @admin.action(description="Gỡ các bài đã chọn", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._bulk(request, queryset, publishing.UNPUBLISH)

    def has_publish_permission(self, request):
        return publishing.is_editor(request.user)
