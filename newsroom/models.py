from django.db import models

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
