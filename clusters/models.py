"""Emulation records: units, clusters and their yearly members, officials, events, awards.

Records are history. Every row that can change carries its dates, and the
questions "what was true on this day / in this year" are answered here, so a
2020 article keeps showing 2020's names after a reorganisation.
"""

import datetime
import posixpath
import re
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from newsroom import text

from .numerals import ClusterNumberField

MIN_YEAR = 1945
MAX_YEAR = 2100


def _year_bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)


def _year_check(field, name):
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": MIN_YEAR, f"{field}__lte": MAX_YEAR}),
        name=name,
        violation_error_message=f"Năm phải trong khoảng {MIN_YEAR}–{MAX_YEAR}.",
    )


def _period_text(start, end):
    if end is None:
        return f"từ {start:%d/%m/%Y}"
    return f"từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}"


# --- Units -----------------------------------------------------------------------


class UnitQuerySet(models.QuerySet):
    def valid_on(self, day):
        """Units that legally existed on day (start inclusive, end exclusive)."""
        return self.filter(valid_from__lte=day).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=day)
        )

    def valid_in_year(self, year):
        """Units that existed on at least one day of year."""
        first, after = _year_bounds(year)
        return self.filter(valid_from__lt=after).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=first)
        )

    def matching(self, name):
        """Units called name, by official or short name or alias, whatever the tone placement."""
        key = text.tone_normalise(name)
        return self.filter(
            Q(name_key=key) | Q(short_name_key=key) | Q(aliases__name_key=key)
        ).distinct()


class Unit(models.Model):
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

    def save(self, *args, **kwargs):
        self.name = text.clean_line(self.name)
        self.short_name = text.clean_line(self.short_name)
        self.locality = text.clean_line(self.locality)
        self.name_key = text.tone_normalise(self.name)
        self.short_name_key = text.tone_normalise(self.short_name)
        self.search_text = text.search_document(self.name, self.short_name, self.locality)
        self.sort_name = text.collation_key(self.name)
        if not self.slug:
            self.slug = self._new_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("clusters:unit", kwargs={"slug": self.slug})

    def _new_slug(self):
        others = Unit.objects.exclude(pk=self.pk)
        # A new legal unit often reuses its predecessor's name (the merged
        # Quảng Trị); its founding year tells the two apart better than "-2".
        if self.valid_from and others.filter(slug=text.slugify(self.name)).exists():
            return text.unique_slug(
                f"{self.name} {self.valid_from.year}", others, fallback="don-vi"
            )
        return text.unique_slug(self.name, others, fallback="don-vi")

    @property
    def period_text(self):
        return _period_text(self.valid_from, self.valid_to)

    def is_valid_on(self, day):
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)

    def existed_in_year(self, year):
        first, after = _year_bounds(year)
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


class UnitAlias(models.Model):
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

    def save(self, *args, **kwargs):
        self.name = text.clean_line(self.name)
        self.name_key = text.tone_normalise(self.name)
        self.search_text = text.search_document(self.name)
        super().save(*args, **kwargs)

    def validate_constraints(self, exclude=None):
        # name_key is derived in save(); derive it first so a duplicate typed
        # with another tone placement is caught as a form error, not a crash.
        self.name_key = text.tone_normalise(text.clean_line(self.name))
        super().validate_constraints(exclude=exclude)


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


# --- Blocks, clusters and their years ------------------------------------------------


class EmulationBlock(models.Model):
    name = models.CharField(
        "tên khối thi đua",
        max_length=200,
        unique=True,
        help_text="Ví dụ: Khối Công an các địa phương.",
    )
    short_name = models.CharField("tên ngắn", max_length=50, blank=True)
    position = models.PositiveSmallIntegerField(
        "thứ tự", default=0, help_text="Số nhỏ đứng trước trên trang công khai."
    )
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "khối thi đua"
        verbose_name_plural = "khối thi đua"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = text.clean_line(self.name)
        self.short_name = text.clean_line(self.short_name)
        self.search_text = text.search_document(self.name, self.short_name)
        super().save(*args, **kwargs)


class ClusterQuerySet(models.QuerySet):
    def with_latest_seats(self, year):
        """Clusters with ``known_years``: their years up to year, latest first, each
        carrying its leader and deputy (``seat_holders``). Three queries in all."""
        years = (
            ClusterYear.objects.filter(year__lte=year)
            .order_by("-year")
            .prefetch_related(
                models.Prefetch(
                    "memberships",
                    queryset=Membership.objects.leading().select_related("unit"),
                    to_attr="seat_holders",
                )
            )
        )
        return self.select_related("block").prefetch_related(
            models.Prefetch("years", queryset=years, to_attr="known_years")
        )


class Cluster(models.Model):
    block = models.ForeignKey(
        EmulationBlock,
        verbose_name="khối thi đua",
        on_delete=models.PROTECT,
        related_name="clusters",
    )
    number = ClusterNumberField(
        "số cụm",
        help_text="Số của cụm trong khối; nhận cả số La Mã, ví dụ «II» hoặc «số II» là 2.",
    )
    name = models.CharField(
        "tên cụm",
        max_length=200,
        blank=True,
        help_text="Để trống để dùng «Cụm thi đua số N».",
    )
    slug = models.SlugField("đường dẫn", max_length=200, unique=True, editable=False)
    description = models.TextField("giới thiệu", blank=True)
    search_text = models.TextField(editable=False, blank=True)

    objects = ClusterQuerySet.as_manager()

    class Meta:
        ordering = ["block__position", "number"]
        verbose_name = "cụm thi đua"
        verbose_name_plural = "cụm thi đua"
        constraints = [
            models.UniqueConstraint(
                fields=["block", "number"],
                name="cluster_number_unique_in_block",
                violation_error_message="Khối thi đua này đã có cụm mang số này.",
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="cluster_number_positive",
                violation_error_message="Số cụm phải từ 1 trở lên.",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = text.clean_line(self.name) or f"Cụm thi đua số {self.number}"
        self.search_text = text.search_document(self.name, f"cụm {self.number}")
        if not self.slug:
            self.slug = self._new_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("clusters:cluster", kwargs={"slug": self.slug})

    def _new_slug(self):
        others = Cluster.objects.exclude(pk=self.pk)
        # Numbers repeat across blocks: "Cụm thi đua số 5" of another block
        # takes its block's short name rather than a bare "-2".
        if others.filter(slug=text.slugify(self.name)).exists():
            source = f"{self.name} {self.block.short_name or self.block.name}"
            return text.unique_slug(source, others, fallback="cum-thi-dua")
        return text.unique_slug(self.name, others, fallback="cum-thi-dua")

    def get_year_url(self, year):
        return f"{self.get_absolute_url()}?nam={year}"


class ClusterYear(models.Model):
    cluster = models.ForeignKey(
        Cluster, verbose_name="cụm thi đua", on_delete=models.CASCADE, related_name="years"
    )
    year = models.PositiveSmallIntegerField("năm")
    slogan = models.CharField(
        "khẩu hiệu của cụm",
        max_length=300,
        blank=True,
        help_text="Khẩu hiệu hành động riêng của cụm trong năm (nếu có).",
    )
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        ordering = ["cluster", "-year"]
        verbose_name = "năm thi đua của cụm"
        verbose_name_plural = "năm thi đua của cụm"
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "year"],
                name="clusteryear_unique",
                violation_error_message="Cụm này đã có hồ sơ năm này.",
            ),
            _year_check("year", "clusteryear_year_range"),
        ]

    def __str__(self):
        return f"{self.cluster} – năm {self.year}"

    def save(self, *args, **kwargs):
        self.slogan = text.clean_line(self.slogan)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.cluster.get_year_url(self.year)

    def _seat(self, role):
        # with_latest_seats() prefetches only the seats; otherwise use all members.
        holders = getattr(self, "seat_holders", None)
        if holders is None:
            holders = self.memberships.all()
        return next((m.unit for m in holders if m.role == role), None)

    @property
    def leader(self):
        return self._seat(Membership.Role.LEADER)

    @property
    def deputy(self):
        return self._seat(Membership.Role.DEPUTY)


class MembershipQuerySet(models.QuerySet):
    def in_year(self, year):
        return self.filter(cluster_year__year=year)

    def leading(self):
        return self.filter(role__in=[Membership.Role.LEADER, Membership.Role.DEPUTY])


class Membership(models.Model):
    class Role(models.TextChoices):
        LEADER = "leader", "Cụm trưởng"
        DEPUTY = "deputy", "Cụm phó"
        MEMBER = "member", "Thành viên"

    cluster_year = models.ForeignKey(
        ClusterYear,
        verbose_name="năm thi đua của cụm",
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    unit = models.ForeignKey(
        Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(
        "vai trò",
        max_length=10,
        choices=Role,
        default=Role.MEMBER,
        help_text="Vai trò thuộc về đơn vị: mỗi năm một cụm trưởng và một cụm phó.",
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["cluster_year", "pk"]
        verbose_name = "đơn vị thành viên"
        verbose_name_plural = "đơn vị thành viên"
        constraints = [
            models.UniqueConstraint(
                fields=["cluster_year", "unit"],
                name="membership_unit_once_per_cluster_year",
                violation_error_message="Đơn vị này đã có trong cụm năm nay.",
            ),
            models.UniqueConstraint(
                fields=["cluster_year"],
                condition=Q(role="leader"),
                name="membership_one_leader",
                violation_error_message="Mỗi năm, cụm chỉ có một đơn vị cụm trưởng.",
            ),
            models.UniqueConstraint(
                fields=["cluster_year"],
                condition=Q(role="deputy"),
                name="membership_one_deputy",
                violation_error_message="Mỗi năm, cụm chỉ có một đơn vị cụm phó.",
            ),
        ]

    def __str__(self):
        return f"{self.unit} – {self.get_role_display().lower()} ({self.cluster_year})"

    def clean(self):
        cluster_year = self._cluster_year_or_none()
        if self.unit_id is None or cluster_year is None:
            return
        if not self.unit.existed_in_year(cluster_year.year):
            raise ValidationError({"unit": unit_absent_message(self.unit, cluster_year.year)})

    def _cluster_year_or_none(self):
        if Membership.cluster_year.is_cached(self):
            return self.cluster_year
        if self.cluster_year_id:
            return ClusterYear.objects.filter(pk=self.cluster_year_id).first()
        return None


def unit_absent_message(unit, year):
    return (
        f"{unit} không tồn tại trong năm {year} (hiệu lực {unit.period_text}), "
        "nên không thể là thành viên của cụm năm đó."
    )


ROLE_ORDER = {Membership.Role.LEADER: 0, Membership.Role.DEPUTY: 1, Membership.Role.MEMBER: 2}


def sorted_memberships(memberships):
    """Leader, deputy, then members in Vietnamese order of their unit's name."""
    return sorted(memberships, key=lambda m: (ROLE_ORDER[m.role], text.sort_key(m.unit.name)))


# --- Movements -------------------------------------------------------------------


class Movement(models.Model):
    name = models.CharField(
        "tên phong trào",
        max_length=200,
        unique=True,
        help_text="Ví dụ: Vì an ninh Tổ quốc.",
    )
    description = models.TextField("giới thiệu", blank=True)
    # Vietnamese alphabetical order in SQL (newsroom.text.collation_key).
    sort_name = models.CharField(max_length=255, editable=False, blank=True, db_index=True)

    class Meta:
        ordering = ["sort_name"]
        verbose_name = "phong trào thi đua"
        verbose_name_plural = "phong trào thi đua"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = text.clean_line(self.name)
        self.sort_name = text.collation_key(self.name)
        super().save(*args, **kwargs)


class MovementYear(models.Model):
    movement = models.ForeignKey(
        Movement, verbose_name="phong trào", on_delete=models.CASCADE, related_name="years"
    )
    year = models.PositiveSmallIntegerField("năm")
    slogan = models.CharField(
        "khẩu hiệu hành động",
        max_length=300,
        help_text="Ví dụ: Chủ động, nêu gương, kỷ cương, trách nhiệm, hiệu quả.",
    )

    class Meta:
        ordering = ["movement", "-year"]
        verbose_name = "khẩu hiệu năm"
        verbose_name_plural = "khẩu hiệu năm"
        constraints = [
            models.UniqueConstraint(
                fields=["movement", "year"],
                name="movementyear_unique",
                violation_error_message="Phong trào đã có khẩu hiệu năm này.",
            ),
            _year_check("year", "movementyear_year_range"),
        ]

    def __str__(self):
        return f"{self.movement} – năm {self.year}"

    def save(self, *args, **kwargs):
        self.slogan = text.clean_line(self.slogan)
        super().save(*args, **kwargs)


# --- Officials, ranks and positions ---------------------------------------------------


def rank_key(name):
    """Look-up form of a rank: "Đại uý" = "Đại úy", "Thượng sỹ" = "Thượng sĩ"."""
    return " ".join("sĩ" if word == "sỹ" else word for word in text.tone_normalise(name).split())


class RankQuerySet(models.QuerySet):
    def named(self, name):
        """The rank written as name in any accepted spelling, or None."""
        return self.filter(name_key=rank_key(name)).first()


class Rank(models.Model):
    class Tier(models.TextChoices):
        PRIVATE = "private", "Chiến sĩ nghĩa vụ"
        NCO = "nco", "Hạ sĩ quan"
        JUNIOR = "junior", "Cấp úy"
        FIELD = "field", "Cấp tá"
        GENERAL = "general", "Cấp tướng"

    name = models.CharField("tên cấp bậc", max_length=50, unique=True)
    order = models.PositiveSmallIntegerField(
        "thứ bậc", unique=True, help_text="1 là Binh nhì, 17 là Đại tướng."
    )
    tier = models.CharField("nhóm", max_length=10, choices=Tier)
    name_key = models.CharField(max_length=50, editable=False, unique=True)
    search_text = models.TextField(editable=False, blank=True)

    objects = RankQuerySet.as_manager()

    class Meta:
        ordering = ["order"]
        verbose_name = "cấp bậc hàm"
        verbose_name_plural = "cấp bậc hàm"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = text.clean_line(self.name)
        self.name_key = rank_key(self.name)
        # "sỹ" is a common spelling of "sĩ": fold both into the search text.
        self.search_text = text.search_document(self.name, self.name.replace("sĩ", "sỹ"))
        super().save(*args, **kwargs)


class PositionTitle(models.Model):
    name = models.CharField("chức vụ", max_length=100, unique=True)
    abbreviation = models.CharField(
        "viết tắt", max_length=20, blank=True, help_text="Ví dụ: PGĐ cho Phó Giám đốc."
    )
    order = models.PositiveSmallIntegerField(
        "thứ tự", default=100, help_text="Số nhỏ đứng trước trong danh sách cán bộ."
    )
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "chức vụ"
        verbose_name_plural = "chức vụ"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = text.clean_line(self.name)
        self.abbreviation = text.clean_line(self.abbreviation)
        self.search_text = text.search_document(self.name, self.abbreviation)
        super().save(*args, **kwargs)


def portrait_path(official, filename):
    """can-bo/<year>/<random>.<ext>: the uploaded name (often the person's) is not kept,
    since media files are served to anyone who guesses their address."""
    extension = posixpath.splitext(filename)[1].lower().lstrip(".")
    extension = {"jpeg": "jpg"}.get(extension, extension)
    suffix = f".{extension}" if extension.isalnum() else ""
    return f"can-bo/{timezone.localdate():%Y}/{uuid.uuid4().hex}{suffix}"


class OfficialQuerySet(models.QuerySet):
    def public(self):
        """Officials who may have a public page (named in full or by initials)."""
        return self.exclude(disclosure=Official.Disclosure.WITHHELD)


class Official(models.Model):
    class Disclosure(models.TextChoices):
        PUBLIC = "public", "Công khai họ tên"
        INITIALS = "initials", "Chỉ nêu chữ cái đầu"
        WITHHELD = "withheld", "Không công bố"

    full_name = models.CharField("họ và tên", max_length=120)
    family_name = models.CharField(
        "họ", max_length=40, blank=True, help_text="Để trống để tự tách từ họ và tên."
    )
    middle_name = models.CharField(
        "tên đệm", max_length=60, blank=True, help_text="Để trống để tự tách từ họ và tên."
    )
    given_name = models.CharField(
        "tên",
        max_length=40,
        blank=True,
        help_text="Danh sách xếp theo tên, rồi tên đệm, rồi họ. Để trống để tự tách.",
    )
    slug = models.SlugField("đường dẫn", max_length=200, unique=True, editable=False)
    photo = models.ImageField("ảnh chân dung", upload_to=portrait_path, blank=True)
    disclosure = models.CharField(
        "công bố danh tính",
        max_length=10,
        choices=Disclosure,
        default=Disclosure.PUBLIC,
        help_text="«Chỉ nêu chữ cái đầu»: trang công khai chỉ hiện tên viết tắt, không ảnh. "
        "«Không công bố»: không có trang công khai, không nêu tên ở bất cứ đâu.",
    )
    note = models.TextField("ghi chú nội bộ", blank=True, help_text="Không hiện công khai.")
    search_text = models.TextField(editable=False, blank=True)
    # Directory order: given name, then middle, then family (newsroom.text).
    sort_name = models.CharField(max_length=255, editable=False, blank=True, db_index=True)

    objects = OfficialQuerySet.as_manager()

    class Meta:
        ordering = ["sort_name", "pk"]
        verbose_name = "cán bộ"
        verbose_name_plural = "cán bộ"

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.full_name = text.clean_line(self.full_name)
        self.fill_name_parts()
        self.search_text = text.search_document(self.full_name)
        self.sort_name = text.name_collation_key(
            self.family_name, self.middle_name, self.given_name
        )
        base = text.slugify(self.slug_source) or "can-bo"
        # The slug follows disclosure, so a hidden name never stays in a URL.
        if not re.fullmatch(rf"{re.escape(base)}(-\d+)?", self.slug or ""):
            self.slug = text.unique_slug(
                base, Official.objects.exclude(pk=self.pk), fallback="can-bo"
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("clusters:official", kwargs={"slug": self.slug})

    def fill_name_parts(self):
        """Suggest family / middle / given name from the full name where they are blank."""
        family, middle, given = text.split_name(self.full_name)
        if not (self.family_name or self.middle_name or self.given_name):
            self.family_name, self.middle_name, self.given_name = family, middle, given
        self.family_name = text.clean_line(self.family_name)
        self.middle_name = text.clean_line(self.middle_name)
        self.given_name = text.clean_line(self.given_name) or given

    @property
    def initials(self):
        words = " ".join([self.family_name, self.middle_name, self.given_name]).split()
        return "".join(f"{word[0].upper()}." for word in words)

    @property
    def is_public(self):
        return self.disclosure == self.Disclosure.PUBLIC

    @property
    def has_public_page(self):
        return self.disclosure != self.Disclosure.WITHHELD

    @property
    def public_name(self):
        """The name every public page shows, honouring disclosure."""
        if self.disclosure == self.Disclosure.PUBLIC:
            return self.full_name
        if self.disclosure == self.Disclosure.INITIALS:
            return self.initials
        return "Cán bộ (không công bố danh tính)"

    @property
    def slug_source(self):
        if self.disclosure == self.Disclosure.PUBLIC:
            return self.full_name
        if self.disclosure == self.Disclosure.INITIALS:
            return self.initials
        return "can-bo"

    @property
    def public_photo(self):
        return self.photo if self.is_public and self.photo else None

    @property
    def name_sort_key(self):
        if not self.is_public:
            return ((), (), (), self.public_name)
        return text.name_sort_key(self.family_name, self.middle_name, self.given_name)

    @property
    def current_rank(self):
        return self.rank_on(timezone.localdate())

    def rank_on(self, day):
        """The rank held on day; uses prefetched rank_assignments when present."""
        held = [a for a in self.rank_assignments.all() if a.since <= day]
        return max(held, key=lambda a: a.since).rank if held else None

    def positions_on(self, day):
        """Positions held on day, the most recent first; uses prefetched positions."""
        held = [p for p in self.positions.all() if p.is_held_on(day)]
        return sorted(held, key=lambda p: (p.title.order, -p.start.toordinal()))

    def position_on(self, day):
        positions = self.positions_on(day)
        return positions[0] if positions else None


class RankAssignment(models.Model):
    official = models.ForeignKey(
        Official, verbose_name="cán bộ", on_delete=models.CASCADE, related_name="rank_assignments"
    )
    rank = models.ForeignKey(
        Rank, verbose_name="cấp bậc hàm", on_delete=models.PROTECT, related_name="assignments"
    )
    since = models.DateField(
        "từ ngày", help_text="Ngày quyết định thăng (phong) cấp có hiệu lực. Nhập dd/mm/yyyy."
    )
    decision = models.CharField("quyết định", max_length=200, blank=True)

    class Meta:
        ordering = ["official", "since"]
        verbose_name = "cấp bậc hàm đã mang"
        verbose_name_plural = "quá trình cấp bậc hàm"
        constraints = [
            models.UniqueConstraint(
                fields=["official", "since"],
                name="rankassignment_one_per_day",
                violation_error_message="Cán bộ đã có một cấp bậc hàm từ ngày này.",
            )
        ]

    def __str__(self):
        return f"{self.rank} (từ {self.since:%d/%m/%Y})"


class Position(models.Model):
    official = models.ForeignKey(
        Official, verbose_name="cán bộ", on_delete=models.CASCADE, related_name="positions"
    )
    title = models.ForeignKey(
        PositionTitle, verbose_name="chức vụ", on_delete=models.PROTECT, related_name="positions"
    )
    unit = models.ForeignKey(
        Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="positions"
    )
    is_acting = models.BooleanField(
        "quyền", default=False, help_text="Đánh dấu nếu là quyền (ví dụ: Quyền Giám đốc)."
    )
    start = models.DateField("từ ngày", help_text="Nhập dd/mm/yyyy.")
    end = models.DateField(
        "đến ngày",
        null=True,
        blank=True,
        help_text="Ngày thôi giữ chức vụ (không tính ngày này). Để trống nếu đang giữ.",
    )

    class Meta:
        ordering = ["official", "-start"]
        verbose_name = "chức vụ đã giữ"
        verbose_name_plural = "quá trình công tác"
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gt=F("start")),
                name="position_end_after_start",
                violation_error_message="Ngày thôi giữ chức vụ phải sau ngày bắt đầu.",
            ),
            models.UniqueConstraint(
                fields=["official", "title", "unit", "start"],
                name="position_unique",
                violation_error_message="Cán bộ đã có chức vụ này ở đơn vị này từ ngày này.",
            ),
        ]

    def __str__(self):
        return f"{self.title_text} {self.unit}"

    @property
    def title_text(self):
        if self.is_acting:
            return f"Quyền {self.title.name}"
        return self.title.name

    @property
    def short_text(self):
        """As articles write it: "PGĐ Công an tỉnh Nghệ An"."""
        title = self.title.abbreviation or self.title.name
        return f"{'Q.' if self.is_acting else ''}{title} {self.unit.name}"

    @property
    def period_text(self):
        return _period_text(self.start, self.end)

    def is_held_on(self, day):
        return self.start <= day and (self.end is None or day < self.end)


# --- Events ------------------------------------------------------------------------


class Event(models.Model):
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

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = "sự kiện"
        verbose_name_plural = "sự kiện"
        constraints = [_year_check("year", "event_year_range")]

    def __str__(self):
        return f"{self.title} – {self.cluster}"

    def save(self, *args, **kwargs):
        self.title = text.clean_line(self.title) or self.default_title()
        self.venue = text.clean_line(self.venue)
        self.search_text = text.search_document(self.title, self.venue)
        if not self.slug:
            self.slug = text.unique_slug(
                f"{self.title} {self.cluster.name}",
                Event.objects.exclude(pk=self.pk),
                fallback="su-kien",
            )
        super().save(*args, **kwargs)

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


# --- Awards ------------------------------------------------------------------------


class Award(models.Model):
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
            _year_check("year", "award_year_range"),
        ]

    def __str__(self):
        return f"{self.display_title} năm {self.year}"

    def save(self, *args, **kwargs):
        self.title = text.clean_line(self.title)
        self.decision_number = text.clean_line(self.decision_number)
        super().save(*args, **kwargs)

    @property
    def display_title(self):
        return self.title or self.get_kind_display()
