from django.contrib import admin

from newsroom import text

from .models import Publisher


class FoldedSearchMixin:
    """Admin search (and autocomplete) that ignores case, tone marks and diacritics.

    The model keeps a folded copy of its searchable text in ``search_text``
    (see ``newsroom.text.search_document``); every word the user types must
    appear in it, so "thanh hoa" finds "Thanh Hoá" on SQLite and PostgreSQL alike.
    """

    search_fields = ["search_text"]
    folded_search_field = "search_text"

    def get_search_results(self, request, queryset, search_term):
        words = text.fold(search_term).split()
        for word in words:
            queryset = queryset.filter(**{f"{self.folded_search_field}__contains": word})
        return queryset, False


admin.site.site_header = "Toà soạn"
admin.site.site_title = "Toà soạn"
admin.site.index_title = "Quản trị nội dung"


@admin.register(Publisher)
class PublisherAdmin(admin.ModelAdmin):
    list_display = ["site_name", "governing_body", "responsible_person"]
    fieldsets = [
        (None, {"fields": ["site_name", "governing_body", "responsible_person", "licence"]}),
        ("Liên hệ", {"fields": ["address", "phone", "email"]}),
    ]

    def has_add_permission(self, request):
        # One publisher per site: the footer shows exactly one.
        return super().has_add_permission(request) and not Publisher.objects.exists()
