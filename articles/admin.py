from django.contrib import admin

from newsroom.admin import FoldedSearchMixin, ToneUniqueMixin

from .models import Article, Author, Section, Tag


@admin.register(Section)
class SectionAdmin(ToneUniqueMixin, admin.ModelAdmin):
    list_display = ["name", "parent", "position", "is_in_menu"]
    list_editable = ["position", "is_in_menu"]
    list_filter = ["is_in_menu"]
    search_fields = ["name"]
    fields = ["name", "slug", "parent", "description", "position", "is_in_menu"]


@admin.register(Tag)
class TagAdmin(ToneUniqueMixin, FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    fields = ["name"]


@admin.register(Author)
class AuthorAdmin(ToneUniqueMixin, FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "user", "slug"]
    list_select_related = ["user"]
    fields = ["name", "user", "bio"]
    autocomplete_fields = ["user"]

    def get_fields(self, request, obj=None):
        # A reporter adds a pen name from the byline row: the name (and a few words).
        if not request.user.has_perm("articles.change_author"):
            return ["name", "bio"]
        return super().get_fields(request, obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:
            # Reader search finds articles by byline: re-derive the ones this name signs.
            Article.objects.filter(authorships__author=obj).refresh_search_documents()
