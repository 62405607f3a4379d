from django.contrib import admin

from .models import Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "position", "is_in_menu"]
    list_editable = ["position", "is_in_menu"]
    list_filter = ["is_in_menu"]
    search_fields = ["name"]
    fields = ["name", "slug", "parent", "description", "position", "is_in_menu"]
