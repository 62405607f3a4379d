from django.contrib import admin

from newsroom.admin import FoldedSearchMixin

from . import naming
from .models import Author, Section, Tag


class NamingAdmin(admin.ModelAdmin):
    """Saves go through ``articles.naming``, so the pages showing the name follow."""

    def save_model(self, request, obj, form, change):
        naming.save(obj, request.user, changed=form.changed_data if change else None)


@admin.register(Section)
class SectionAdmin(NamingAdmin):
    list_display = ["name", "parent", "position", "is_in_menu"]
    list_editable = ["position", "is_in_menu"]
    list_filter = ["is_in_menu"]
    search_fields = ["name"]
    fields = ["name", "slug", "parent", "description", "position", "is_in_menu"]


@admin.register(Tag)
class TagAdmin(FoldedSearchMixin, NamingAdmin):
    list_display = ["name", "slug"]
    fields = ["name"]


@admin.register(Author)
class AuthorAdmin(FoldedSearchMixin, NamingAdmin):
    list_display = ["name", "user", "slug"]
    list_select_related = ["user"]
    fields = ["name", "user", "bio"]
    autocomplete_fields = ["user"]
