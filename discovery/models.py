from django.db import models


class ViewCount(models.Model):
    """Readers' views of an article on one day (Asia/Ho_Chi_Minh); feeds the most-read list.

    One row per article and day, incremented in the database, so a reader never
    writes to the article row itself.
    """

    article = models.ForeignKey(
        "articles.Article",
        verbose_name="bài viết",
        on_delete=models.CASCADE,
        related_name="view_counts",
    )
    day = models.DateField("ngày")
    count = models.PositiveIntegerField("lượt xem", default=0)

    class Meta:
        ordering = ["-day", "article"]
        verbose_name = "lượt xem trong ngày"
        verbose_name_plural = "lượt xem theo ngày"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "day"],
                name="view_count_once_per_article_day",
                violation_error_message="Mỗi bài chỉ có một dòng lượt xem cho mỗi ngày.",
            )
        ]
        indexes = [models.Index(fields=["day", "article"], name="view_count_day_idx")]

    def __str__(self):
        return f"{self.article} – {self.day:%d/%m/%Y}: {self.count}"
