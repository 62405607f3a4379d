"""What the newsroom edits about importing: the abbreviation glossary and the typo list."""

from django.conf import settings
from django.db import models

from newsroom import text

from .abbreviations import forget_glossary


def _words(value):
    return [word.strip() for word in (value or "").split(",") if word.strip()]


class Abbreviation(models.Model):
    letters = models.CharField(
        "chữ viết tắt",
        max_length=20,
        help_text="Viết đúng chữ hoa như trong bài, ví dụ: ANTT, PGĐ.",
    )
    expansion = models.CharField(
        "nghĩa đầy đủ", max_length=200, help_text="Ví dụ: an ninh trật tự."
    )
    context = models.CharField(
        "từ ngữ đi kèm",
        max_length=300,
        blank=True,
        help_text="Khi một chữ viết tắt có nhiều nghĩa: các từ thường gặp gần nghĩa này, cách "
        "nhau bằng dấu phẩy (ví dụ «phòng, Tham mưu» cho TP là Trưởng phòng). Để trống cho "
        "nghĩa mặc định.",
    )
    is_active = models.BooleanField("đang dùng", default=True)

    class Meta:
        ordering = ["letters", "expansion"]
        verbose_name = "chữ viết tắt"
        verbose_name_plural = "bảng chữ viết tắt"
        constraints = [
            models.UniqueConstraint(
                fields=["letters", "expansion"],
                name="abbreviation_unique_meaning",
                violation_error_message="Chữ viết tắt này đã có nghĩa này.",
            )
        ]

    def __str__(self):
        return f"{self.letters} – {self.expansion}"

    def save(self, *args, **kwargs):
        self.letters = text.clean_line(self.letters)
        self.expansion = text.clean_line(self.expansion)
        self.context = ", ".join(_words(text.clean_line(self.context)))
        super().save(*args, **kwargs)
        forget_glossary()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        forget_glossary()
        return result

    @property
    def context_words(self):
        return _words(self.context)


class StyleRule(models.Model):
    wrong = models.CharField(
        "cách viết sai",
        max_length=100,
        help_text="Từ hoặc cụm từ cần cảnh báo, ví dụ: xẩy ra. So khớp không phân biệt chữ "
        "hoa và vị trí dấu thanh.",
    )
    right = models.CharField("cách viết đúng", max_length=100, help_text="Ví dụ: xảy ra.")
    note = models.CharField("ghi chú", max_length=200, blank=True)
    case_sensitive = models.BooleanField(
        "phân biệt chữ hoa",
        default=False,
        help_text="Đánh dấu khi lỗi nằm ở chữ hoa, ví dụ «bộ Công an» thay vì «Bộ Công an».",
    )
    is_active = models.BooleanField("đang dùng", default=True)
    wrong_key = models.CharField(max_length=100, editable=False, db_index=True)

    class Meta:
        ordering = ["wrong_key"]
        verbose_name = "lỗi chính tả thường gặp"
        verbose_name_plural = "lỗi chính tả thường gặp"
        constraints = [
            models.UniqueConstraint(
                fields=["wrong_key", "case_sensitive"],
                name="stylerule_unique_wrong",
                violation_error_message="Cách viết sai này đã có trong danh sách.",
            )
        ]

    def __str__(self):
        return f"{self.wrong} → {self.right}"

    def save(self, *args, **kwargs):
        self.wrong = text.clean_line(self.wrong)
        self.right = text.clean_line(self.right)
        self.note = text.clean_line(self.note)
        self.wrong_key = text.tone_normalise(self.wrong)
        super().save(*args, **kwargs)

    def validate_constraints(self, exclude=None):
        # wrong_key is derived in save(); derive it first so a duplicate is a form error.
        self.wrong_key = text.tone_normalise(text.clean_line(self.wrong))
        super().validate_constraints(exclude=exclude)


class Import(models.Model):
    """One article brought in through the importer: where it came from and its own date."""

    class Source(models.TextChoices):
        TEXT = "text", "văn bản dán vào"
        HTML = "html", "nội dung dán từ trang web"
        DOCX = "docx", "tệp Word (.docx)"
        FILE = "file", "tệp văn bản (.txt)"

    article = models.OneToOneField(
        "articles.Article",
        verbose_name="bài viết",
        on_delete=models.CASCADE,
        related_name="import_record",
    )
    source = models.CharField("nguồn", max_length=10, choices=Source.choices)
    filename = models.CharField("tên tệp", max_length=255, blank=True)
    original_date = models.DateField(
        "ngày của bài gốc",
        help_text="Ngày bài được viết; hồ sơ (đơn vị, cán bộ) được đối chiếu theo ngày này. "
        "Biên tập viên có thể đăng bài lưu trữ với ngày gốc.",
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhập",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_at = models.DateTimeField("nhập lúc", auto_now_add=True)

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name = "bài đã nhập"
        verbose_name_plural = "bài đã nhập"

    def __str__(self):
        return f"{self.article} ({self.get_source_display()})"


class RecordRequest(models.Model):
    """An official named in an article (with a rank) whom the records do not hold yet."""

    name = models.CharField("họ tên như trong bài", max_length=120)
    rank_text = models.CharField("cấp bậc hàm như trong bài", max_length=60, blank=True)
    position_text = models.CharField("chức vụ như trong bài", max_length=300, blank=True)
    phrase = models.CharField("câu trong bài", max_length=500, blank=True)
    article = models.ForeignKey(
        "articles.Article",
        verbose_name="bài viết",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="record_requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người đề nghị",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    requested_at = models.DateTimeField("đề nghị lúc", auto_now_add=True)
    is_done = models.BooleanField(
        "đã xử lý",
        default=False,
        help_text="Đánh dấu khi đã thêm cán bộ vào hồ sơ (hoặc thấy không cần thêm).",
    )
    note = models.CharField("ghi chú của bộ phận hồ sơ", max_length=300, blank=True)

    class Meta:
        ordering = ["is_done", "-requested_at", "-pk"]
        verbose_name = "đề nghị bổ sung hồ sơ cán bộ"
        verbose_name_plural = "đề nghị bổ sung hồ sơ cán bộ"

    def __str__(self):
        return " ".join(filter(None, [self.rank_text, self.name]))

    def save(self, *args, **kwargs):
        for name in ("name", "rank_text", "position_text", "phrase", "note"):
            setattr(self, name, text.clean_line(getattr(self, name)))
        super().save(*args, **kwargs)
