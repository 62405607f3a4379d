from django.db import models
from django_tasks_db.models import DBTaskResult


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


class TaskRun(DBTaskResult):
    """django-tasks-db's queue rows, in the newsroom's admin under "Tác vụ nền"."""

    class Meta:
        proxy = True
        verbose_name = "tác vụ"
        verbose_name_plural = "hàng đợi tác vụ"

    def __str__(self):
        from .periodic import labels  # periodic imports this module

        return f"{labels.get(self.task_path, self.task_path)} ({self.get_status_display()})"
