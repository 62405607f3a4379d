"""Emulation blocks, clusters, their years and member units, and emulation movements."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from newsroom import text
from newsroom.derived import Derivation, DerivedFields, Slug

from ..numerals import ClusterNumberField
from .common import year_check
from .units import Unit


class EmulationBlock(DerivedFields):
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

    derived = Derivation(lines=("name", "short_name"), search=("name", "short_name"))

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "khối thi đua"
        verbose_name_plural = "khối thi đua"

    def __str__(self):
        return self.name


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


class Cluster(DerivedFields):
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
    derived = Derivation(
        lines=("name",),
        defaults={"name": lambda cluster: f"Cụm thi đua số {cluster.number}"},
        search=("name", lambda cluster: f"cụm {cluster.number}"),
        # Numbers repeat across blocks: "Cụm thi đua số 5" of another block takes its
        # block's short name rather than a bare "-2".
        slug=Slug(
            "name",
            fallback="cum-thi-dua",
            when_taken=lambda cluster: (
                f"{cluster.name} {cluster.block.short_name or cluster.block.name}"
            ),
        ),
    )

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

    def get_absolute_url(self):
        return reverse("clusters:cluster", kwargs={"slug": self.slug})

    def get_year_url(self, year):
        return f"{self.get_absolute_url()}?nam={year}"


class ClusterYear(DerivedFields):
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

    derived = Derivation(lines=("slogan",))

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
            year_check("year", "clusteryear_year_range"),
        ]

    def __str__(self):
        return f"{self.cluster} – năm {self.year}"

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


class Movement(DerivedFields):
    name = models.CharField(
        "tên phong trào",
        max_length=200,
        unique=True,
        help_text="Ví dụ: Vì an ninh Tổ quốc.",
    )
    description = models.TextField("giới thiệu", blank=True)
    # Vietnamese alphabetical order in SQL (newsroom.text.collation_key).
    sort_name = models.CharField(max_length=255, editable=False, blank=True, db_index=True)

    derived = Derivation(lines=("name",), sort_key="name")

    class Meta:
        ordering = ["sort_name"]
        verbose_name = "phong trào thi đua"
        verbose_name_plural = "phong trào thi đua"

    def __str__(self):
        return self.name


class MovementYear(DerivedFields):
    movement = models.ForeignKey(
        Movement, verbose_name="phong trào", on_delete=models.CASCADE, related_name="years"
    )
    year = models.PositiveSmallIntegerField("năm")
    slogan = models.CharField(
        "khẩu hiệu hành động",
        max_length=300,
        help_text="Ví dụ: Chủ động, nêu gương, kỷ cương, trách nhiệm, hiệu quả.",
    )

    derived = Derivation(lines=("slogan",))

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
            year_check("year", "movementyear_year_range"),
        ]

    def __str__(self):
        return f"{self.movement} – năm {self.year}"
