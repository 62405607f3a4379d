"""The audit log's admin: read-only, filtered, searchable, exported as CSV."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from newsroom.models import AuditEntry

from .. import audit


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_name", "action", "article_link", "details_text"]
    list_filter = [
        "action",
        ("actor", admin.RelatedOnlyFieldListFilter),
        ("at", admin.DateFieldListFilter),
    ]
    search_fields = ["article_repr", "actor_name", "actor__username"]
    search_help_text = "Tìm theo tiêu đề bài hoặc tên, tài khoản người thực hiện."
    date_hierarchy = "at"
    list_select_related = ["actor"]
    list_per_page = 50
    fields = ["at", "actor", "actor_name", "action", "article", "article_repr", "details_text"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="bài viết", ordering="article_repr")
    def article_link(self, entry):
        if entry.article_id is None:
            return entry.article_repr
        url = reverse("admin:articles_article_change", args=[entry.article_id])
        return format_html('<a href="{}">{}</a>', url, entry.article_repr)

    @admin.display(description="chi tiết")
    def details_text(self, entry):
        return audit.describe(entry.details)

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
        entries = changelist.get_queryset(request).select_related("actor")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        return audit.csv_response(entries, filename=f"nhat-ky-bien-tap-{stamp}.csv")
