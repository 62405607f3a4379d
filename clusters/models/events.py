"""Events of a cluster's year (covenant signing, reviews, congress) and who took part."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from newsroom.derived import Derivation, DerivedFields, Slug

from .common import year_check
from .emulation import Cluster
from .people import Official
from .units import Unit


class Event(DerivedFields):
    class Kind(models.TextChoices):
        COVENANT = "covenant", "Ký kết giao ước thi đua"
        MIDYEAR = "midyear", "Sơ kết 6 tháng"
        YEAREND = "yearend", "Tổng kết năm"
        CONGRESS = "congress", "Đại hội"
        OTHER = "other", "Khác"

    kind = models.CharField("loại sự kiện", max_length=10, choices=Kind)
    title = models.CharField(
        "tên sự kiện",
        max_length=300,
        blank=True,
        help_text="Để trống để dùng tên tự động, ví dụ: Hội nghị sơ kết 6 tháng năm 2020.",
    )
    slug = models.SlugField("đường dẫn", max_length=200, unique=True, editable=False)
    cluster = models.ForeignKey(
        Cluster, verbose_name="cụm thi đua", on_delete=models.PROTECT, related_name="events"
    )
    year = models.PositiveSmallIntegerField(
        "năm thi đua", help_text="Năm mà sự kiện sơ kết, tổng kết (có thể khác năm tổ chức)."
    )
    date = models.DateField("ngày tổ chức", help_text="Nhập dd/mm/yyyy.")
    host_unit = models.ForeignKey(
        Unit,
        verbose_name="đơn vị đăng cai",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_events",
    )
    venue = models.CharField("địa điểm", max_length=200, blank=True)
    summary = models.TextField("tóm tắt", blank=True)
    search_text = models.TextField(editable=False, blank=True)

    derived = Derivation(
        lines=("title", "venue"),
        defaults={"title": lambda event: event.default_title()},
        search=("title", "venue"),
        slug=Slug(lambda event: f"{event.title} {event.cluster.name}", fallback="su-kien"),
    )

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = "sự kiện"
        verbose_name_plural = "sự kiện"
        constraints = [year_check("year", "event_year_range")]

    def __str__(self):
        return f"{self.title} – {self.cluster}"

    def get_absolute_url(self):
        # Events live on their cluster's page for their year.
        return f"{self.cluster.get_year_url(self.year)}#{self.anchor}"

    @property
    def anchor(self):
        return f"su-kien-{self.slug}"

    def default_title(self):
        labels = {
            self.Kind.COVENANT: f"Hội nghị ký kết giao ước thi đua năm {self.year}",
            self.Kind.MIDYEAR: f"Hội nghị sơ kết 6 tháng đầu năm {self.year}",
            self.Kind.YEAREND: f"Hội nghị tổng kết năm {self.year}",
            self.Kind.CONGRESS: f"Đại hội năm {self.year}",
        }
        return labels.get(self.kind, f"Sự kiện năm {self.year}")

    def clean(self):
        if self.date and self.year and self.date.year not in (self.year, self.year + 1):
            raise ValidationError(
                {"date": f"Ngày tổ chức phải trong năm {self.year} hoặc đầu năm {self.year + 1}."}
            )


class Participant(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", "Chủ trì"
        GUIDE = "guide", "Dự và chỉ đạo"
        REPORT = "report", "Trình bày báo cáo"
        MODERATE = "moderate", "Điều hành thảo luận"
        SPEAK = "speak", "Phát biểu"
        ATTEND = "attend", "Tham dự"

    event = models.ForeignKey(
        Event, verbose_name="sự kiện", on_delete=models.CASCADE, related_name="participants"
    )
    official = models.ForeignKey(
        Official,
        verbose_name="cán bộ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="participations",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name="đơn vị",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="participations",
    )
    role = models.CharField("vai trò", max_length=10, choices=Role, default=Role.ATTEND)
    text_as_written = models.CharField(
        "nguyên văn",
        max_length=300,
        blank=True,
        help_text="Như bài viết ghi, ví dụ: Đồng chí Đại tá Hồ Văn Tứ, PGĐ Công an tỉnh Nghệ An. "
        "Chỉ dùng nội bộ; trang công khai tự nêu tên theo chế độ công bố.",
    )
    position = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["event", "position", "pk"]
        verbose_name = "thành phần tham dự"
        verbose_name_plural = "thành phần tham dự"
        constraints = [
            models.CheckConstraint(
                condition=(Q(official__isnull=False) & Q(unit__isnull=True))
                | (Q(official__isnull=True) & Q(unit__isnull=False)),
                name="participant_official_xor_unit",
                violation_error_message="Chọn một cán bộ hoặc một đơn vị (đúng một trong hai).",
            )
        ]

    def __str__(self):
        who = self.official.full_name if self.official_id else str(self.unit)
        return f"{who} – {self.get_role_display().lower()}"

    @property
    def rank(self):
        """The official's rank on the day of the event."""
        return self.official.rank_on(self.event.date) if self.official_id else None

    @property
    def held_position(self):
        """The official's position on the day of the event."""
        return self.official.position_on(self.event.date) if self.official_id else None
