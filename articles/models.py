from django.db import models
from django.urls import reverse

from newsroom import text


class SectionQuerySet(models.QuerySet):
    def in_menu(self):
        return self.filter(is_in_menu=True, parent__isnull=True).order_by("position", "name")


class Section(models.Model):
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

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "chuyên mục"
        verbose_name_plural = "chuyên mục"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = text.clean_line(self.name)
        if not self.slug:
            self.slug = text.unique_slug(
                self.name,
                Section.objects.all(),
                max_length=140,
                exclude_pk=self.pk,
                fallback="chuyen-muc",
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})
