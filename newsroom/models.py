import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone

from newsroom import pagecache, text, theme


def logo_path(publisher, filename):
    """nhan-dien/<random>.png: the upload is re-encoded as PNG (newsroom.branding)."""
    return f"nhan-dien/{uuid.uuid4().hex}.png"


class ColourField(models.CharField):
    """A colour as "#rrggbb"; what is typed ("#C00", "c00000") is normalised first."""

    default_validators = [
        RegexValidator(
            r"^#[0-9a-f]{6}$",
            "Nhập màu dạng mã hex gồm dấu # và 6 chữ số hệ 16, ví dụ #8b0000.",
            code="colour",
        )
    ]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 7)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return theme.normalise(super().to_python(value))


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
    brand_colour = ColourField(
        "màu chủ đạo",
        default=theme.DEFAULTS["brand_colour"],
        help_text="Nền đầu trang và thanh menu, màu liên kết. Chữ trắng trên nền này và "
        "liên kết màu này trên nền trắng phải đạt tỉ lệ tương phản ít nhất 4,5:1.",
    )
    brand_dark_colour = ColourField(
        "màu chủ đạo đậm",
        default=theme.DEFAULTS["brand_dark_colour"],
        help_text="Dải trên cùng (ngày, đường dây nóng), nút bấm, liên kết khi trỏ chuột; "
        "thường là màu chủ đạo sẫm hơn.",
    )
    accent_colour = ColourField(
        "màu nhấn",
        default=theme.DEFAULTS["accent_colour"],
        help_text="Số đường dây nóng, dòng cơ quan chủ quản trên tên trang, mục hồ sơ trong "
        "menu; phải đọc rõ trên cả hai màu chủ đạo.",
    )
    footer_note = models.TextField(
        "ghi chú chân trang",
        blank=True,
        help_text="Hiện cuối mỗi trang, dưới thông tin cơ quan; mỗi dòng một đoạn. Ví dụ: "
        "Ghi rõ nguồn “Cổng thông tin điện tử Công an tỉnh” khi phát hành lại thông tin "
        "từ cổng này.",
    )

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
        self.footer_note = text.clean(self.footer_note)
        for field in theme.DEFAULTS:
            setattr(self, field, theme.normalise(getattr(self, field)))
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        found = theme.problems(theme.colours_of(self))
        if found:
            raise ValidationError(found)

    @property
    def theme_version(self):
        """The name of the stylesheet of the publisher's colours, or "" while they are
        site.css's own (``newsroom.theme``)."""
        return theme.version(self) if theme.is_custom(self) else ""

    @property
    def hotline_uri(self):
        """tel: address of the hotline: digits and a leading + only."""
        digits = "".join(c for c in self.hotline if c.isdigit() or c == "+")
        return f"tel:{digits}" if digits else ""


def current_publisher():
    """The publisher's details, cached until they change (``discovery.caching`` purges)."""
    return pagecache.fragment("publisher", lambda: (Publisher.objects.current(), ()))


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
