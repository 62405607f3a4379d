"""Units, their other names, and their successions (rename, upgrade, merge, split, dissolve)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from newsroom import text
from newsroom.derived import Derivation, DerivedFields, Slug

from .common import format_period, year_bounds


class UnitQuerySet(models.QuerySet):
    def valid_on(self, day):
        """Units that legally existed on day (start inclusive, end exclusive)."""
        return self.filter(valid_from__lte=day).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=day)
        )

    def valid_in_year(self, year):
        """Units that existed on at least one day of year."""
        first, after = year_bounds(year)
        return self.filter(valid_from__lt=after).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=first)
        )

    def matching(self, name):
        """Units called name, by official or short name or alias, whatever the tone placement."""
        key = text.tone_normalise(name)
        return self.filter(
            Q(name_key=key) | Q(short_name_key=key) | Q(aliases__name_key=key)
        ).distinct()


class Unit(DerivedFields):
    class Kind(models.TextChoices):
        MINISTRY = "ministry", "Bộ Công an"
        DEPARTMENT = "department", "Đơn vị thuộc Bộ"
        PROVINCIAL = "provincial", "Công an tỉnh, thành phố"
        COMMUNE = "commune", "Công an xã, phường, đặc khu"
        OTHER = "other", "Khác"

    name = models.CharField(
        "tên chính thức",
        max_length=200,
        help_text="Tên đúng như văn bản thành lập, ví dụ: Công an tỉnh Nghệ An.",
    )
    short_name = models.CharField(
        "tên ngắn", max_length=100, blank=True, help_text="Ví dụ: CA Nghệ An."
    )
    slug = models.SlugField("đường dẫn", max_length=200, unique=True, editable=False)
    kind = models.CharField("loại đơn vị", max_length=20, choices=Kind, default=Kind.PROVINCIAL)
    parent = models.ForeignKey(
        "self",
        verbose_name="đơn vị cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    locality = models.CharField(
        "địa bàn", max_length=200, blank=True, help_text="Tỉnh, thành phố hoặc xã, phường."
    )
    valid_from = models.DateField(
        "hiệu lực từ ngày",
        help_text="Ngày đơn vị bắt đầu tồn tại (tính cả ngày này). Nhập dd/mm/yyyy.",
    )
    valid_to = models.DateField(
        "hết hiệu lực từ ngày",
        null=True,
        blank=True,
        help_text="Ngày đơn vị không còn tồn tại (không tính ngày này, thường là ngày "
        "đơn vị kế tục bắt đầu). Để trống nếu còn hoạt động.",
    )
    name_key = models.CharField(max_length=200, editable=False, db_index=True)
    short_name_key = models.CharField(max_length=100, editable=False, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    # Vietnamese alphabetical order in SQL (newsroom.text.collation_key).
    sort_name = models.CharField(max_length=255, editable=False, blank=True, db_index=True)

    objects = UnitQuerySet.as_manager()
    derived = Derivation(
        lines=("name", "short_name", "locality"),
        keys={"name_key": "name", "short_name_key": "short_name"},
        sort_key="name",
        search=("name", "short_name", "locality"),
        # A new legal unit often reuses its predecessor's name (the merged Quảng Trị):
        # its founding year tells the two apart better than "-2".
        slug=Slug(
            "name",
            fallback="don-vi",
            when_taken=lambda unit: (
                f"{unit.name} {unit.valid_from.year}" if unit.valid_from else ""
            ),
        ),
    )

    class Meta:
        ordering = ["sort_name", "valid_from"]
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=F("valid_from")),
                name="unit_valid_to_after_valid_from",
                violation_error_message="Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.",
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="unit_not_own_parent",
                violation_error_message="Đơn vị không thể là cấp trên của chính nó.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("clusters:unit", kwargs={"slug": self.slug})

    @property
    def period_text(self):
        return format_period(self.valid_from, self.valid_to)

    def is_valid_on(self, day):
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)

    def existed_in_year(self, year):
        first, after = year_bounds(year)
        return self.valid_from < after and (self.valid_to is None or self.valid_to > first)

    def successors_on(self, day):
        """The units that carried this one on at day: itself while valid, else its successors.

        Empty before the unit existed and after it was dissolved.
        """
        if day < self.valid_from:
            return []
        if self.is_valid_on(day):
            return [self]
        found = []
        for link in self.successor_links.all():
            if link.successor_id and link.effective_date <= day:
                for unit in link.successor.successors_on(day):
                    if unit not in found:
                        found.append(unit)
        return found

    def successor_on(self, day):
        """The one unit carrying this one on at day, or None (not yet, dissolved, or split)."""
        units = self.successors_on(day)
        return units[0] if len(units) == 1 else None

    def name_on(self, day):
        """The name this unit's line carried on day: earlier names through renames and upgrades."""
        if day >= self.valid_from:
            unit = self.successor_on(day)
            return unit.name if unit else ""
        links = [
            link
            for link in self.predecessor_links.all()
            if link.kind in (Succession.Kind.RENAME, Succession.Kind.UPGRADE)
        ]
        if len(links) == 1:
            return links[0].predecessor.name_on(day)
        return ""


class UnitAlias(DerivedFields):
    unit = models.ForeignKey(
        Unit, verbose_name="đơn vị", on_delete=models.CASCADE, related_name="aliases"
    )
    name = models.CharField(
        "tên gọi khác",
        max_length=200,
        help_text="Cách viết khác gặp trong tin bài, ví dụ: Công an Thanh Hoá, CA Thanh Hóa.",
    )
    name_key = models.CharField(max_length=200, editable=False, db_index=True)
    search_text = models.TextField(editable=False, blank=True)

    derived = Derivation(lines=("name",), keys={"name_key": "name"}, search=("name",))

    class Meta:
        ordering = ["name"]
        verbose_name = "tên gọi khác"
        verbose_name_plural = "tên gọi khác"
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "name_key"],
                name="unitalias_unique_per_unit",
                violation_error_message="Đơn vị đã có tên gọi khác này (kể cả khi chỉ khác "
                "vị trí dấu thanh).",
            )
        ]

    def __str__(self):
        return self.name


class Succession(models.Model):
    class Kind(models.TextChoices):
        RENAME = "rename", "Đổi tên"
        UPGRADE = "upgrade", "Nâng cấp"
        MERGE = "merge", "Hợp nhất, sáp nhập"
        SPLIT = "split", "Chia tách"
        DISSOLVE = "dissolve", "Giải thể"

    predecessor = models.ForeignKey(
        Unit,
        verbose_name="đơn vị cũ",
        on_delete=models.CASCADE,
        related_name="successor_links",
    )
    successor = models.ForeignKey(
        Unit,
        verbose_name="đơn vị kế tục",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="predecessor_links",
        help_text="Để trống khi giải thể.",
    )
    kind = models.CharField("hình thức", max_length=20, choices=Kind)
    effective_date = models.DateField(
        "ngày hiệu lực", help_text="Ngày đơn vị kế tục bắt đầu. Nhập dd/mm/yyyy."
    )
    legal_basis = models.CharField(
        "căn cứ pháp lý",
        max_length=300,
        blank=True,
        help_text="Số, ngày và cơ quan ban hành văn bản (nghị quyết, quyết định).",
    )

    class Meta:
        ordering = ["effective_date", "pk"]
        verbose_name = "kế tục"
        verbose_name_plural = "kế tục"
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"],
                name="succession_unique_pair",
                violation_error_message="Quan hệ kế tục giữa hai đơn vị này đã có.",
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=F("successor")),
                name="succession_not_self",
                violation_error_message="Đơn vị không thể kế tục chính nó.",
            ),
            models.CheckConstraint(
                condition=(Q(kind="dissolve") & Q(successor__isnull=True))
                | (~Q(kind="dissolve") & Q(successor__isnull=False)),
                name="succession_successor_unless_dissolved",
                violation_error_message="Giải thể thì không có đơn vị kế tục; các hình thức "
                "khác phải chọn đơn vị kế tục.",
            ),
        ]

    def __str__(self):
        if self.successor_id is None:
            return f"{self.predecessor} giải thể ({self.effective_date:%d/%m/%Y})"
        return (
            f"{self.predecessor} → {self.successor} "
            f"({self.get_kind_display().lower()}, {self.effective_date:%d/%m/%Y})"
        )

    def clean(self):
        errors = {}
        if self.predecessor_id and self.effective_date:
            ends = self.predecessor.valid_to
            if ends is not None and ends != self.effective_date:
                errors["effective_date"] = (
                    f"{self.predecessor} hết hiệu lực từ {ends:%d/%m/%Y}; ngày kế tục phải "
                    "trùng ngày đó."
                )
        if self.successor_id and self.effective_date:
            starts = self.successor.valid_from
            if starts != self.effective_date:
                errors["successor"] = (
                    f"{self.successor} bắt đầu hiệu lực từ {starts:%d/%m/%Y}, không khớp "
                    "ngày kế tục."
                )
        if errors:
            raise ValidationError(errors)
