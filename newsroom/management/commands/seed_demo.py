import logging

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

# Each step is idempotent: running the command again adds nothing twice.
STEPS = [
    ("Tài khoản trình diễn", "newsroom.demo.seed_accounts"),
    ("Thông tin cơ quan", "newsroom.demo.seed_publisher"),
    ("Hồ sơ thi đua", "clusters.demo.seed"),
    ("Tin bài", "articles.demo.seed"),
]
WORKFLOW_LOGGERS = ["articles.publishing", "photos.clearance"]


class Command(BaseCommand):
    help = "Tạo dữ liệu trình diễn (chạy lại không tạo trùng)."

    def handle(self, *args, **options):
        total = len(STEPS)
        # The workflow logs every transition at INFO; seeding makes dozens of them, and
        # the steps report their own progress.
        workflow_logs = [logging.getLogger(name) for name in WORKFLOW_LOGGERS]
        levels = [log.level for log in workflow_logs]
        for log in workflow_logs:
            log.setLevel(logging.WARNING)
        try:
            for number, (title, dotted) in enumerate(STEPS, start=1):
                self.stdout.write(self.style.MIGRATE_HEADING(f"[{number}/{total}] {title}"))
                step = import_string(dotted)
                with transaction.atomic():
                    step(self.stdout.write)
        finally:
            for log, level in zip(workflow_logs, levels, strict=True):
                log.setLevel(level)
        self.stdout.write(self.style.SUCCESS("Xong dữ liệu trình diễn."))
