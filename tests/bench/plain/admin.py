"""Django's stock ModelAdmin, as a developer would first write it for such a table."""

from django.contrib import admin

from .models import PlainArticle


@admin.register(PlainArticle)
class PlainArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "published_at"]
    list_filter = ["status"]
    search_fields = ["title"]
