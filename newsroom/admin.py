from django.contrib import admin

from .models import Publisher

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
