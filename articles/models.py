from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Func, IntegerField, Prefetch, Q
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone

from newsroom import search, text
from newsroom.derived import Derivation, DerivedFields, Slug

from . import richtext
from .fields import RichTextField


class SectionQuerySet(models.QuerySet):
    def in_menu(self):
        return self.filter(is_in_menu=True, parent__isnull=True).order_by("position", "sort_name")


class Section(DerivedFields):
    name = models.CharField("tên chuyên mục", max_length=120)
    slug = models.SlugField(
        "đường dẫn",
        max_length=140,
        unique=True,
        blank=True,
        help_text="Để trống để hệ thống tự tạo từ tên (không dấu, đ thành d).",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="chuyên mục cha",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    description = models.TextField("giới thiệu", blank=True)
    position = models.PositiveSmallIntegerField(
        "thứ tự", default=0, help_text="Số nhỏ đứng trước trong trình đơn."
    )
    is_in_menu = models.BooleanField("hiện trên trình đơn", default=True)
    # Vietnamese alphabetical order in SQL (newsroom.text.collation_key).
    sort_name = models.CharField(max_length=255, editable=False, blank=True, db_index=True)

    objects = SectionQuerySet.as_manager()
    derived = Derivation(
        lines=("name",), sort_key="name", slug=Slug("name", max_length=140, fallback="chuyen-muc")
    )

    class Meta:
        ordering = ["position", "sort_name"]
        verbose_name = "chuyên mục"
        verbose_name_plural = "chuyên mục"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})


class Tag(DerivedFields):
    name = models.CharField("tên thẻ", max_length=100, unique=True)
    slug = models.SlugField("đường dẫn", max_length=120, unique=True, editable=False)
    search_text = models.TextField(editable=False, blank=True)
    sort_name = models.CharField(max_length=255, editable=False, blank=True, db_index=True)

    derived = Derivation(
        lines=("name",),
        sort_key="name",
        search=("name",),
        slug=Slug("name", max_length=120, fallback="the"),
    )

    class Meta:
        ordering = ["sort_name"]
        verbose_name = "thẻ"
        verbose_name_plural = "thẻ"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})


class Author(DerivedFields):
    """A name printed in bylines; often a pen name, not the account's legal name."""

    name = models.CharField(
        "tên ký bài", max_length=120, help_text="Tên in cuối bài, ví dụ bút danh “Trọng Tuấn”."
    )
    slug = models.SlugField("đường dẫn", max_length=140, unique=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="tài khoản",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author",
        help_text="Tài khoản toà soạn của người ký bài (nếu có).",
    )
    bio = models.TextField("giới thiệu", blank=True)
    search_text = models.TextField(editable=False, blank=True)
    sort_name = models.CharField(max_length=255, editable=False, blank=True, db_index=True)

    derived = Derivation(
        lines=("name",),
        texts=("bio",),
        sort_key="name",
        search=("name",),
        slug=Slug("name", max_length=140, fallback="tac-gia"),
    )

    class Meta:
        ordering = ["sort_name"]
        verbose_name = "tác giả"
        verbose_name_plural = "tác giả"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})


SEARCH_FIELDS = ("search_title", "search_title_toned", "search_all", "search_all_toned")
# Columns a list of articles never shows (``ArticleQuerySet.for_lists``).
LIST_DEFERRED = ("body", *SEARCH_FIELDS)


class VietnamMonth(Func):
    """An instant's month in Vietnam time as a number (2026-11 is 202611).

    Vietnam keeps UTC+7 all year (since 1975), so a fixed offset: the expression is
    immutable and can be indexed (``article_month_lastmod_idx``: the sitemap index reads
    each month's newest change from it). Written without "%", which a query's parameters
    would make a different text from the index's.
    """

    output_field = IntegerField()
    arity = 1

    def as_postgresql(self, compiler, connection, **extra):
        local = "(%(expressions)s AT TIME ZONE INTERVAL '+07:00')"
        template = (
            f"CAST(EXTRACT(YEAR FROM {local}) * 100 + EXTRACT(MONTH FROM {local}) AS integer)"
        )
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        local = "datetime(%(expressions)s, '+7 hours')"
        template = f"CAST(substr({local}, 1, 4) || substr({local}, 6, 2) AS INTEGER)"
        return self.as_sql(compiler, connection, template=template, **extra)


# ``Article.last_modified`` in SQL (SQLite's MAX() of a NULL is NULL, hence the COALESCE).
LAST_MODIFIED = Greatest("published_at", Coalesce("modified_at", "published_at"))


def public_window(now, prefix=""):
    """Published by ``now`` and not yet expired: the time half of ``published()``, also
    asked of the tag and byline lists' rows (``prefix`` reaches them: "tag_listings__")."""
    return Q(**{f"{prefix}published_at__lte": now}) & (
        Q(**{f"{prefix}expires_at__isnull": True}) | Q(**{f"{prefix}expires_at__gt": now})
    )


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """The one definition of what the public may see."""
        now = now or timezone.now()
        return self.filter(public_window(now), status=Article.Status.PUBLISHED)

    def scheduled(self, now=None):
        """Approved for publication at a time still to come (``is_scheduled`` agrees)."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=now or timezone.now())

    def expired(self, now=None):
        """Published once, now past their expiry (``is_expired`` agrees)."""
        return self.filter(status=Article.Status.PUBLISHED, expires_at__lte=now or timezone.now())

    def for_lists(self):
        """Newest first, with section and cover; without the body and the search
        documents, which no list shows (three quarters of a row's bytes)."""
        return (
            self.select_related("section", "cover")
            .defer(*LIST_DEFERRED)
            .order_by("-published_at", "-pk")
        )

    def for_page(self):
        """The article page's row: with its section (and parent) and cover, in one query."""
        return self.select_related("section__parent", "cover")

    def with_details(self):
        """Everything the article page shows, in a fixed number of queries."""
        return self.for_page().prefetch_related(*self.detail_prefetches())

    @staticmethod
    def detail_prefetches():
        from clusters.models import Cluster, Event, Official, Unit

        return [
            Prefetch("authorships", queryset=Authorship.objects.select_related("author")),
            "tags",
            Prefetch("units", queryset=Unit.objects.order_by("sort_name")),
            Prefetch("clusters", queryset=Cluster.objects.order_by("name")),
            Prefetch("events", queryset=Event.objects.select_related("cluster")),
            # Withheld officials are never named in public, not even as a link.
            Prefetch("officials", queryset=Official.objects.public(), to_attr="public_officials"),
            "corrections",
        ]

    def refresh_search_documents(self):
        """Re-derive the search documents of these articles, e.g. after their bylines changed."""
        articles = list(
            self.order_by().prefetch_related(
                Prefetch("authorships", queryset=Authorship.objects.select_related("author"))
            )
        )
        for article in articles:
            article.fill_search_documents([a.author.name for a in article.authorships.all()])
        # bulk_update writes only these columns: no version bump, no new updated_at.
        Article.objects.bulk_update(articles, SEARCH_FIELDS, batch_size=500)

    def owned_by(self, user):
        """Articles the user created or signs."""
        signed = Authorship.objects.filter(author__user=user).values("article_id")
        return self.filter(Q(created_by=user) | Q(pk__in=signed))


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Bản nháp"
        REVIEW = "review", "Chờ duyệt"
        PUBLISHED = "published", "Đã duyệt đăng"
        UNPUBLISHED = "unpublished", "Đã gỡ"

    title = models.CharField("tiêu đề", max_length=300)
    slug = models.SlugField(
        "đường dẫn",
        max_length=200,
        unique=True,
        blank=True,
        help_text="Để trống để hệ thống tự tạo từ tiêu đề. Đổi đường dẫn của bài đã đăng thì "
        "đường dẫn cũ vẫn chuyển về bài.",
    )
    lead = models.TextField(
        "sapo", blank=True, help_text="Đoạn mở đầu in đậm dưới tiêu đề, vài câu tóm ý chính."
    )
    body = RichTextField("nội dung", config_name="newsroom", blank=True)
    # --- photos ---
    cover = models.ForeignKey(
        "photos.Photo",
        verbose_name="ảnh đại diện",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cover_articles",
        help_text="Ảnh đầu bài, cũng dùng khi chia sẻ lên mạng xã hội.",
    )
    section = models.ForeignKey(
        Section,
        verbose_name="chuyên mục",
        on_delete=models.PROTECT,
        related_name="articles",
    )
    tags = models.ManyToManyField(Tag, verbose_name="thẻ", blank=True, related_name="articles")
    authors = models.ManyToManyField(
        Author, through="Authorship", verbose_name="tác giả", related_name="articles"
    )
    units = models.ManyToManyField(
        "clusters.Unit",
        verbose_name="đơn vị liên quan",
        blank=True,
        related_name="articles",
        help_text="Bài hiện trong mục “Tin liên quan” trên trang của từng đơn vị chọn ở đây.",
    )
    clusters = models.ManyToManyField(
        "clusters.Cluster",
        verbose_name="cụm thi đua liên quan",
        blank=True,
        related_name="articles",
    )
    officials = models.ManyToManyField(
        "clusters.Official",
        verbose_name="cán bộ liên quan",
        blank=True,
        related_name="articles",
        help_text="Cán bộ “không công bố danh tính” không bao giờ được nêu trên trang công khai.",
    )
    events = models.ManyToManyField(
        "clusters.Event", verbose_name="sự kiện liên quan", blank=True, related_name="articles"
    )
    source = models.CharField(
        "nguồn", max_length=200, blank=True, help_text="Ví dụ: “Theo Báo Công an nhân dân”."
    )
    is_featured = models.BooleanField(
        "tin tiêu điểm", default=False, help_text="Bài tiêu điểm mới nhất đứng đầu trang chủ."
    )
    status = models.CharField(
        "trạng thái", max_length=20, choices=Status, default=Status.DRAFT, editable=False
    )
    published_at = models.DateTimeField(
        "thời điểm đăng",
        null=True,
        blank=True,
        editable=False,
        help_text="Thời điểm ở tương lai nghĩa là bài đã lên lịch.",
    )
    expires_at = models.DateTimeField(
        "hết hạn lúc",
        null=True,
        blank=True,
        help_text="Để trống nếu bài không hết hạn. Sau thời điểm này bài không còn hiện công khai.",
    )
    submitted_at = models.DateTimeField("gửi duyệt lúc", null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người duyệt",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField("duyệt lúc", null=True, blank=True, editable=False)
    review_note = models.TextField("ý kiến biên tập", blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tạo",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người sửa cuối",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)
    # Bumped on every save; a write claims the row at the version its author saw
    # (articles.locking), so no save overwrites one its author never saw.
    version = models.PositiveIntegerField("phiên bản", default=0, editable=False)
    # --- editorial ---
    modified_at = models.DateTimeField(
        "nội dung sửa lúc",
        null=True,
        blank=True,
        editable=False,
        help_text="Lần cuối nội dung bài thay đổi: sửa, khôi phục phiên bản hay đính chính.",
    )
    # --- discovery ---
    # Reader-search documents (newsroom.search): space-padded words, folded or with tone
    # placement made canonical; the title alone, and everything (title, lead, body, bylines).
    search_title = models.TextField(editable=False, blank=True)
    search_title_toned = models.TextField(editable=False, blank=True)
    search_all = models.TextField(editable=False, blank=True)
    search_all_toned = models.TextField(editable=False, blank=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        # Undated drafts last on every database (PostgreSQL would put NULLs first).
        ordering = [models.F("published_at").desc(nulls_last=True), "-created_at"]
        verbose_name = "bài viết"
        verbose_name_plural = "bài viết"
        permissions = [("publish_article", "Được duyệt, lên lịch và gỡ bài")]
        indexes = [
            models.Index(fields=["status", "published_at"], name="article_public_idx"),
            # (article_desk_order_idx, the desk list's order, is made by migration 0008:
            # SQLite cannot declare NULLS LAST in an index, so no model index can say it.)
            # The home page's newest articles of each section, a section page and its
            # count: one index range each. On PostgreSQL migration 0009 makes it with the
            # expiry INCLUDEd, so the count reads the index alone (an index-only scan);
            # SQLite has no INCLUDE, and a model index cannot say it without a warning.
            models.Index(
                fields=["section", "status", "published_at"], name="article_section_public_idx"
            ),
            # The home page's lead story: the newest featured one, however long ago (a
            # backward walk of every published row when none was featured lately).
            models.Index(
                fields=["published_at"],
                condition=Q(is_featured=True, status="published"),
                name="article_featured_idx",
            ),
            # Each month's newest change (publication or later edit), by the month of
            # publication: the sitemap index dates each month's article sitemap with one
            # probe, whatever the archive holds.
            # (On PostgreSQL migration 0011 makes it covering, INCLUDE the columns the
            # probe filters on, so the probe reads the index alone: a model index cannot
            # say so without a warning on SQLite, which has no INCLUDE.)
            models.Index(
                VietnamMonth("published_at"), LAST_MODIFIED, name="article_month_lastmod_idx"
            ),
            # The next expiry (newsroom.pagecache's horizon): the few rows that have one.
            models.Index(
                fields=["expires_at"],
                condition=Q(expires_at__isnull=False),
                name="article_expiry_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_date",
                violation_error_message="Bài đã duyệt đăng phải có thời điểm đăng.",
            ),
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True)
                | Q(published_at__isnull=True)
                | Q(expires_at__gt=models.F("published_at")),
                name="article_expires_after_publication",
                violation_error_message="Thời điểm hết hạn phải sau thời điểm đăng.",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, bylines=None, tidied=False, **kwargs):
        """Derive the article's own fields and store it as a new version.

        ``bylines``: the byline names, when the caller knows them before the bylines
        are stored (the write path, ``articles.editing``); else they are read back.
        ``tidied``: the caller has just run ``tidy()`` (cleaning plain text is not
        idempotent: a typed "&lt;b&gt;" is text once, a tag the second time).
        """
        if not tidied:
            self.tidy()
        self.fill_search_documents(bylines)
        self.version += 1
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "version", "updated_at", *SEARCH_FIELDS}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:article", kwargs={"slug": self.slug})

    def tidy(self):
        """Clean what was typed (text, rich text) and derive the address, once per save."""
        self.title = text.clean_line(self.title)
        self.source = text.clean_line(self.source)
        self.lead = text.html_to_text(self.lead)
        self.body = richtext.sanitise(self.body)
        if self.slug:
            self.slug = text.slugify(self.slug, max_length=200)
        if not self.slug:
            self.slug = text.unique_slug(
                self.title,
                Article.objects.all(),
                max_length=200,
                exclude_pk=self.pk,
                fallback="bai-viet",
                reserved=ArticleSlug.objects.exclude(article_id=self.pk),
            )

    def clean(self):
        if self.slug and (taken := self.slug_redirecting_elsewhere(text.slugify(self.slug))):
            raise ValidationError({"slug": self.old_slug_message(taken)})

    def slug_redirecting_elsewhere(self, slug):
        """``slug`` if it is another article's old address (it redirects there), else None.

        Old addresses are reserved: an article taking one would break the other's links.
        """
        others = ArticleSlug.objects.filter(slug=slug)
        if self.pk is not None:
            others = others.exclude(article_id=self.pk)
        return slug if slug and others.exists() else None

    @staticmethod
    def old_slug_message(slug):
        return (
            f"Đường dẫn “{slug}” là đường dẫn cũ của một bài khác và vẫn chuyển về bài đó; "
            "hãy chọn đường dẫn khác, hoặc để trống để hệ thống tự tạo từ tiêu đề."
        )

    def remember_slug(self, old_slug):
        """Keep an address this article had so links to it redirect here."""
        ArticleSlug.objects.filter(article=self, slug=self.slug).delete()
        if old_slug and old_slug != self.slug:
            ArticleSlug.objects.update_or_create(slug=old_slug, defaults={"article": self})

    def fill_search_documents(self, bylines=None):
        """Derive the reader-search documents; bylines are read from the database if not given."""
        if bylines is None:
            bylines = []
            if self.pk:
                names = Authorship.objects.filter(article=self).order_by("position", "pk")
                bylines = list(names.values_list("author__name", flat=True))
        body = text.html_to_text(self.body)
        self.search_title = search.document(self.title)
        self.search_title_toned = search.toned_document(self.title)
        self.search_all = search.document(self.title, self.lead, body, *bylines)
        self.search_all_toned = search.toned_document(self.title, self.lead, body, *bylines)

    def is_published(self, now=None):
        now = now or timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
            and (self.expires_at is None or self.expires_at > now)
        )

    def is_scheduled(self, now=None):
        now = now or timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > now
        )

    def is_expired(self, now=None):
        now = now or timezone.now()
        return self.status == self.Status.PUBLISHED and (
            self.expires_at is not None and self.expires_at <= now
        )

    @property
    def last_modified(self):
        """The reader-facing "updated" time: feeds' <updated>, sitemaps' lastmod, JSON-LD's
        dateModified. The publication time, or later if the text was edited, restored or
        corrected (``modified_at``, set by the workflow module) after it went out."""
        if self.published_at is None:
            return self.modified_at
        if self.modified_at is None:
            return self.published_at
        return max(self.published_at, self.modified_at)

    def state_label(self, now=None):
        """Status as the newsroom says it: a published article may be waiting or expired."""
        if self.is_scheduled(now):
            return "Đã lên lịch"
        if self.is_expired(now):
            return "Hết hạn"
        return self.get_status_display()


class Authorship(models.Model):
    class Role(models.TextChoices):
        TEXT = "text", "Bài"
        PHOTO = "photo", "Ảnh"
        TEXT_AND_PHOTO = "text_photo", "Bài và ảnh"

    article = models.ForeignKey(
        Article, verbose_name="bài viết", on_delete=models.CASCADE, related_name="authorships"
    )
    author = models.ForeignKey(
        Author, verbose_name="tác giả", on_delete=models.PROTECT, related_name="authorships"
    )
    role = models.CharField(
        "vai trò",
        max_length=20,
        choices=Role,
        blank=True,
        default=Role.TEXT,
        help_text="Để trống để in tên như đã viết, không kèm “(bài)” hay “(ảnh)”.",
    )
    position = models.PositiveSmallIntegerField(
        "thứ tự", default=0, help_text="Số nhỏ đứng trước trong dòng ký tên."
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "ký tên"
        verbose_name_plural = "ký tên"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "author"],
                name="authorship_once_per_article",
                violation_error_message="Một tác giả chỉ ký một lần trong một bài.",
            )
        ]

    def __str__(self):
        if not self.role:
            return str(self.author)
        return f"{self.author} ({self.get_role_display()})"


class Listing(models.Model):
    """A published article's place in one linked list (a tag's, a byline's), with its
    publication window copied from the article.

    Kept by the write path (``articles.listings``) for published articles, scheduled
    ones included. A list's page is then one range of the list's index, newest first,
    whatever the archive's size: through the link tables, a tag carried by one article
    in a hundred had its thousand rows fetched and sorted per page at 100k articles.
    The lists still check the article itself (``published()``), so a row out of step
    can hide an article from a list but never show one that is not public.
    """

    published_at = models.DateTimeField()
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class TagListing(Listing):
    # (Indexed by the constraint and the order index, which both start with it.)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="listings", db_index=False)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="tag_listings")

    class Meta:
        verbose_name = "bài trong danh sách thẻ"
        verbose_name_plural = "bài trong danh sách thẻ"
        constraints = [models.UniqueConstraint(fields=["tag", "article"], name="tag_listing_once")]
        indexes = [
            # The expiry last: the count reads the index alone (an index-only scan).
            models.Index(
                fields=["tag", "published_at", "article", "expires_at"],
                name="tag_listing_order_idx",
            )
        ]

    def __str__(self):
        return f"{self.tag}: {self.article}"


class AuthorListing(Listing):
    author = models.ForeignKey(
        Author, on_delete=models.CASCADE, related_name="listings", db_index=False
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="author_listings")

    class Meta:
        verbose_name = "bài trong danh sách tác giả"
        verbose_name_plural = "bài trong danh sách tác giả"
        constraints = [
            models.UniqueConstraint(fields=["author", "article"], name="author_listing_once")
        ]
        indexes = [
            models.Index(
                fields=["author", "published_at", "article", "expires_at"],
                name="author_listing_order_idx",
            )
        ]

    def __str__(self):
        return f"{self.author}: {self.article}"


class ArticlePhoto(models.Model):
    """A library photo an article shows: its cover or a figure of its body.

    Kept by the write path (``articles.editing``) from the cover and the body's
    references whenever either changes, so "which articles show this photo" is one
    indexed look-up for the library, its permissions and cache purges. A photo an
    article shows cannot be deleted.
    """

    class Place(models.TextChoices):
        COVER = "cover", "Ảnh đại diện"
        BODY = "body", "Ảnh trong bài"

    article = models.ForeignKey(
        Article, verbose_name="bài viết", on_delete=models.CASCADE, related_name="photo_uses"
    )
    photo = models.ForeignKey(
        "photos.Photo",
        verbose_name="ảnh",
        on_delete=models.PROTECT,
        related_name="article_uses",
    )
    place = models.CharField("vị trí", max_length=10, choices=Place)

    class Meta:
        verbose_name = "ảnh dùng trong bài"
        verbose_name_plural = "ảnh dùng trong bài"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "photo", "place"], name="article_photo_once_per_place"
            )
        ]

    def __str__(self):
        return f"{self.get_place_display()} số {self.photo_id}: {self.article}"


class ArticleSlug(models.Model):
    """An address an article used to have; requests for it are redirected (301)."""

    slug = models.SlugField("đường dẫn cũ", max_length=200, unique=True)
    article = models.ForeignKey(
        Article, verbose_name="bài viết", on_delete=models.CASCADE, related_name="old_slugs"
    )
    created_at = models.DateTimeField("đổi lúc", auto_now_add=True)

    class Meta:
        verbose_name = "đường dẫn cũ"
        verbose_name_plural = "đường dẫn cũ"

    def __str__(self):
        return self.slug


class Correction(models.Model):
    """A correction note (đính chính) printed under a published article, with its date."""

    article = models.ForeignKey(
        Article, verbose_name="bài viết", on_delete=models.CASCADE, related_name="corrections"
    )
    text = models.TextField(
        "nội dung đính chính",
        help_text="Nói rõ điều gì đã sai và nay sửa thế nào, ví dụ “Bài trước ghi nhầm …”.",
    )
    published_at = models.DateTimeField("đính chính lúc", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người đính chính",
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["published_at", "pk"]
        verbose_name = "đính chính"
        verbose_name_plural = "đính chính"

    def __str__(self):
        return f"Đính chính ngày {timezone.localtime(self.published_at):%d/%m/%Y}: {self.article}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#dinh-chinh"
