"""Officials, their ranks and positions, and the ranks and position titles themselves."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from newsroom import text
from newsroom.derived import Derivation, DerivedFields, Slug

from .common import format_period
from .units import Unit


def rank_key(name):
    """Look-up form of a rank: "Đại uý" = "Đại úy", "Thượng sỹ" = "Thượng sĩ"."""
    return " ".join("sĩ" if word == "sỹ" else word for word in text.tone_normalise(name).split())


class RankQuerySet(models.QuerySet):
    def named(self, name):
        """The rank written as name in any accepted spelling, or None."""
        return self.filter(name_key=rank_key(name)).first()


class Rank(DerivedFields):
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
    # "sỹ" is a common spelling of "sĩ": both are in the search text.
    derived = Derivation(
        lines=("name",),
        keys={"name_key": lambda rank: rank_key(rank.name)},
        search=("name", lambda rank: rank.name.replace("sĩ", "sỹ")),
    )

    class Meta:
        ordering = ["order"]
        verbose_name = "cấp bậc hàm"
        verbose_name_plural = "cấp bậc hàm"

    def __str__(self):
        return self.name


class PositionTitle(DerivedFields):
    name = models.CharField("chức vụ", max_length=100, unique=True)
    abbreviation = models.CharField(
        "viết tắt", max_length=20, blank=True, help_text="Ví dụ: PGĐ cho Phó Giám đốc."
    )
    order = models.PositiveSmallIntegerField(
        "thứ tự", default=100, help_text="Số nhỏ đứng trước trong danh sách cán bộ."
    )
    search_text = models.TextField(editable=False, blank=True)

    derived = Derivation(lines=("name", "abbreviation"), search=("name", "abbreviation"))

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "chức vụ"
        verbose_name_plural = "chức vụ"

    def __str__(self):
        return self.name


class Disclosure(models.TextChoices):
    """How far the public may know an official: the one disclosure rule.

    Every public path asks these (model properties, querysets, templates through them,
    search, related lists, sitemaps): never the setting's value directly.
    """

    PUBLIC = "public", "Công khai họ tên"
    INITIALS = "initials", "Chỉ nêu chữ cái đầu"
    WITHHELD = "withheld", "Không công bố"

    @property
    def shows_page(self):
        """A public page, links to it, a mention in articles and records."""
        return self is not Disclosure.WITHHELD

    @property
    def shows_full_name(self):
        """The full name (so also search by it) and the portrait."""
        return self is Disclosure.PUBLIC

    def public_name(self, full_name, initials):
        if self.shows_full_name:
            return full_name
        if self.shows_page:
            return initials
        return WITHHELD_NAME

    @classmethod
    def with_page(cls):
        return [disclosure for disclosure in cls if disclosure.shows_page]

    @classmethod
    def with_full_name(cls):
        return [disclosure for disclosure in cls if disclosure.shows_full_name]


WITHHELD_NAME = "Cán bộ (không công bố danh tính)"


def shown_in_public(official="official"):
    """Rows whose official (at ``official``, a relation) may appear in public; rows with
    no official at all (a unit taking part) pass."""
    return Q(**{f"{official}__isnull": True}) | Q(
        **{f"{official}__disclosure__in": Disclosure.with_page()}
    )


class OfficialQuerySet(models.QuerySet):
    def public(self):
        """Officials who may have a public page (named in full or by initials)."""
        return self.filter(disclosure__in=Disclosure.with_page())

    def named(self):
        """Officials whose full name is public: the only ones found by their name."""
        return self.filter(disclosure__in=Disclosure.with_full_name())


class Official(DerivedFields):
    Disclosure = Disclosure

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
    portrait = models.ForeignKey(
        "photos.Photo",
        verbose_name="ảnh chân dung",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="official_portraits",
        help_text="Ảnh trong thư viện ảnh (chọn ảnh có sẵn hoặc tải ảnh mới lên bên dưới). "
        "Chỉ hiện công khai khi cán bộ được công khai họ tên.",
    )
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
    derived = Derivation(
        lines=("full_name",),
        prepare="fill_name_parts",
        sort_key=lambda official: text.name_collation_key(
            official.family_name, official.middle_name, official.given_name
        ),
        search=("full_name",),
        # The slug follows disclosure, so a hidden name never stays in a URL.
        slug=Slug("slug_source", fallback="can-bo", follows=True),
    )

    class Meta:
        ordering = ["sort_name", "pk"]
        verbose_name = "cán bộ"
        verbose_name_plural = "cán bộ"

    def __str__(self):
        return self.full_name

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
        """Named in full in public."""
        return Disclosure(self.disclosure).shows_full_name

    @property
    def has_public_page(self):
        return Disclosure(self.disclosure).shows_page

    @property
    def public_name(self):
        """The name every public page shows, honouring disclosure."""
        return Disclosure(self.disclosure).public_name(self.full_name, self.initials)

    @property
    def slug_source(self):
        return self.public_name if self.has_public_page else "can-bo"

    @property
    def public_portrait(self):
        """The library photo public pages show: only for officials named in full."""
        return self.portrait if self.is_public and self.portrait_id else None

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
        return format_period(self.start, self.end)

    def is_held_on(self, day):
        return self.start <= day and (self.end is None or day < self.end)
