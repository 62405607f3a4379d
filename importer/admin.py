from django.contrib import admin
from django.urls import path, reverse
from django.utils.html import format_html

from articles import workflow

from . import views
from .abbreviations import forget_glossary
from .models import Abbreviation, Import, RecordRequest, StyleRule


@admin.register(Abbreviation)
class AbbreviationAdmin(admin.ModelAdmin):
    list_display = ["letters", "expansion", "context", "is_active"]
    list_display_links = ["letters", "expansion"]
    list_filter = ["is_active"]
    search_fields = ["letters", "expansion", "context"]
    fields = ["letters", "expansion", "context", "is_active"]

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        forget_glossary()


@admin.register(StyleRule)
class StyleRuleAdmin(admin.ModelAdmin):
    list_display = ["wrong", "right", "note", "case_sensitive", "is_active"]
    list_display_links = ["wrong", "right"]
    list_filter = ["is_active", "case_sensitive"]
    search_fields = ["wrong", "right", "note"]
    fields = ["wrong", "right", "note", "case_sensitive", "is_active"]


@admin.register(Import)
class ImportAdmin(admin.ModelAdmin):
    """Articles brought in by the importer; the "Nhập bài" page hangs off this admin."""

    list_display = ["article_link", "source", "filename", "original_date", "imported_by"]
    list_filter = ["source"]
    list_select_related = ["article", "imported_by"]
    date_hierarchy = "imported_at"
    search_fields = ["article__title", "filename"]
    fields = ["article", "source", "filename", "original_date", "imported_by", "imported_at"]
    readonly_fields = fields

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        return [path("nhap-bai/", view, name="importer_import"), *super().get_urls()]

    def import_view(self, request):
        return views.import_view(request, self.admin_site)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if workflow.is_editor(request.user):
            return queryset
        return queryset.filter(imported_by=request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="bài viết", ordering="article__title")
    def article_link(self, obj):
        url = reverse("admin:articles_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, obj.article.title)


@admin.register(RecordRequest)
class RecordRequestAdmin(admin.ModelAdmin):
    """Officials named in articles whom the records do not hold: records staff's to-do."""

    list_display = ["__str__", "position_text", "article", "requested_at", "is_done"]
    list_filter = ["is_done"]
    list_editable = ["is_done"]
    list_select_related = ["article"]
    search_fields = ["name", "position_text", "phrase"]
    fields = [
        "name",
        "rank_text",
        "position_text",
        "phrase",
        "article",
        "requested_by",
        "requested_at",
        "is_done",
        "note",
    ]
    readonly_fields = [
        "name",
        "rank_text",
        "position_text",
        "phrase",
        "article",
        "requested_by",
        "requested_at",
    ]

    def has_add_permission(self, request):
        return False
