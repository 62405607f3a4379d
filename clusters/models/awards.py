"""Awards to a unit or an official: proposed or conferred, with the decision."""

from django.db import models
from django.db.models import Q

from newsroom.derived import Derivation, DerivedFields

from .common import year_check
from .people import Official
from .units import Unit


class Award(DerivedFields):
    class Kind(models.TextChoices):
        MINISTRY_FLAG = "ministry_flag", "Cờ thi đua của Bộ Công an"
        GOVERNMENT_FLAG = "government_flag", "Cờ thi đua của Chính phủ"
        MINISTER_MERIT = "minister_merit", "Bằng khen của Bộ trưởng Bộ Công an"
        PM_MERIT = "pm_merit", "Bằng khen của Thủ tướng Chính phủ"
        EMULATION_SOLDIER = "emulation_soldier", "Chiến sĩ thi đua"
        ORDER = "order", "Huân chương"
        OTHER = "other", "Khác"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Đề nghị"
        CONFERRED = "conferred", "Đã trao tặng"

    kind = models.CharField("hình thức khen thưởng", max_length=20, choices=Kind)
    title = models.CharField(
        "tên danh hiệu",
        max_length=200,
        blank=True,
        help_text="Ghi rõ khi chọn «Khác» hoặc cần nêu hạng, ví dụ: Huân chương Bảo vệ Tổ quốc "
        "hạng Ba.",
    )
    year = models.PositiveSmallIntegerField("năm")
    unit = models.ForeignKey(
        Unit,
        verbose_name="đơn vị được khen",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
    )
    official = models.ForeignKey(
        Official,
        verbose_name="cán bộ được khen",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
    )
    status = models.CharField("tình trạng", max_length=10, choices=Status, default=Status.PROPOSED)
    decision_number = models.CharField("số quyết định", max_length=100, blank=True)
    decision_date = models.DateField("ngày quyết định", null=True, blank=True)

    derived = Derivation(lines=("title", "decision_number"))

    class Meta:
        ordering = ["-year", "kind"]
        verbose_name = "khen thưởng"
        verbose_name_plural = "khen thưởng"
        constraints = [
            models.CheckConstraint(
                condition=(Q(unit__isnull=False) & Q(official__isnull=True))
                | (Q(unit__isnull=True) & Q(official__isnull=False)),
                name="award_unit_xor_official",
                violation_error_message="Khen thưởng cho một đơn vị hoặc một cán bộ (đúng một "
                "trong hai).",
            ),
            models.CheckConstraint(
                condition=Q(status="proposed")
                | (~Q(decision_number="") & Q(decision_date__isnull=False)),
                name="award_conferred_has_decision",
                violation_error_message="Đã trao tặng thì phải có số và ngày quyết định.",
            ),
            models.CheckConstraint(
                condition=~Q(kind="other") | ~Q(title=""),
                name="award_other_has_title",
                violation_error_message="Hình thức «Khác» phải ghi tên danh hiệu.",
            ),
            year_check("year", "award_year_range"),
        ]

    def __str__(self):
        return f"{self.display_title} năm {self.year}"

    @property
    def display_title(self):
        return self.title or self.get_kind_display()
