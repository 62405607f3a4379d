import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from newsroom import text


def logo_path(publisher, filename):
    """nhan-dien/<random>.png: the upload is re-encoded as PNG (newsroom.branding)."""
    return f"nhan-dien/{uuid.uuid4().hex}.png"


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
    hotline = models.CharField(
        "đường dây nóng",
        max_length=50,
        blank=True,
        help_text="Số điện thoại tiếp nhận tin báo, hiện ở đầu mỗi trang. Ví dụ: 069 2345 113.",
    )
    logo = models.ImageField(
        "biểu trưng",
        upload_to=logo_path,
        blank=True,
        width_field="logo_width",
        height_field="logo_height",
        help_text="Ảnh PNG, JPEG hoặc WebP, nên là ảnh vuông nền trong suốt; hiện ở đầu trang "
        "và bản in. Để trống để dùng biểu trưng mặc định.",
    )
    logo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)

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
        self.hotline = text.clean_line(self.hotline)
        super().save(*args, **kwargs)

    @property
    def hotline_uri(self):
        """tel: address of the hotline: digits and a leading + only."""
        digits = "".join(c for c in self.hotline if c.isdigit() or c == "+")
        return f"tel:{digits}" if digits else ""


class AuditEntry(models.Model):
    """One line of the newsroom's record: who did what to which object, and when.

    Stored as data: ``action`` is a machine key ("article.published", "photo.cleared"),
    ``details`` holds machine keys with JSON values (ISO dates); both are labelled in
    Vietnamese when shown (``newsroom.audit.describe``), so they can be queried and
    relabelled. Written by ``newsroom.audit.record`` in the transaction of the change;
    never edited. The subject's name is copied so the line still reads once it is gone.
    """

    at = models.DateTimeField("lúc", default=timezone.now, editable=False)
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
    action = models.CharField("việc làm", max_length=60, editable=False)
    content_type = models.ForeignKey(
        ContentType,
        verbose_name="loại đối tượng",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    object_id = models.PositiveBigIntegerField(
        "mã đối tượng", null=True, blank=True, editable=False
    )
    object_repr = models.CharField("đối tượng lúc ghi", max_length=300, blank=True, editable=False)
    details = models.JSONField("chi tiết", default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "dòng nhật ký"
        verbose_name_plural = "nhật ký biên tập"
        indexes = [
            models.Index(fields=["content_type", "object_id", "at"], name="audit_subject_idx"),
            models.Index(fields=["action", "at"], name="audit_action_idx"),
            models.Index(fields=["at"], name="audit_at_idx"),
        ]

    def __str__(self):
        from .audit import action_label

        subject = f" “{self.object_repr}”" if self.object_repr else ""
        return f"{self.actor_name}: {action_label(self.action).lower()}{subject}"
