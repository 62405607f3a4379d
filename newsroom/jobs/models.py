from django.db import models


class PeriodicRun(models.Model):
    """When a periodic job is next due; claimed with one conditional UPDATE."""

    name = models.CharField("tác vụ", max_length=200, unique=True)
    due_at = models.DateTimeField("đến hạn lúc")
    last_enqueued_at = models.DateTimeField("xếp hàng lần cuối lúc", null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "tác vụ định kỳ"
        verbose_name_plural = "tác vụ định kỳ"

    def __str__(self):
        return self.name
