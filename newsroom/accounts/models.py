from axes.models import AccessAttempt
from django.conf import settings
from django.db import models
from django_otp.plugins.otp_totp.models import TOTPDevice


class SignInSession(models.Model):
    """One signed-in browser, so a user can sign out of every other one."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người dùng",
        on_delete=models.CASCADE,
        related_name="sign_in_sessions",
    )
    session_key = models.CharField("khoá phiên", max_length=40, unique=True)
    ip_address = models.GenericIPAddressField("địa chỉ IP", null=True, blank=True)
    user_agent = models.CharField("trình duyệt", max_length=300, blank=True)
    created_at = models.DateTimeField("đăng nhập lúc", auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "phiên đăng nhập"
        verbose_name_plural = "phiên đăng nhập"

    def __str__(self):
        return f"{self.user} ({self.ip_address or '?'})"


class LockedSignIn(AccessAttempt):
    """Axes' failed sign-in counters, shown in Vietnamese with an unlock action."""

    class Meta:
        proxy = True
        verbose_name = "đăng nhập sai"
        verbose_name_plural = "đăng nhập sai và khoá đăng nhập"

    def __str__(self):
        who, where = self.username or "?", self.ip_address or "?"
        return f"{who} từ {where}: {self.failures_since_start} lần sai"


class TwoFactorDevice(TOTPDevice):
    """Authenticator apps; deleting one resets a user's two-factor sign-in."""

    class Meta:
        proxy = True
        verbose_name = "ứng dụng xác thực"
        verbose_name_plural = "ứng dụng xác thực hai bước"
