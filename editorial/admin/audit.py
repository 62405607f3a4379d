"""The audit log's admin: read-only, filtered, searchable, exported as CSV."""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html

from newsroom import audit, text
from newsroom.models import AuditEntry

from ..audit import csv_response, described, subject_url


class ActionFilter(admin.SimpleListFilter):
    """Filter by what was done, named as people say it (every registered action)."""

    title = "việc làm"
    parameter_name = "action"

    def lookups(self, request, model_admin):
        return audit.registered_actions()

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


class SubjectKindFilter(admin.SimpleListFilter):
    """Filter by the kind of thing acted on (article, photo, record…)."""

    title = "loại đối tượng"
    parameter_name = "loai"

    def lookups(self, request, model_admin):
        used = AuditEntry.objects.order_by().values_list("content_type", flat=True).distinct()
        kinds = []
        for content_type in ContentType.objects.filter(pk__in=used):
            model = content_type.model_class()
            label = model._meta.verbose_name if model is not None else content_type.model
            kinds.append((str(content_type.pk), str(label).capitalize()))
        return sorted(kinds, key=lambda kind: text.sort_key(kind[1]))

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(content_type_id=value) if value and value.isdigit() else queryset


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_name", "action_label", "subject_link", "details_text"]
    list_filter = [
        ActionFilter,
        ("actor", admin.RelatedOnlyFieldListFilter),
        ("at", admin.DateFieldListFilter),
        SubjectKindFilter,
    ]
    search_fields = ["object_repr", "actor_name", "actor__username"]
    search_help_text = "Tìm theo tên đối tượng (tiêu đề bài…) hoặc tên, tài khoản người làm."
    date_hierarchy = "at"
    list_select_related = ["actor", "content_type"]
    list_per_page = 50
    fields = ["at", "actor", "actor_name", "action_label", "subject_link", "details_text"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="việc làm", ordering="action")
    def action_label(self, entry):
        return described(entry).action

    @admin.display(description="đối tượng", ordering="object_repr")
    def subject_link(self, entry):
        kind = described(entry).subject_kind
        name = f"{kind.capitalize()}: {entry.object_repr}" if kind else entry.object_repr
        url = subject_url(entry)
        return format_html('<a href="{}">{}</a>', url, name) if url else name

    @admin.display(description="chi tiết")
    def details_text(self, entry):
        return described(entry).details_text

    def get_urls(self):
        export = self.admin_site.admin_view(self.export_view)
        return [
            path("xuat-csv/", export, name="newsroom_auditentry_export"),
            *super().get_urls(),
        ]

    def export_view(self, request):
        """The entries the list shows (same filters and search), as CSV."""
        if not self.has_view_permission(request):
            raise PermissionDenied("Bạn không được xem nhật ký biên tập.")
        changelist = self.get_changelist_instance(request)
        entries = changelist.get_queryset(request).select_related("actor", "content_type")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        return csv_response(entries, filename=f"nhat-ky-bien-tap-{stamp}.csv")
