"""``manage.py seed_demo``: demo accounts, the publisher, records, photos and articles."""

import logging

from django.core.management.base import BaseCommand
from django.db import transaction

from articles import demo as articles_demo
from clusters import demo as clusters_demo
from newsroom import demo as newsroom_demo

# Each step is idempotent: running the command again adds nothing twice. The article
# step seeds the photo library it needs (photos.demo).
STEPS = [
    ("Tài khoản trình diễn", newsroom_demo.seed_accounts),
    ("Thông tin cơ quan", newsroom_demo.seed_publisher),
    ("Hồ sơ thi đua", clusters_demo.seed),
    ("Tin bài", articles_demo.seed),
]
# Every article write and photo clearance is logged at INFO; seeding makes dozens, and the
# steps report their own progress.
WORKFLOW_LOGGERS = ["articles.recording", "photos.clearance"]


class Command(BaseCommand):
    help = "Tạo dữ liệu trình diễn (chạy lại không tạo trùng)."

    def handle(self, *args, **options):
        total = len(STEPS)
        workflow_logs = [logging.getLogger(name) for name in WORKFLOW_LOGGERS]
        levels = [log.level for log in workflow_logs]
        for log in workflow_logs:
            log.setLevel(logging.WARNING)
        try:
            for number, (title, step) in enumerate(STEPS, start=1):
                self.stdout.write(self.style.MIGRATE_HEADING(f"[{number}/{total}] {title}"))
                with transaction.atomic():
                    step(self.stdout.write)
        finally:
            for log, level in zip(workflow_logs, levels, strict=True):
                log.setLevel(level)
        self.stdout.write(self.style.SUCCESS("Xong dữ liệu trình diễn."))
