from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


class PreviewLink(models.Model):
    """A signed address that shows one unpublished article to a reviewer without an account."""

    SALT = "editorial.preview-link"

    article = models.ForeignKey(
        "articles.Article",
        verbose_name="bài viết",
        on_delete=models.CASCADE,
        related_name="preview_links",
    )
    note = models.CharField(
        "gửi cho",
        max_length=200,
        blank=True,
        help_text="Ai sẽ xem và để làm gì, ví dụ “Phòng Tham mưu duyệt số liệu”.",
    )
    expires_at = models.DateTimeField("hết hạn lúc")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tạo",
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("tạo lúc", default=timezone.now, editable=False)
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thu hồi",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "liên kết xem trước"
        verbose_name_plural = "liên kết xem trước"
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="preview_link_expires_after_creation",
                violation_error_message="Liên kết phải hết hạn sau lúc tạo.",
            )
        ]

    def __str__(self):
        return f"Xem trước “{self.article}”"

    def get_absolute_url(self):
        return reverse("editorial:preview", kwargs={"token": self.token})

    @property
    def token(self):
        return signing.dumps(self.pk, salt=self.SALT, compress=True)

    @classmethod
    def pk_from_token(cls, token):
        """The link's id, or None when the token was not signed by us."""
        try:
            return int(signing.loads(token, salt=cls.SALT))
        except (signing.BadSignature, TypeError, ValueError):
            return None

    def is_active(self, now=None):
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now
