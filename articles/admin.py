from django.contrib import admin

from newsroom.admin import FoldedSearchMixin, ToneUniqueMixin

from . import naming
from .models import Author, Section, Tag


class NamingAdmin(admin.ModelAdmin):
    """Saves go through ``articles.naming``, so the pages showing the name follow."""

    def save_model(self, request, obj, form, change):
        naming.save(obj, request.user, changed=form.changed_data if change else None)


@admin.register(Section)
class SectionAdmin(ToneUniqueMixin, NamingAdmin):
    list_display = ["name", "parent", "position", "is_in_menu"]
    list_editable = ["position", "is_in_menu"]
    list_filter = ["is_in_menu"]
    search_fields = ["name"]
    fields = ["name", "slug", "parent", "description", "position", "is_in_menu"]


@admin.register(Tag)
class TagAdmin(ToneUniqueMixin, FoldedSearchMixin, NamingAdmin):
    list_display = ["name", "slug"]
    fields = ["name"]


@admin.register(Author)
class AuthorAdmin(ToneUniqueMixin, FoldedSearchMixin, NamingAdmin):
    list_display = ["name", "user", "slug"]
    list_select_related = ["user"]
    fields = ["name", "user", "bio"]
    autocomplete_fields = ["user"]

    def get_fields(self, request, obj=None):
        # A reporter adds a pen name from the byline row: the name (and a few words).
        if not request.user.has_perm("articles.change_author"):
            return ["name", "bio"]
        return super().get_fields(request, obj)
