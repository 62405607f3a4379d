from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from newsroom import text


class PublisherQuerySet(models.QuerySet):
    def current(self):
        """The one publisher record, or an unsaved blank one before staff fill it in."""
        return self.order_by("pk").first() or self.model()


class Publisher(models.Model):
    """The publisher's details the law requires in every page's footer; edited by staff."""

    site_name = models.CharField(
        "tên trang",
        max_length=200,
        default="Cổng thông tin điện tử Công an tỉnh",
        help_text="Hiện ở đầu mỗi trang và trong tiêu đề trình duyệt.",
    )
    governing_body = models.CharField(
        "cơ quan chủ quản", max_length=200, blank=True, help_text="Ví dụ: Công an tỉnh Nghệ An."
    )
    responsible_person = models.CharField(
        "người chịu trách nhiệm",
        max_length=200,
        blank=True,
        help_text="Họ tên và chức vụ, ví dụ: Đại tá Nguyễn Văn A, Phó Giám đốc.",
    )
    licence = models.CharField(
        "giấy phép", max_length=200, blank=True, help_text="Số giấy phép hoạt động, ngày cấp."
    )
    address = models.CharField("địa chỉ", max_length=300, blank=True)
    phone = models.CharField("điện thoại", max_length=50, blank=True)
    email = models.EmailField("thư điện tử", blank=True)

    objects = PublisherQuerySet.as_manager()

    class Meta:
        verbose_name = "thông tin cơ quan"
        verbose_name_plural = "thông tin cơ quan"

    def __str__(self):
        return self.site_name

    def save(self, *args, **kwargs):
        for field in ("site_name", "governing_body", "responsible_person", "licence", "address"):
            setattr(self, field, text.clean_line(getattr(self, field)))
        self.phone = text.clean_line(self.phone)
        super().save(*args, **kwargs)


class AuditEntry(models.Model):
    """One line of the newsroom's record: who did what to which article, and when.

    Written by the workflow module and the admin's save path in the same transaction
    as the change; never edited. The article's title is copied so the line still
    reads after the article is deleted.
    """

    class Action(models.TextChoices):
        CREATED = "created", "Tạo bài"
        EDITED = "edited", "Sửa bài"
        SUBMITTED = "submitted", "Gửi duyệt"
        RETURNED = "returned", "Trả lại phóng viên"
        PUBLISHED = "published", "Đăng bài"
        SCHEDULED = "scheduled", "Lên lịch đăng"
        UNPUBLISHED = "unpublished", "Gỡ bài"
        RESTORED = "restored", "Khôi phục phiên bản"
        CORRECTED = "corrected", "Đính chính"
        DELETED = "deleted", "Xoá bài"
        PHOTO_CLEARED = "photo_cleared", "Duyệt ảnh nhạy cảm"
        PREVIEW_CREATED = "preview_created", "Tạo liên kết xem trước"
        PREVIEW_REVOKED = "preview_revoked", "Thu hồi liên kết xem trước"

    at = models.DateTimeField("lúc", default=timezone.now, db_index=True, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField("tên người thực hiện", max_length=150, editable=False)
    action = models.CharField("việc làm", max_length=30, choices=Action, editable=False)
    article = models.ForeignKey(
        "articles.Article",
        verbose_name="bài viết",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    article_repr = models.CharField(
        "tiêu đề bài lúc ghi", max_length=300, blank=True, editable=False
    )
    details = models.JSONField(
        "chi tiết", default=dict, blank=True, editable=False, encoder=DjangoJSONEncoder
    )

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "dòng nhật ký"
        verbose_name_plural = "nhật ký biên tập"
        indexes = [models.Index(fields=["article", "at"], name="audit_article_idx")]

    def __str__(self):
        subject = f" “{self.article_repr}”" if self.article_repr else ""
        return f"{self.actor_name}: {self.get_action_display().lower()}{subject}"
