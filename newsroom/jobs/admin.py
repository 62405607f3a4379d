"""The task queue and the periodic jobs in the admin, in Vietnamese and read-only.

django-tasks-db registers an English admin of its own; ours replaces it. A failed
task shows its traceback, so an administrator can see why renditions are missing.
"""

from django.contrib import admin
from django.utils.html import format_html
from django_tasks_db.models import DBTaskResult, get_date_max

from .models import PeriodicRun, TaskRun
from .periodic import labels

if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TaskRun)
class TaskRunAdmin(ReadOnlyAdmin):
    list_display = ["name", "state", "enqueued_at", "started_at", "finished_at", "queue"]
    list_filter = ["status", "queue_name"]
    ordering = ["-enqueued_at"]
    date_hierarchy = "enqueued_at"
    fields = [
        "name",
        "task",
        "state",
        "queue",
        "arguments",
        "enqueued_at",
        "run_after_time",
        "started_at",
        "finished_at",
        "result",
        "error",
    ]
    readonly_fields = fields

    @admin.display(description="tác vụ", ordering="task_path")
    def name(self, obj):
        return labels.get(obj.task_path, obj.task_path)

    @admin.display(description="hàm")
    def task(self, obj):
        return obj.task_path

    @admin.display(description="trạng thái", ordering="status")
    def state(self, obj):
        return obj.get_status_display()  # Django's labels, Vietnamese in its catalogue

    @admin.display(description="hàng đợi", ordering="queue_name")
    def queue(self, obj):
        return obj.queue_name

    @admin.display(description="tham số")
    def arguments(self, obj):
        return obj.args_kwargs

    @admin.display(description="chạy sau")
    def run_after_time(self, obj):
        return "—" if obj.run_after == get_date_max() else obj.run_after

    @admin.display(description="kết quả")
    def result(self, obj):
        return "—" if obj.return_value is None else obj.return_value

    @admin.display(description="lỗi")
    def error(self, obj):
        if not obj.traceback:
            return "—"
        return format_html("<pre>{}</pre>", obj.traceback)


@admin.register(PeriodicRun)
class PeriodicRunAdmin(ReadOnlyAdmin):
    list_display = ["job", "due_at", "last_enqueued_at"]
    fields = ["job", "name", "due_at", "last_enqueued_at"]
    readonly_fields = fields

    @admin.display(description="việc", ordering="name")
    def job(self, obj):
        return labels.get(obj.name, obj.name)
