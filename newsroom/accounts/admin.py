from axes.utils import reset as axes_reset
from django.contrib import admin, messages
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import LockedSignIn, SignInSession, TwoFactorDevice

# django-otp's own admins are in English and show secrets; ours replace them.
for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(LockedSignIn)
class LockedSignInAdmin(admin.ModelAdmin):
    """Failed sign-ins counted by django-axes; unlocking deletes the counter."""

    list_display = ["username", "ip_address", "failures_since_start", "attempt_time", "path_info"]
    list_filter = ["attempt_time"]
    search_fields = ["username", "ip_address"]
    date_hierarchy = "attempt_time"
    actions = ["unlock"]
    readonly_fields = [
        "username",
        "ip_address",
        "user_agent",
        "path_info",
        "failures_since_start",
        "attempt_time",
    ]
    fields = readonly_fields

    @admin.action(description="Mở khoá đăng nhập cho các dòng đã chọn", permissions=["delete"])
    def unlock(self, request, queryset):
        count = 0
        for attempt in queryset:
            count += axes_reset(ip=attempt.ip_address, username=attempt.username) or 0
        self.message_user(
            request, f"Đã mở khoá ({count} bộ đếm đăng nhập sai được xoá).", messages.SUCCESS
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(TwoFactorDevice)
class TwoFactorDeviceAdmin(admin.ModelAdmin):
    """Xoá một ứng dụng xác thực = đặt lại xác thực hai bước cho người mất điện thoại."""

    list_display = ["user", "name", "confirmed", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_select_related = ["user"]
    fields = ["user", "name", "confirmed", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_queryset(self, request, queryset):
        users = {device.user_id for device in queryset}
        super().delete_queryset(request, queryset)
        # Recovery codes go with the authenticator they back up.
        StaticDevice.objects.filter(user_id__in=users).delete()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        StaticDevice.objects.filter(user_id=obj.user_id).delete()


@admin.register(SignInSession)
class SignInSessionAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at", "ip_address", "user_agent"]
    search_fields = ["user__username", "ip_address"]
    list_select_related = ["user"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
