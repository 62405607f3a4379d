import re
from typing import NamedTuple

from django.conf import settings
from django.db import models
from django.db.models import Q

from newsroom import search, text

# Pages print "Ảnh: <credit>"; a credit typed with the prefix would show it twice.
_CREDIT_PREFIX_RE = re.compile(r"^ảnh\s*:\s*", re.IGNORECASE)


class PhotoQuerySet(models.QuerySet):
    def needing_clearance(self):
        return self.filter(is_sensitive=True, cleared_at__isnull=True)


class Photo(models.Model):
    """A library photo: the normalised original plus renditions the task worker makes.

    Articles point at photos (the cover, and ``<figure data-photo="ID">`` in the body),
    so a caption or alt text fixed here shows everywhere the photo is used.
    """

    class SensitiveReason(models.TextChoices):
        MINOR = "minor", "Có trẻ em, người chưa thành niên"
        VICTIM = "victim", "Có nạn nhân"
        SUSPECT = "suspect", "Có nghi phạm, bị can chưa bị kết án"
        UNDERCOVER = "undercover", "Có trinh sát, cán bộ hoạt động bí mật"
        OTHER = "other", "Lý do khác"

    image = models.FileField(
        "ảnh",
        max_length=255,
        help_text="JPEG, PNG hoặc WebP. Ảnh được xoay đúng chiều, bỏ hết siêu dữ liệu "
        "(kể cả vị trí GPS) và lưu dưới tên mới.",
    )
    caption = models.TextField(
        "chú thích", blank=True, help_text="In dưới ảnh, ví dụ “Toàn cảnh Hội nghị.”"
    )
    credit = models.CharField(
        "tác giả ảnh",
        max_length=200,
        blank=True,
        help_text="Tên người chụp, ví dụ “Xuân Bắc”; trang công khai in “Ảnh: Xuân Bắc”.",
    )
    alt_text = models.CharField(
        "mô tả cho người khiếm thị",
        max_length=300,
        blank=True,
        help_text="Tả điều ảnh cho thấy (thuộc tính alt). Bắt buộc trước khi đăng bài có ảnh.",
    )
    taken_on = models.DateField("ngày chụp", null=True, blank=True)
    width = models.PositiveIntegerField("chiều rộng (px)", default=0, editable=False)
    height = models.PositiveIntegerField("chiều cao (px)", default=0, editable=False)
    focal_x = models.FloatField(
        "tâm ảnh theo chiều ngang",
        default=0.5,
        help_text="0 là mép trái, 1 là mép phải; ảnh chia sẻ mạng xã hội được cắt quanh tâm này.",
    )
    focal_y = models.FloatField(
        "tâm ảnh theo chiều dọc", default=0.5, help_text="0 là mép trên, 1 là mép dưới."
    )
    # One entry per stored file: kind ("w480"…, "social"), format, width, height, name, bytes.
    renditions = models.JSONField("bản thu nhỏ", default=list, blank=True, editable=False)
    # Set when the picture or the focal point changes; the task worker makes the
    # renditions and clears it (photos.ingest.render). Pages show the original meanwhile.
    renditions_due = models.BooleanField("đang làm bản thu nhỏ", default=False, editable=False)
    is_sensitive = models.BooleanField(
        "ảnh nhạy cảm",
        default=False,
        help_text="Ảnh có trẻ em, nạn nhân, nghi phạm hay trinh sát: phải được biên tập viên "
        "duyệt trước khi đăng.",
    )
    sensitive_reason = models.CharField(
        "lý do nhạy cảm", max_length=20, choices=SensitiveReason, blank=True
    )
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người duyệt ảnh",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    cleared_at = models.DateTimeField("duyệt ảnh lúc", null=True, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tải lên",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("tải lên lúc", auto_now_add=True)
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)
    search_text = models.TextField(editable=False, blank=True)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "ảnh"
        verbose_name_plural = "thư viện ảnh"
        permissions = [("clear_photo", "Được duyệt ảnh nhạy cảm")]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_sensitive=False) | ~Q(sensitive_reason=""),
                name="photo_sensitive_has_reason",
                violation_error_message="Ảnh nhạy cảm phải ghi lý do.",
            ),
            models.CheckConstraint(
                condition=Q(focal_x__gte=0, focal_x__lte=1, focal_y__gte=0, focal_y__lte=1),
                name="photo_focal_point_inside",
                violation_error_message="Tâm ảnh phải nằm trong khoảng từ 0 đến 1.",
            ),
        ]

    def __str__(self):
        label = text.clean_line(self.caption) or self.alt_text
        if not label:
            return f"Ảnh số {self.pk}" if self.pk else "Ảnh mới"
        return label if len(label) <= 80 else f"{label[:79]}…"

    def save(self, *args, **kwargs):
        self.caption = text.clean_line(self.caption)
        self.credit = _CREDIT_PREFIX_RE.sub("", text.clean_line(self.credit))
        self.alt_text = text.clean_line(self.alt_text)
        if not self.is_sensitive:
            self.sensitive_reason = ""
        self.search_text = search.document(self.caption, self.credit, self.alt_text)
        super().save(*args, **kwargs)

    def rendition(self, kind, fmt="jpeg"):
        return next((r for r in self.renditions if r["kind"] == kind and r["format"] == fmt), None)

    def widths(self, fmt="jpeg"):
        """The width renditions of one format, narrowest first."""
        return sorted(
            (r for r in self.renditions if r["kind"].startswith("w") and r["format"] == fmt),
            key=lambda r: r["width"],
        )

    def url_of(self, entry):
        return self.image.storage.url(entry["name"])

    def srcset(self, fmt="jpeg"):
        """``url 480w, url 800w, …`` for one format."""
        return ", ".join(f"{self.url_of(r)} {r['width']}w" for r in self.widths(fmt))

    @property
    def src(self):
        """The JPEG a browser without srcset shows: the one closest to 1200 pixels wide."""
        entries = self.widths("jpeg")
        if not entries:
            return self.image.url
        fitting = [r for r in entries if r["width"] <= 1200]
        return self.url_of(fitting[-1] if fitting else entries[0])

    @property
    def thumbnail_url(self):
        entries = self.widths("jpeg")
        return self.url_of(entries[0]) if entries else self.image.url

    @property
    def social_image(self):
        """The 1200×630 JPEG for link previews: url (a path), width, height, mime_type, length."""
        entry = self.rendition("social")
        if entry is None:
            return None
        return SocialImage(
            url=self.url_of(entry),
            width=entry["width"],
            height=entry["height"],
            mime_type="image/jpeg",
            length=entry.get("bytes", 0),
        )

    @property
    def needs_clearance(self):
        return self.is_sensitive and self.cleared_at is None


class SocialImage(NamedTuple):
    url: str
    width: int
    height: int
    mime_type: str
    length: int
